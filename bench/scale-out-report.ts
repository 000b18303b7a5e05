// The scale-out scenario in the report: its table rows and its chart (deliveries/s against worker processes).
import { fmt } from './format.ts';
import type { Figure, Scenarios } from './report.ts';
import { barChart } from './svg-charts.ts';

type Completed = Extract<NonNullable<Scenarios['scaleOut']>, { status: 'completed' }>;

const workersLabel = (workers: number): string => `${workers} worker${workers === 1 ? '' : 's'}`;

const completedRuns = (scenarios: Scenarios): Completed | null => (scenarios.scaleOut?.status === 'completed' ? scenarios.scaleOut : null);

export function scaleOutFigures(scenarios: Scenarios, ceiling: number): Figure[] {
  const outcome = scenarios.scaleOut;
  if (outcome === undefined) return [];
  if (outcome.status !== 'completed') return [{ scenario: 'scale-out', figure: outcome.status, value: '-', ratio: outcome.reason.split('\n')[0]!.slice(0, 120) }];
  const [first] = outcome.runs;
  const rows: Figure[] = [];
  for (const run of outcome.runs) {
    const label = workersLabel(run.workers);
    const missing = run.delivered < run.backlog ? ` (${run.backlog - run.delivered} not drained in time)` : '';
    rows.push({ scenario: 'scale-out', figure: `drain: ${run.backlog.toLocaleString('en-US')} pending by ${label}${missing}`, value: fmt.rate(run.drainDeliveriesPerS),
      ratio: `${fmt.ratio(run.drainDeliveriesPerS / first!.drainDeliveriesPerS, workersLabel(first!.workers))}; ${fmt.ratio(run.drainDeliveriesPerS / ceiling, 'ceiling')}` });
    // bound by what the one API publishes while it shares the cores with the workers: the published rate says so
    rows.push({ scenario: 'scale-out', figure: `saturation with ${label} (the API published ${Math.round(run.saturation.publishedEventsPerS)} events/s)`, value: fmt.rate(run.saturation.deliveriesPerS),
      ratio: `${fmt.ratio(run.saturation.deliveriesPerS / first!.saturation.deliveriesPerS, workersLabel(first!.workers))}; p50 / p95 / p99 ${fmt.ms(run.saturation.latencyMs.p50)} / ${fmt.ms(run.saturation.latencyMs.p95)} / ${fmt.ms(run.saturation.latencyMs.p99)} ms` });
    rows.push({ scenario: 'scale-out', figure: `peak RSS with ${label}: each worker; the API`, value: run.workerPeakRssMb.map(fmt.mb).join(', '), ratio: `API ${fmt.mb(run.apiPeakRssMb)}` });
  }
  return rows;
}

export function scaleOutCharts(scenarios: Scenarios): string[] {
  const outcome = completedRuns(scenarios);
  if (outcome === null) return [];
  return [
    barChart(`Deliveries/s by worker processes on one PostgreSQL (${outcome.webhooks} webhooks, POSTBACK_CONCURRENCY ${outcome.concurrency}, pool ${outcome.databasePool} each)`, outcome.runs.flatMap((run) => [
      { label: `${workersLabel(run.workers)}: backlog drain`, value: run.drainDeliveriesPerS, color: '#2563eb' },
      { label: `${workersLabel(run.workers)}: saturation`, value: run.saturation.deliveriesPerS, color: '#16a34a' },
    ]), '/s', 760),
    barChart('Peak RSS of the busiest worker', outcome.runs.map((run) => ({ label: workersLabel(run.workers), value: Math.max(...run.workerPeakRssMb) })), ' MB'),
  ];
}
