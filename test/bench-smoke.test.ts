// Smoke test of the benchmark: `bench/run.ts --quick` as a child process, against real Postback processes,
// receivers and PostgreSQL. Checks that every scenario completed (or was skipped with a reason) and that the
// reports are written with the expected shape. Never a timing: the figures of a smoke run mean nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenarioKeys = ['ceiling', 'endToEndSqlite', 'endToEndPostgres', 'pgbossBaseline', 'isolation', 'backlog', 'scaleOut'];

function runBench(resultsDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name];
  // a PostgreSQL given to the tests is given to the bench too (no embedded server to start)
  if (process.env.POSTBACK_TEST_DATABASE_URL) env.BENCH_DATABASE_URL = process.env.POSTBACK_TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['bench/run.ts', '--quick', '--results-dir', resultsDir], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  // a backstop far above the smoke's budget (41 to 85 s on a quiet 2-core machine; 170 s was not enough at a load
  // average of 15, where every process start-up and PostgreSQL's crawl): a hung bench fails instead of hanging CI
  const timer = setTimeout(() => child.kill('SIGKILL'), 330_000);
  return new Promise((resolve) => child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); }));
}

test('npm run bench -- --quick runs every scenario and writes the JSON and HTML reports', { timeout: 340_000 }, async (t) => {
  const resultsDir = await mkdtemp(join(tmpdir(), 'postback-bench-smoke-'));
  try {
    const run = await runBench(resultsDir);
    assert.equal(run.code, 0, `bench exited ${run.code}\nstdout: ${run.stdout.slice(-3000)}\nstderr: ${run.stderr.slice(-3000)}`);

    const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8'));
    assert.equal(report.schema, 'postback-bench/1');
    assert.equal(report.quick, true);
    for (const key of ['command', 'startedAt', 'durationS', 'machine', 'plan', 'scenarios', 'figures', 'targets', 'profiles', 'notes']) assert.ok(key in report, `report has ${key}`);
    for (const key of ['cores', 'memoryGb', 'cpuModel', 'node', 'sqlite', 'postgres', 'packages', 'loadAverageAtStart']) assert.ok(key in report.machine, `machine has ${key}`);
    assert.deepEqual(Object.keys(report.scenarios).sort(), [...scenarioKeys].sort());

    for (const key of scenarioKeys) {
      const outcome = report.scenarios[key];
      assert.ok(outcome.status === 'completed' || outcome.status === 'skipped', `${key} ${outcome.status}: ${outcome.reason ?? ''}`);
      if (outcome.status === 'skipped') {
        assert.ok(typeof outcome.reason === 'string' && outcome.reason.length > 0, `${key} was skipped with a reason`);
        t.diagnostic(`${key} skipped: ${outcome.reason}`);
      }
    }
    const { ceiling, endToEndSqlite, pgbossBaseline, isolation, backlog } = report.scenarios;
    // the scenarios that need only this repository always complete; PostgreSQL's may be skipped while its store is missing
    for (const [key, outcome] of Object.entries({ ceiling, endToEndSqlite, isolation, backlog })) assert.equal((outcome as { status: string }).status, 'completed', `${key} completed`);
    assert.ok(ceiling.requestsPerS > 0);
    for (const run of [endToEndSqlite, report.scenarios.endToEndPostgres, pgbossBaseline].filter((outcome) => outcome.status === 'completed')) {
      assert.ok(run.phases.length >= 2, 'a rate phase and saturation');
      for (const phase of run.phases) for (const key of ['p50', 'p95', 'p99']) assert.ok(key in phase.latencyMs, `${phase.name} has ${key}`);
      for (const phase of run.phases) {
        // every distinct delivery is counted in exactly one part: while events were published, or after the last one
        const { whilePublishing, afterPublishing } = phase.split ?? assert.fail(`${phase.name} has its two parts`);
        assert.equal(whilePublishing.deliveries + afterPublishing.deliveries, phase.delivered, `${phase.name}: the two parts add up`);
      }
      assert.ok('peakRssMb' in run);
    }
    for (const key of ['allHealthy', 'withHanging', 'throughputKept', 'tenants']) assert.ok(key in isolation, `isolation has ${key}`);
    assert.deepEqual(isolation.tenants.map((run: { hanging: number; p99Ratio: number }) => [run.hanging, Number.isFinite(run.p99Ratio)]), [[9, true]], 'the tenants run, measured');
    for (const key of ['deliveries', 'drainDeliveriesPerS', 'peakRssMb', 'series']) assert.ok(key in backlog, `backlog has ${key}`);
    const { scaleOut } = report.scenarios;
    if (scaleOut.status === 'completed') {
      assert.deepEqual(scaleOut.runs.map((run: { workers: number }) => run.workers), report.plan.scaleOut.workers, 'one run per worker count');
      for (const run of scaleOut.runs) {
        assert.equal(run.workerPeakRssMb.length, run.workers, 'a peak RSS per worker');
        for (const key of ['drainDeliveriesPerS', 'saturation', 'apiPeakRssMb']) assert.ok(key in run, `a scale-out run has ${key}`);
        assert.ok(run.delivered > 0, `${run.workers} worker(s) delivered some of the backlog`);
      }
    }

    assert.ok(report.figures.length > 0);
    // on Linux the saturation phase says how busy the server's event loop and the machine were
    const busy = report.figures.find((figure: { scenario: string; figure: string }) => figure.scenario === 'e2e SQLite' && figure.figure.startsWith('busy at saturation'));
    if (process.platform === 'linux') assert.match(busy?.value ?? '', /^\d+ % of one core; \d+ %$/);
    // and each phase's CPU row, what processes outside the benchmark's took meanwhile (kernel threads, other work)
    const cpuRow = report.figures.find((figure: { scenario: string; figure: string }) => figure.scenario === 'e2e SQLite' && figure.figure.startsWith('CPU per delivery'));
    if (process.platform === 'linux') assert.match(cpuRow?.ratio ?? '', /^outside the bench: \d+\.\d % of one core( \(most: .+, \d+\.\d %\))?$/);
    assert.equal(report.targets.length, 9);
    for (const target of report.targets) assert.ok([true, false, null].includes(target.met), `${target.name}: met is true, false or null`);

    const html = readFileSync(join(resultsDir, 'latest.html'), 'utf8');
    assert.match(html, /<svg[\s>]/, 'the HTML report has inline charts');
    assert.doesNotMatch(html, /<script|<link |src="http/, 'the HTML report is self-contained');
    const files = readdirSync(resultsDir);
    assert.ok(files.some((file) => /^bench-.+\.json$/.test(file)) && files.some((file) => /^bench-.+\.html$/.test(file)), `timestamped reports beside latest.*: ${files.join(', ')}`);
    assert.match(run.stdout, /target\s+required\s+measured\s+result/, 'the table is printed on stdout');
  } finally {
    await rm(resultsDir, { recursive: true, force: true });
  }
});
