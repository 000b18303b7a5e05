// Smoke test of bench/ab.ts: this checkout against itself, two pairs of `--quick --only sqlite` runs as child
// processes. Checks the alternation (A B, then B A), that every run kept its report, and that the table's cells are
// those reports' figures with each pair's ratio and their median. Never a timing: an A/A of smoke runs means nothing.
// And which of a --profile run's PostgreSQL statements the table compares.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { comparedFigures, shown } from '../bench/ab.ts';
import { peakRate } from '../bench/figures.ts';
import { reviveReport, type Report } from '../bench/report.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

test('bench/ab.ts runs two checkouts in alternating pairs and tabulates B / A per pair with the median', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-bench-ab-'));
  try {
    const env: NodeJS.ProcessEnv = {};
    for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[name] !== undefined) env[name] = process.env[name];
    const child = spawn(process.execPath, ['bench/ab.ts', '.', '.', '--pairs', '2', '--results-dir', dir, '--', '--quick', '--only', 'sqlite'],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 230_000);
    const code = await new Promise((resolve) => child.once('close', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, `ab exited ${code}\nstdout: ${stdout}\nstderr: ${stderr.slice(-3000)}`);

    const report = (run: string) => JSON.parse(readFileSync(join(dir, run, 'latest.json'), 'utf8'), reviveReport) as Report;
    const started = (run: string) => Date.parse(report(run).startedAt);
    assert.ok(started('1-A') < started('1-B') && started('1-B') < started('2-B') && started('2-B') < started('2-A'), 'A then B, then B then A');

    const peak = (run: string) => peakRate(report(run).scenarios.endToEndSqlite);
    const row = stdout.split('\n').find((line) => line.startsWith('SQLite: peak deliveries/s'));
    assert.ok(row, `a row for SQLite's peak in:\n${stdout}`);
    const cells = row.split(/\s{2,}/);
    const ratios = [1, 2].map((pair) => peak(`${pair}-B`) / peak(`${pair}-A`));
    [1, 2].forEach((pair, index) => {
      assert.equal(cells[pair], `${shown(peak(`${pair}-B`))} / ${shown(peak(`${pair}-A`))} (${ratios[index]!.toFixed(2)}×)`, `pair ${pair}: B's figure over A's, from their reports`);
    });
    assert.equal(cells[3], `${((ratios[0]! + ratios[1]!) / 2).toFixed(2)}×`, 'the median of two ratios is their mean');
    assert.match(stdout, /SQLite: CPU per delivery at 200 events\/s/);
    assert.match(stdout, /SQLite: p99 at 200 events\/s/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bench/ab.ts compares the PostgreSQL statements that weigh in a --profile run: mean time and buffers a call', () => {
  const skipped = { status: 'skipped', reason: 'not selected' };
  const statement = (query: string, nested: boolean, calls: number, totalMs: number, blocks?: number) =>
    ({ query, nested, calls, rows: calls, totalMs, meanMs: totalMs / calls, blocks });
  const figures = comparedFigures({
    scenarios: { endToEndSqlite: skipped, endToEndPostgres: skipped, pgbossBaseline: skipped } as unknown as Report['scenarios'],
    statements: { database: 'postback_bench', topLevelMs: 1000, topLevelCalls: 4000, top: [
      statement('SELECT postback_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS claim', false, 200, 800, 200_000),
      statement('WITH RECURSIVE ring(webhook_id, n) AS (SELECT 1)', true, 200, 600, 190_000),
      statement('SELECT postback_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS other', false, 150, 100, 900),
      statement('SELECT pg_advisory_xact_lock($1)', true, 400, 30, 0),
      statement('SELECT pg_notify($1, $2)', false, 99, 90),
      statement('SELECT LEAST(1, 2)', false, 3000, 19),
    ] },
  });
  assert.deepEqual([...figures], [
    ['PostgreSQL "SELECT postback_claim($1, $2, $3, $4, $5, $6, $7…": mean (ms)', 4],
    ['PostgreSQL "SELECT postback_claim($1, $2, $3, $4, $5, $6, $7…": buffers a call', 1000],
    ['PostgreSQL (nested) "WITH RECURSIVE ring(webhook_id, n) AS (SELECT 1)…": mean (ms)', 3],
    ['PostgreSQL (nested) "WITH RECURSIVE ring(webhook_id, n) AS (SELECT 1)…": buffers a call', 950],
    ['PostgreSQL (nested) "SELECT pg_advisory_xact_lock($1)…": mean (ms)', 0.075],
  ], 'no buffers where none were counted; under 100 calls or 2 % of the statement time, not compared; a lighter statement that starts alike does not replace a heavier one');
});
