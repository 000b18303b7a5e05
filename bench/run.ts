// `npm run bench [-- --quick] [--profile] [--only LIST] [--rates LIST] [--results-dir DIR] [--pg-fsync]`: runs every scenario
// against real processes, prints the table, and writes bench/results/<time>.json|.html plus latest.json|.html.
// Exit code 1 when a scenario failed (a skipped one, e.g. no PostgreSQL store yet, is not a failure); targets
// that are not met are reported, never turned into an exit code.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildFigures } from './figures.ts';
import { describeMachine } from './machine.ts';
import { notesFor } from './notes.ts';
import { planFor } from './plan.ts';
import { projectRoot, serverRoot } from './postback-process.ts';
import { startBenchPostgres } from './postgres.ts';
import type { BenchPostgres } from './postgres.ts';
import { createProgress } from './progress.ts';
import { startReceiverFleet } from './receiver-fleet.ts';
import { reportSchema } from './report.ts';
import type { Report } from './report.ts';
import { renderHtml } from './report-html.ts';
import { renderTable } from './report-table.ts';
import { runScenarios, scenarioNames } from './run-scenarios.ts';
import { evaluateTargets } from './targets.ts';

const usage = `usage: npm run bench -- [--quick] [--profile] [--only ${scenarioNames.join(',')}] [--rates LIST] [--results-dir DIR] [--pg-fsync]
  --quick        the CI smoke: every scenario, small (under 60 s on 2 cores); figures are not meaningful
  --profile      run the servers of the end-to-end scenarios under --cpu-prof and rank their hottest functions,
                 and rank PostgreSQL's statements of the PostgreSQL end-to-end run (pg_stat_statements)
  --only LIST    run only these scenarios (comma-separated); the others are reported as skipped
  --rates LIST   the offered rates (events/s, comma-separated) of the end-to-end and pg-boss runs, e.g. 200
                 for a short A/B of one latency; the saturation phase still runs first
  --results-dir  where the JSON and HTML reports go (default bench/results)
  --pg-fsync     run PostgreSQL with fsync=on (default off, the same crash guarantee as SQLite's synchronous=NORMAL)
  POSTBACK_BENCH_TREE=DIR runs the postback of another checkout (with its node_modules) under this harness`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    quick: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, only: { type: 'string' }, rates: { type: 'string' },
    'results-dir': { type: 'string' }, 'pg-fsync': { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
  } });
  if (values.help) { process.stdout.write(`${usage}\n`); return 0; }
  const only = values.only?.split(',').map((name) => name.trim()).filter(Boolean) ?? [...scenarioNames];
  const unknown = only.filter((name) => !(scenarioNames as readonly string[]).includes(name));
  if (unknown.length > 0) { process.stderr.write(`unknown scenario(s) ${unknown.join(', ')}\n${usage}\n`); return 2; }
  const resultsDir = resolve(values['results-dir'] ?? join(projectRoot, 'bench', 'results'));
  const profileDir = values.profile ? join(resultsDir, 'profiles') : null;
  await mkdir(profileDir ?? resultsDir, { recursive: true });

  const started = new Date();
  const rates = values.rates?.split(',').map(Number);
  if (rates?.some((rate) => !(rate > 0))) { process.stderr.write(`--rates takes events/s above 0, comma-separated\n${usage}\n`); return 2; }
  const plan = { ...planFor(values.quick), ...(rates ? { rates } : {}) };
  const machine = describeMachine(serverRoot);
  const progress = createProgress();
  const fleet = await startReceiverFleet();
  let postgres: Promise<BenchPostgres> | null = null;
  const cleanup = async (): Promise<void> => {
    await fleet.close().catch(() => {});
    await (await postgres?.catch(() => null))?.stop().catch(() => {});
  };
  process.once('SIGINT', () => { void cleanup().finally(() => process.exit(130)); });
  try {
    const needsPostgres = ['postgres', 'pgboss', 'scaleout'].some((name) => only.includes(name));
    // --quick starts PostgreSQL beside the first scenarios (its figures are not read); a full run waits for it, so
    // initdb never competes with a measurement
    if (needsPostgres) postgres = startBenchPostgres({ durable: values['pg-fsync'], statementStats: values.profile });
    if (needsPostgres && !values.quick) await postgres!.catch(() => null);
    const { scenarios, profiles, statements } = await runScenarios({ plan, fleet, only, postgres, profileDir, progress });
    progress.stop();
    const pg = await postgres?.catch(() => null);
    if (pg) Object.assign(machine, await pg.describe().then((d) => ({ postgres: d.version, postgresSettings: d.settings })).catch(() => ({})));
    machine.loadAverageAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
    const targets = evaluateTargets(scenarios, plan);
    const report: Report = {
      schema: reportSchema, quick: plan.quick, command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      startedAt: started.toISOString(), durationS: (Date.now() - started.getTime()) / 1000, machine, plan, scenarios,
      figures: buildFigures(scenarios), targets, profiles, ...(statements ? { statements } : {}), notes: notesFor(scenarios, targets, profiles.length > 0),
    };
    const stamp = started.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    const json = join(resultsDir, `bench-${stamp}.json`);
    const html = join(resultsDir, `bench-${stamp}.html`);
    await writeFile(json, `${JSON.stringify(report, null, 1)}\n`);
    await writeFile(html, renderHtml(report));
    await copyFile(json, join(resultsDir, 'latest.json'));
    await copyFile(html, join(resultsDir, 'latest.html'));
    process.stdout.write(renderTable(report));
    process.stderr.write(`\nreports: ${json}\n         ${html}\n         (and latest.json, latest.html beside them)\n`);
    return Object.values(scenarios).some((outcome) => outcome.status === 'failed') ? 1 : 0;
  } finally {
    progress.stop();
    await cleanup();
  }
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
