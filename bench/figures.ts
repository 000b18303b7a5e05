// The table's rows: every figure with a ratio to something measured in the same run (the ceiling, the pg-boss
// baseline, or the all-healthy run), so a slower or faster machine moves both sides together.
import { fmt } from './format.ts';
import type { Figure, Scenarios } from './report.ts';
import type { PhaseResult } from './phase.ts';
import type { MeasuredPhase } from './scenarios/end-to-end.ts';
import { scaleOutFigures } from './scale-out-report.ts';
import type { CpuReading } from './cpu.ts';

const completed = <T extends { status: string }>(outcome: T): outcome is Extract<T, { status: 'completed' }> => outcome.status === 'completed';

/** The saturation phase's deliveries/s of an end-to-end or baseline run, or NaN. */
export function saturationRate(outcome: Scenarios['endToEndSqlite'] | Scenarios['pgbossBaseline']): number {
  return phaseAt(outcome, null)?.deliveriesPerS ?? Number.NaN;
}

/**
 * Peak deliveries/s: the best phase of a run. The closed-loop saturation phase floods ingest, which competes with
 * delivery for the same CPU (and database): a system with cheap ingest, like the pg-boss sender, then delivers
 * less than it does at 1,000 events/s offered. The targets compare peaks, so neither side is judged on its worst.
 */
export function peakRate(outcome: Scenarios['endToEndSqlite'] | Scenarios['pgbossBaseline']): number {
  return completed(outcome) ? Math.max(...outcome.phases.map((phase) => phase.deliveriesPerS)) : Number.NaN;
}

/** CPU milliseconds spread over a phase's deliveries, in µs each. */
export const microsPerDelivery = (ms: number, delivered: number): number => (ms * 1000) / delivered;

/** The phase at an offered rate (null: the saturation phase). */
export function phaseAt(outcome: Scenarios['endToEndSqlite'] | Scenarios['pgbossBaseline'], rate: number | null): MeasuredPhase | undefined {
  return completed(outcome) ? outcome.phases.find((phase) => phase.offeredEventsPerS === rate) : undefined;
}

export function buildFigures(scenarios: Scenarios): Figure[] {
  const rows: Figure[] = [];
  const ceiling = completed(scenarios.ceiling) ? scenarios.ceiling.requestsPerS : Number.NaN;
  const baseline = scenarios.pgbossBaseline;
  const baselineRate = saturationRate(baseline);
  const baselinePeak = peakRate(baseline);
  const baselineRss = completed(baseline) ? baseline.peakRssMb : Number.NaN;
  const skipped = (scenario: string, outcome: { status: string; reason?: string }): void => {
    rows.push({ scenario, figure: outcome.status, value: '-', ratio: (outcome.reason ?? '').split('\n')[0]!.slice(0, 120) });
  };

  if (completed(scenarios.ceiling)) {
    const c = scenarios.ceiling;
    const spread = c.atEndPerS === null ? '' : `; ${fmt.rate(c.atStartPerS)} at the start, ${fmt.rate(c.atEndPerS)} at the end`;
    rows.push({ scenario: 'ceiling', figure: `raw POSTs/s (${c.concurrency} in flight, ${c.receivers} receivers)`, value: fmt.rate(c.requestsPerS), ratio: `${fmt.ratio(1, 'ceiling')}${spread}` });
    rows.push({ scenario: 'ceiling', figure: 'round trip p50 / p95 / p99', value: `${fmt.ms(c.latencyMs.p50)} / ${fmt.ms(c.latencyMs.p95)} / ${fmt.ms(c.latencyMs.p99)} ms`, ratio: '' });
  } else skipped('ceiling', scenarios.ceiling);

  const runs = [['e2e SQLite', scenarios.endToEndSqlite], ['e2e PostgreSQL', scenarios.endToEndPostgres], ['pg-boss DIY', baseline]] as const;
  for (const [scenario, outcome] of runs) {
    if (!completed(outcome)) { skipped(scenario, outcome); continue; }
    const isBaseline = outcome === baseline;
    const peak = peakRate(outcome);
    const best = outcome.phases.find((phase) => phase.deliveriesPerS === peak)!;
    rows.push({ scenario, figure: `peak deliveries/s (best phase: ${best.name})`, value: fmt.rate(peak),
      ratio: `${fmt.ratio(peak / ceiling, 'ceiling')}${isBaseline ? '' : `; ${fmt.ratio(peak / baselinePeak, 'baseline')}`}` });
    for (const phase of outcome.phases) {
      const against = isBaseline ? undefined : phaseAt(baseline, phase.offeredEventsPerS);
      if (phase.offeredEventsPerS === null) {
        const toBaseline = isBaseline ? '' : `; ${fmt.ratio(phase.deliveriesPerS / baselineRate, 'baseline')}`;
        rows.push({ scenario, figure: 'deliveries/s at saturation (closed-loop publishing)', value: fmt.rate(phase.deliveriesPerS), ratio: `${fmt.ratio(phase.deliveriesPerS / ceiling, 'ceiling')}${toBaseline}` });
        rows.push({ scenario, figure: 'publish→delivered p50 / p95 / p99 at saturation', value: fmt.latencies(phase), ratio: against ? fmt.latencyRatio(phase.latencyMs.p99, against.latencyMs.p99, 'baseline p99') : '' });
        if (phase.split) rows.push(saturationParts(scenario, phase.split, phase.publishedEventsPerS, ceiling));
      } else {
        const missing = phase.latencyMs.missing > 0 ? ` (${phase.latencyMs.missing} missing)` : '';
        rows.push({ scenario, figure: `publish→delivered p50 / p95 / p99 at ${phase.offeredEventsPerS} events/s`, value: `${fmt.latencies(phase)}${missing}`,
          ratio: against ? fmt.latencyRatio(phase.latencyMs.p99, against.latencyMs.p99, 'baseline p99') : '' });
      }
      const cpu = 'cpu' in phase ? phase.cpu : null;
      if (cpu && phase.delivered > 0) {
        // CPU per delivery moves much less with the machine's other work than a latency does (cpu.ts)
        const perDelivery = (ms: number) => `${Math.round(microsPerDelivery(ms, phase.delivered))} µs`;
        rows.push({ scenario, figure: `CPU per delivery at ${phase.offeredEventsPerS === null ? 'saturation' : `${phase.offeredEventsPerS} events/s`}: server + PostgreSQL`,
          value: `${perDelivery(cpu.serverMs)} + ${perDelivery(cpu.postgresMs)}`, ratio: cpu.outside && cpu.wallMs ? outsideFigure(cpu.outside, cpu.wallMs) : '' });
        if (phase.offeredEventsPerS === null && cpu.mainThreadMs !== undefined && cpu.machine && cpu.wallMs) rows.push(busyAtSaturation(scenario, cpu.mainThreadMs, cpu.machine, cpu.wallMs));
      }
    }
    rows.push({ scenario, figure: 'peak RSS of the server process', value: fmt.mb(outcome.peakRssMb), ratio: isBaseline ? '' : fmt.ratio(outcome.peakRssMb / baselineRss, 'baseline') });
  }

  const isolation = scenarios.isolation;
  if (completed(isolation)) {
    const { allHealthy: before, withHanging: after } = isolation;
    const label = `${isolation.hanging} of ${isolation.webhooks} hanging`;
    rows.push({ scenario: 'isolation', figure: `healthy deliveries/s at ${isolation.offeredEventsPerS} events/s, ${label}`, value: fmt.rate(after.deliveriesPerS), ratio: fmt.ratio(isolation.throughputKept, 'all healthy') });
    rows.push({ scenario: 'isolation', figure: 'healthy deliveries/s, all healthy', value: fmt.rate(before.deliveriesPerS), ratio: fmt.ratio(before.deliveriesPerS / ceiling, 'ceiling') });
    rows.push({ scenario: 'isolation', figure: `healthy p50 / p95 / p99, ${label}`, value: fmt.latencies(after), ratio: fmt.latencyRatio(after.latencyMs.p99, before.latencyMs.p99, 'all-healthy p99') });
    rows.push({ scenario: 'isolation', figure: 'healthy p50 / p95 / p99, all healthy', value: fmt.latencies(before), ratio: '' });
    for (const run of isolation.tenants ?? []) {
      rows.push({ scenario: 'isolation', figure: `tenant B p50 / p95 / p99 beside tenant A with ${run.hanging} hanging webhooks`, value: fmt.latencies(run.beside), ratio: fmt.latencyRatio(run.beside.latencyMs.p99, run.alone.latencyMs.p99, 'B alone p99') });
      rows.push({ scenario: 'isolation', figure: `tenant B p50 / p95 / p99 alone (before A, ${run.hanging})`, value: fmt.latencies(run.alone), ratio: '' });
      rows.push({ scenario: 'isolation', figure: `tenant A's 2 healthy webhooks meanwhile (${run.hanging} hanging)`, value: fmt.rate(run.healthyADeliveriesPerS), ratio: '' });
    }
  } else skipped('isolation', isolation);

  const backlog = scenarios.backlog;
  if (completed(backlog)) {
    rows.push({ scenario: 'backlog', figure: `build: ${backlog.deliveries.toLocaleString('en-US')} pending (API only, ${backlog.webhooks} webhooks)`, value: fmt.rate(backlog.buildDeliveriesPerS), ratio: fmt.ratio(backlog.buildDeliveriesPerS / ceiling, 'ceiling') });
    rows.push({ scenario: 'backlog', figure: `drain: ${backlog.delivered.toLocaleString('en-US')} delivered in ${backlog.drainSeconds.toFixed(0)} s by one worker`, value: fmt.rate(backlog.drainDeliveriesPerS), ratio: fmt.ratio(backlog.drainDeliveriesPerS / ceiling, 'ceiling') });
    rows.push({ scenario: 'backlog', figure: 'worker peak RSS (RSS at 10 % → 90 % drained)', value: fmt.mb(backlog.peakRssMb), ratio: `${fmt.mb(backlog.rssAt10PercentMb)} → ${fmt.mb(backlog.rssAt90PercentMb)}` });
  } else skipped('backlog', backlog);
  rows.push(...scaleOutFigures(scenarios, ceiling));
  return rows;
}

/**
 * The saturation phase in its two parts: while events are still published (ingest and delivery share the server),
 * and after the last publish (the backlog drained with nothing else to do). The phase's own figure lies between.
 */
function saturationParts(scenario: string, split: NonNullable<PhaseResult['split']>, publishedEventsPerS: number, ceiling: number): Figure {
  const { whilePublishing, afterPublishing } = split;
  const rate = (part: { deliveries: number; seconds: number }) => (part.seconds > 0 ? part.deliveries / part.seconds : Number.NaN);
  return { scenario, figure: 'saturation: deliveries/s while publishing (events/s in) / after the last',
    value: `${fmt.rate(rate(whilePublishing))} (${fmt.rate(publishedEventsPerS)}) / ${fmt.rate(rate(afterPublishing))}`,
    ratio: `${fmt.ratio(rate(afterPublishing) / ceiling, 'ceiling')} after the last publish` };
}

/**
 * The CPU taken outside the benchmark's processes during a phase, in % of one core, and its largest part: a tail
 * latency on a 2-core machine moves with it (README Performance: the tail on this machine).
 */
function outsideFigure(outside: NonNullable<CpuReading['outside']>, wallMs: number): string {
  const percent = (ms: number) => `${((ms / wallMs) * 100).toFixed(1)} %`;
  return `outside the bench: ${percent(outside.ms)} of one core${outside.most ? ` (most: ${outside.most.name}, ${percent(outside.most.ms)})` : ''}`;
}

/** How busy the server's event loop and the whole machine were: a main thread near 100 % beside idle cores is one thread's limit, not the machine's. */
function busyAtSaturation(scenario: string, mainThreadMs: number, machine: { busyMs: number; totalMs: number }, wallMs: number): Figure {
  return { scenario, figure: `busy at saturation: server's main thread; machine (${Math.round(machine.totalMs / wallMs)} cores)`,
    value: `${Math.round((mainThreadMs / wallMs) * 100)} % of one core; ${Math.round((machine.busyMs / machine.totalMs) * 100)} %`, ratio: '' };
}
