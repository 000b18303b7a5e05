// What `postback simulate` prints when it ends (without --json): what was sent, what failed and why, and what was not
// sent, so a run cut short by failures, the rate limit or Ctrl-C says so.
import type { SimulationReport } from '../simulate/run-simulation.ts';
import type { Output } from './command-line.ts';

export function printSimulationReport(out: Output, report: SimulationReport, run: { seed: number; planned: number }): void {
  out.log(`${report.steps} steps, ${report.failed} failed (seed ${run.seed}):`);
  for (const [kind, count] of Object.entries(report.byKind).sort()) out.log(`  ${kind.padEnd(40)} ${count}`);
  if (report.rateLimited > 0) out.log(`${report.rateLimited} answers were 429 (the server's POSTBACK_RATE_LIMIT): each was waited out and its step sent again; a lower --rate goes without`);
  if (report.interrupted) out.log(`Interrupted: ${report.journeys.begun} of ${run.planned} journeys begun; the rest were not sent.`);
  if (report.skipped > 0) out.log(`${report.skipped} steps not sent: their journey stopped at a failed step${report.interrupted ? ', or at the interruption' : ''}.`);
  for (const failure of report.failures) out.error(`  failed: ${failure}`);
  const unlisted = report.failed - report.failures.length;
  if (unlisted > 0) out.error(`  ... and ${unlisted} more failures`);
}
