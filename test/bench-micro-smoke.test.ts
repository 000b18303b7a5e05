// Smoke test of the in-process benches (bench/micro): each runs as a child process on a tiny size and prints
// its figures. Never a timing: what is checked is that they run and say what they measure.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (script: string, args: string[]) => promisify(execFile)(process.execPath, [script, ...args], { cwd: root, timeout: 120_000 });

test('bench/micro/store-writes.ts runs two stores in alternating rounds and prints their CPU and bytes per delivery', { timeout: 130_000 }, async () => {
  const { stdout } = await run('bench/micro/store-writes.ts', ['--vs', 'CREATE INDEX smoke ON deliveries(updated_at)', '--rows', '400', '--rounds', '2', '--events', '64']);
  assert.match(stdout, /^current: median [\d.]+ µs CPU and [\d.]+ KiB written per delivery/m);
  assert.match(stdout, /^vs: median [\d.]+ µs CPU/m);
  assert.match(stdout, /^current \/ vs: [\d.]+ \(median of the rounds' ratios\)$/m);
});

test('bench/micro/wal-frames.ts names the b-trees the COMMITs wrote, per delivery, and what a COMMIT costs', { timeout: 130_000 }, async () => {
  const { stdout } = await run('bench/micro/wal-frames.ts', ['--history', '4', '--rounds', '4', '--events', '8']);
  const [, deliveries, frames] = /^(\d+) deliveries .*: ([\d.]+) WAL frames per delivery/m.exec(stdout) ?? [];
  // 8 events a round, each fanned out to 4 webhooks, all delivered
  assert.equal(Number(deliveries), 4 * 8 * 4, stdout);
  assert.ok(Number(frames) > 0, stdout);
  // every delivery writes its own row and an attempt: both tables are among those named
  for (const tree of ['deliveries', 'attempts']) assert.match(stdout, new RegExp(`^\\s+[\\d.]+\\s+${tree}$`, 'm'), `${tree} is named\n${stdout}`);
  assert.match(stdout, /^one COMMIT on this disk, median: \d+ µs for 1 changed page, \d+ µs for 8 changed pages, \d+ µs for 64 changed pages$/m);
});

test('bench/micro/claim-cost.ts claims from webhooks at their cap and prints the cost of each claim size', { timeout: 130_000 }, async () => {
  const { stdout } = await run('bench/micro/claim-cost.ts', ['--pending', '400', '--rounds', '3', '--sizes', '4,64']);
  assert.match(stdout, /^400 deliveries pending, 64 leased \(4 webhooks at their cap of 16\)$/m);
  // every claim gets all it asked for: the freed slots, and 400 pending rows behind them
  for (const size of [4, 64]) assert.match(stdout, new RegExp(`^claims of ${String(size).padStart(2)}: [\\d.]+ ms per claim, \\d+ µs per row \\(${size}\\.0 rows a claim\\)$`, 'm'), stdout);
});
