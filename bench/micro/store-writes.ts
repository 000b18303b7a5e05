// The SQLite store's CPU per delivery on the hot path, in-process: publish (the bench's Hotmart payload, prepared as
// ingest prepares it, before the measured part; each event fanned out to 4 webhooks),
// lease the new deliveries (leaseNew, as an adoption does), record each one delivered. No HTTP, no dispatcher: what a
// schema or statement change costs the store itself. With --vs "SQL", a second store gets that SQL applied after it
// opens (e.g. an index the current schema dropped) and the two run in alternating rounds in this one process, so
// whatever else the machine does weighs on both alike. It also prints the bytes written per delivery (Linux).
//   node bench/micro/store-writes.ts [--vs "CREATE INDEX ..."] [--rows 100000] [--rounds 12] [--events 2000]
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { NewEvent } from '../../src/domain/event.ts';
import { delivered, fanOut, openSubject, preparedEvents, toAll } from './store-subject.ts';
import type { Subject } from './store-subject.ts';

const { values: options } = parseArgs({ options: {
  vs: { type: 'string' }, rows: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '12' }, events: { type: 'string', default: '2000' },
} });
const batch = 64;

/** `events` through publish → leaseNew → record delivered, `batch` at a time (each step's calls share a group commit). */
async function run({ store }: Subject, events: NewEvent[]): Promise<number> {
  let deliveries = 0;
  for (let done = 0; done < events.length; done += batch) {
    const now = Date.now();
    const results = await Promise.all(events.slice(done, done + batch).map((event) => store.publish(event, toAll, now)));
    const wanted = results.flatMap((result) => (result.kind === 'created' ? result.deliveries.map((delivery) => ({ delivery, event: result.event })) : []));
    const leased = await store.leaseNew(wanted, randomUUID(), Date.now(), 60_000, 1_000_000);
    await Promise.all(leased.map((claimed) => store.recordAttempt(claimed.delivery.id, claimed.leaseToken, delivered(), { kind: 'delivered' }, () => null, Date.now())));
    deliveries += leased.length;
  }
  return deliveries;
}

/** Bytes this process has handed to write() so far (Linux: WAL frames, checkpoints, temporary files), or NaN elsewhere. */
function bytesWritten(): number {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

/** Per delivery over one run: CPU µs (user + system, every thread of the process) and bytes written; the events are prepared before. */
async function measure(subject: Subject, events: number): Promise<{ cpu: number; written: number }> {
  const prepared = preparedEvents(subject.accountId, events);
  const [before, writtenBefore] = [process.cpuUsage(), bytesWritten()];
  const count = await run(subject, prepared);
  const used = process.cpuUsage(before);
  return { cpu: (used.user + used.system) / count, written: (bytesWritten() - writtenBefore) / count };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = await mkdtemp(join(tmpdir(), 'postback-store-writes-'));
try {
  const subjects = [await openSubject(dir, 'current')];
  if (options.vs) subjects.push(await openSubject(dir, 'vs', options.vs));
  // the same table size as a store with some history: index depth and page cache count
  for (const subject of subjects) await run(subject, preparedEvents(subject.accountId, Math.ceil(Number(options.rows) / fanOut)));
  const figures = new Map(subjects.map((subject) => [subject.name, [] as { cpu: number; written: number }[]]));
  for (let round = 0; round < Number(options.rounds); round++) {
    // alternate which goes first, so neither always runs on a warmer or cooler machine
    for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) figures.get(subject.name)!.push(await measure(subject, Number(options.events)));
  }
  for (const [name, runs] of figures) {
    console.log(`${name}: median ${median(runs.map((run) => run.cpu)).toFixed(1)} µs CPU and ${(median(runs.map((run) => run.written)) / 1024).toFixed(1)} KiB written per delivery`
      + ` (CPU runs: ${runs.map((run) => run.cpu.toFixed(1)).join(', ')})`);
  }
  if (options.vs) {
    // each round's two runs are neighbours in time: the median of their ratios is steadier than a ratio of medians
    const [current, vs] = [figures.get('current')!, figures.get('vs')!];
    console.log(`current / vs: ${median(current.map((value, round) => value.cpu / vs[round]!.cpu)).toFixed(3)} (median of the rounds' ratios)`);
  }
  for (const subject of subjects) await subject.store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
