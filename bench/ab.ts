// `node bench/ab.ts A B [--pairs N] [--results-dir DIR] [-- BENCH ARGS]`: two checkouts of Postback (each with its
// node_modules; `.` is this one) measured under this harness in alternating pairs, A then B, then B then A, and so on.
// The machine is shared and its speed drifts within minutes, so a figure of B is only ever compared with the figure of
// A in the same pair; the table gives each pair's B / A and their median. PERFORMANCE.md's A/B figures are made so.
// Every run keeps its report under DIR (default bench/results/ab-<time>), e.g. DIR/2-B/latest.json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { microsPerDelivery, peakRate } from './figures.ts';
import { table } from './report-table.ts';
import { projectRoot } from './postback-process.ts';
import { reviveReport } from './report.ts';
import type { Report } from './report.ts';

export type Side = 'A' | 'B';

/** The order of each pair's runs: A first in odd pairs, B first in even ones, so a drift favours neither side. */
export function pairOrder(pairs: number): Side[][] {
  return Array.from({ length: pairs }, (_, index) => (index % 2 === 0 ? ['A', 'B'] : ['B', 'A']));
}

/** A statement is compared when it ran at least this often in a run, and took this share of the run's statement time. */
const compared = { calls: 100, shareOfTime: 0.02 };

/**
 * The figures an A/B compares, by name: each end-to-end store's peak, and per phase its CPU per delivery and p99.
 * With --profile, also each of PostgreSQL's hottest statements, named by the start of its text: its mean time, and its
 * buffers a call, which move with the work a statement does and not with the machine's load.
 */
export function comparedFigures(report: Pick<Report, 'scenarios' | 'statements'>): Map<string, number> {
  const figures = new Map<string, number>();
  const stores = [['SQLite', report.scenarios.endToEndSqlite], ['PostgreSQL', report.scenarios.endToEndPostgres]] as const;
  for (const [store, outcome] of stores) {
    if (outcome.status !== 'completed') continue;
    figures.set(`${store}: peak deliveries/s`, peakRate(outcome));
    for (const phase of outcome.phases) {
      const at = phase.offeredEventsPerS === null ? 'saturation' : `${phase.offeredEventsPerS} events/s`;
      if (phase.cpu && phase.delivered > 0) figures.set(`${store}: CPU per delivery at ${at} (µs, server + PostgreSQL)`, microsPerDelivery(phase.cpu.serverMs + phase.cpu.postgresMs, phase.delivered));
      if (phase.offeredEventsPerS !== null) figures.set(`${store}: p99 at ${at} (ms)`, phase.latencyMs.p99);
    }
  }
  const statementMs = report.statements?.topLevelMs ?? 0;
  for (const statement of report.statements?.top ?? []) {
    if (statement.calls < compared.calls || statement.totalMs < compared.shareOfTime * statementMs) continue;
    const name = `PostgreSQL${statement.nested ? ' (nested)' : ''} "${statement.query.slice(0, 48)}…"`;
    // two statements that start alike: the first, the heavier (the list is by total time), keeps the name
    if (figures.has(`${name}: mean (ms)`)) continue;
    figures.set(`${name}: mean (ms)`, statement.meanMs);
    if (statement.blocks) figures.set(`${name}: buffers a call`, statement.blocks / statement.calls);
  }
  const baseline = peakRate(report.scenarios.pgbossBaseline);
  const postgres = figures.get('PostgreSQL: peak deliveries/s');
  if (Number.isFinite(baseline) && postgres !== undefined) figures.set('PostgreSQL peak / pg-boss peak', postgres / baseline);
  return figures;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
/** A figure in the table: whole numbers from 100 up, three significant digits below, "never" for a p99 never reached. */
export const shown = (value: number): string => (!Number.isFinite(value) ? 'never' : value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3));

/** One row per figure measured in every run: each pair's B / A (with both values) and the median of those ratios. */
export function pairTable(pairs: { A: Map<string, number>; B: Map<string, number> }[]): string[][] {
  const names = [...(pairs[0]?.A.keys() ?? [])].filter((name) => pairs.every((pair) => pair.A.has(name) && pair.B.has(name)));
  return names.map((name) => {
    const ratios = pairs.map((pair) => pair.B.get(name)! / pair.A.get(name)!);
    return [name, ...pairs.map((pair, index) => `${shown(pair.B.get(name)!)} / ${shown(pair.A.get(name)!)} (${ratios[index]!.toFixed(2)}×)`), `${median(ratios).toFixed(2)}×`];
  });
}

function main(): number {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { pairs: { type: 'string', default: '2' }, 'results-dir': { type: 'string' } } });
  const [a, b, ...benchArgs] = positionals;
  const pairs = Number(values.pairs);
  if (a === undefined || b === undefined || !Number.isInteger(pairs) || pairs < 1) {
    process.stderr.write('usage: node bench/ab.ts TREE_A TREE_B [--pairs N] [--results-dir DIR] [-- BENCH ARGS, e.g. --only sqlite --rates 200]\n');
    return 2;
  }
  const trees: Record<Side, string> = { A: resolve(a), B: resolve(b) };
  const dir = resolve(values['results-dir'] ?? join(projectRoot, 'bench', 'results', `ab-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  const measured: { A: Map<string, number>; B: Map<string, number> }[] = [];
  for (const [index, order] of pairOrder(pairs).entries()) {
    const pair = { A: new Map<string, number>(), B: new Map<string, number>() };
    for (const side of order) {
      const out = join(dir, `${index + 1}-${side}`);
      process.stderr.write(`ab: pair ${index + 1} of ${pairs}, ${side} (${trees[side]})\n`);
      const run = spawnSync(process.execPath, [join(projectRoot, 'bench', 'run.ts'), ...benchArgs, '--results-dir', out],
        { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, POSTBACK_BENCH_TREE: trees[side] } });
      if (run.status !== 0) { process.stderr.write(`ab: the run of ${side} ended with ${run.status ?? run.signal}; its log is above\n`); return 1; }
      pair[side] = comparedFigures(JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'), reviveReport) as Report);
    }
    measured.push(pair);
  }
  process.stdout.write(`B = ${trees.B}\nA = ${trees.A}\n\n${table(['figure', ...measured.map((_, index) => `pair ${index + 1}: B / A`), 'median B / A'], pairTable(measured))}\n\nreports: ${dir}\n`);
  return 0;
}

if (import.meta.main) process.exitCode = main();
