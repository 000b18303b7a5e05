// The report's notes: the external reference figure, what to run next, and why a scenario did not complete.
import { phaseAt, peakRate } from './figures.ts';
import { fmt } from './format.ts';
import type { Report } from './report.ts';

export function notesFor(scenarios: Report['scenarios'], targets: Report['targets'], profiled: boolean): string[] {
  const notes: string[] = [];
  const p95 = phaseAt(scenarios.endToEndSqlite, 200)?.latencyMs.p95;
  notes.push(`Reference, not measured here: Convoy publishes a delivery p95 of 124 ms at 200 events/s (PostgreSQL queue); Postback on SQLite measured ${p95 === undefined ? 'n/a' : `${fmt.ms(p95)} ms`} p95 at 200 events/s in this run.`);
  if (Number.isFinite(peakRate(scenarios.endToEndSqlite)) && !profiled && targets.some((target) => target.met === false)) {
    notes.push('Targets not met: run `npm run bench -- --profile --only sqlite,postgres` to rank the server\'s hottest functions.');
  }
  for (const [name, outcome] of Object.entries(scenarios)) {
    if (outcome.status !== 'completed' && !outcome.reason.startsWith('not selected')) notes.push(`${name} ${outcome.status}: ${outcome.reason.split('\n')[0]}`);
  }
  return notes;
}
