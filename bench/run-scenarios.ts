// The run order: ceiling, end-to-end on SQLite then PostgreSQL, the pg-boss baseline, isolation, backlog, scale-out. Each
// scenario's outcome is kept whatever happens to the others.
import { existsSync } from 'node:fs';
import { fmt } from './format.ts';
import { outcomeOf, ScenarioSkipped } from './outcome.ts';
import type { Outcome } from './outcome.ts';
import type { Plan } from './plan.ts';
import { serverRoot } from './postback-process.ts';
import type { BenchPostgres } from './postgres.ts';
import { summarizeProfile } from './profile-summary.ts';
import type { Progress } from './progress.ts';
import type { StatementSummary } from './statement-stats.ts';
import type { ReceiverFleet } from './receiver-fleet.ts';
import type { LabelledProfile, Scenarios } from './report.ts';
import { runBacklog } from './scenarios/backlog.ts';
import { runCeiling } from './scenarios/ceiling.ts';
import { runEndToEnd } from './scenarios/end-to-end.ts';
import type { EndToEndResult } from './scenarios/end-to-end.ts';
import { runIsolationScenarios } from './scenarios/isolation.ts';
import { runPgBossBaseline } from './scenarios/pgboss-baseline.ts';
import { runScaleOut } from './scenarios/scale-out.ts';

export const scenarioNames = ['ceiling', 'sqlite', 'postgres', 'pgboss', 'isolation', 'backlog', 'scaleout'] as const;

export type RunOptions = { plan: Plan; fleet: ReceiverFleet; only: string[]; postgres: Promise<BenchPostgres> | null; profileDir: string | null; progress: Progress };

export type RunResult = { scenarios: Scenarios; profiles: LabelledProfile[]; statements: StatementSummary | null };

export async function runScenarios(options: RunOptions): Promise<RunResult> {
  const { plan, fleet, only, progress } = options;
  const ok = await fleet.open(Array.from({ length: Math.max(plan.fanOut, plan.isolation.webhooks, plan.backlog.webhooks) }, () => 'ok' as const));
  const hanging = await fleet.open(Array.from({ length: plan.isolation.hanging }, () => 'hang' as const));
  const e2eReceivers = ok.slice(0, plan.fanOut);
  const run = async <T extends object>(name: (typeof scenarioNames)[number], scenario: () => Promise<T>, summary: (result: T) => string): Promise<Outcome<T>> => {
    if (!only.includes(name)) return { status: 'skipped', reason: `not selected (--only ${only.join(',')})`, seconds: 0 };
    const outcome = await outcomeOf(scenario);
    progress.note(`${name} (${outcome.seconds} s): ${outcome.status === 'completed' ? summary(outcome as T) : `${outcome.status}: ${outcome.reason.split('\n')[0]}`}`);
    return outcome;
  };
  const database = (prefix: string) => async (): Promise<string> => {
    // fails as a skip: without a PostgreSQL server there is nothing to measure the PostgreSQL scenarios on
    const pg = await options.postgres!.catch((error: unknown) => { throw new ScenarioSkipped(`embedded PostgreSQL did not start: ${String(error)}`); });
    return pg.freshDatabase(prefix);
  };
  const saturated = (result: { phases: EndToEndResult['phases'] }): string => `${fmt.rate(result.phases.find((phase) => phase.offeredEventsPerS === null)?.deliveriesPerS ?? Number.NaN)} deliveries at saturation`;

  const measureCeiling = () => (progress.stage('ceiling: raw undici POSTs', 100),
    runCeiling({ fleet, receivers: e2eReceivers, concurrency: plan.concurrency, ...plan.ceiling, progress: (f) => progress.update(f * 100) }));
  const ceiling = await run('ceiling', measureCeiling,
    (result) => `${fmt.rate(result.requestsPerS)} raw POSTs`);
  const endToEndSqlite = await run('sqlite', () => runEndToEnd({ store: 'sqlite', plan, fleet, receivers: e2eReceivers, profileDir: options.profileDir, progress }), saturated);
  let postbackDatabase: string | null = null;
  const postbackDatabaseUrl = async (): Promise<string> => (postbackDatabase = await database('postback_bench')());
  const endToEndPostgres = await run('postgres', () => runEndToEnd({ store: 'postgres', plan, fleet, receivers: e2eReceivers, databaseUrl: postbackDatabaseUrl, profileDir: options.profileDir, progress }), saturated);
  // the run's database is its own, so its statements are this scenario's alone; fails open: without
  // pg_stat_statements the report simply has no statement ranking
  const statements = options.profileDir && postbackDatabase !== null
    ? await (await options.postgres!).topStatements(postbackDatabase).catch((error: unknown) => { progress.note(`pg_stat_statements: ${String(error)}`); return null; })
    : null;
  const pgbossBaseline = await run('pgboss', () => runPgBossBaseline({ plan, fleet, receivers: e2eReceivers, databaseUrl: database('pgboss_bench'), progress }), saturated);
  const isolation = await run('isolation', () => runIsolationScenarios({ plan, fleet, healthy: ok, hanging, progress }),
    (result) => `healthy webhooks kept ${Math.round(result.throughputKept * 100)} % of their deliveries/s; another tenant's p99 ${result.tenants.map((run) => `${run.p99Ratio.toFixed(2)}x`).join(', ')} of alone beside ${result.tenants.map((run) => run.hanging).join(', ')} hanging`);
  const backlog = await run('backlog', () => runBacklog({ plan, fleet, receivers: ok, progress }),
    (result) => `${fmt.rate(result.drainDeliveriesPerS)} drained, worker peak ${fmt.mb(result.peakRssMb)}`);
  const scaleOut = await run('scaleout', () => runScaleOut({ plan, fleet, receivers: e2eReceivers, databaseUrl: database('postback_scaleout'), progress }),
    (result) => result.runs.map((r) => `${r.workers} worker(s) ${fmt.rate(r.drainDeliveriesPerS)} drained`).join(', '));

  // the ceiling again, as the run ends: what else ran on the machine moves it, and the spread is reported
  if (ceiling.status === 'completed' && !plan.quick) {
    const again = await outcomeOf(measureCeiling);
    if (again.status === 'completed') Object.assign(ceiling, { atEndPerS: again.requestsPerS, requestsPerS: Math.max(ceiling.atStartPerS, again.requestsPerS) });
  }

  const profiles: LabelledProfile[] = [];
  for (const [label, outcome] of [['end-to-end, SQLite', endToEndSqlite], ['end-to-end, PostgreSQL', endToEndPostgres]] as const) {
    const file = outcome.status === 'completed' ? outcome.profileFile : null;
    if (file && existsSync(file)) profiles.push({ label, ...(await summarizeProfile(file, serverRoot)) });
  }
  return { scenarios: { ceiling, endToEndSqlite, endToEndPostgres, pgbossBaseline, isolation, backlog, scaleOut }, profiles, statements };
}
