// What the SQLite store's COMMITs write, in-process: a COMMIT writes each page its transaction changed as one WAL
// frame, and costs about that many frames. Events are published (the bench's Hotmart payload, each fanned out to 4
// webhooks), claimed 24 at a time and recorded delivered, as the dispatcher does at saturation. A reader's open
// snapshot keeps the measured rounds' frames in the WAL (no checkpoint resets it); each frame's header names its page,
// and `dbstat` names the table or index that page belongs to. Then, for scale, what one COMMIT of 1, 8 and 64
// changed pages costs on this disk. Linux or not: only files are read.
//   node bench/micro/wal-frames.ts [--events 16] [--history 400] [--rounds 60]
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { delivered, openSubject, preparedEvents, toAll } from './store-subject.ts';
import type { Subject } from './store-subject.ts';

const { values: options } = parseArgs({ options: {
  events: { type: 'string', default: '16' }, history: { type: 'string', default: '400' }, rounds: { type: 'string', default: '60' },
} });
const claimSize = 24;

/** One round: `events` published in one turn, then claimed and recorded until none is due; returns the deliveries. */
async function round({ store, accountId }: Subject, events: number): Promise<number> {
  const now = Date.now();
  await Promise.all(preparedEvents(accountId, events).map((event) => store.publish(event, toAll, now)));
  let deliveries = 0;
  for (;;) {
    const claimed = await store.claimDue(Date.now(), claimSize, 60_000, 16);
    if (claimed.length === 0) return deliveries;
    await Promise.all(claimed.map((one) => store.recordAttempt(one.delivery.id, one.leaseToken, delivered(), { kind: 'delivered' }, () => null, Date.now())));
    deliveries += claimed.length;
  }
}

/** Frames per page number in `wal` from byte `from` on (frames of the WAL's current salt only), and how many commit frames. */
function framesOf(wal: Buffer, from: number): { pages: Map<number, number>; frames: number; commits: number } {
  const pageSize = wal.readUInt32BE(8);
  const frameSize = 24 + pageSize;
  const [salt1, salt2] = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  const pages = new Map<number, number>();
  let [frames, commits] = [0, 0];
  const first = 32 + Math.ceil(Math.max(0, from - 32) / frameSize) * frameSize;
  for (let at = first; at + frameSize <= wal.length; at += frameSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) continue;
    const page = wal.readUInt32BE(at);
    pages.set(page, (pages.get(page) ?? 0) + 1);
    frames++;
    // a commit frame carries the database's size in pages after the commit; others carry 0
    if (wal.readUInt32BE(at + 4) !== 0) commits++;
  }
  return { pages, frames, commits };
}

/** The median time of a COMMIT that changed `pages` rows on as many pages, on a table of its own in `dir`. */
function commitCost(dir: string, pages: number): number {
  const db = new DatabaseSync(join(dir, `commit-cost-${pages}.db`));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.exec('BEGIN');
  for (let i = 0; i < 10_000; i++) insert.run('x'.repeat(200));
  db.exec('COMMIT');
  const update = db.prepare('UPDATE t SET v = ? WHERE id = ?');
  const times: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    db.exec('BEGIN IMMEDIATE');
    // rows 20 apart: about 18 rows of 200 bytes fill a 4 KiB page, so each changed row is on a page of its own
    for (let p = 0; p < pages; p++) update.run(String(i).padEnd(200, 'y'), 1 + ((i * 97 + p * 20) % 10_000));
    const started = performance.now();
    db.exec('COMMIT');
    times.push(performance.now() - started);
    if (i % 100 === 99) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }
  db.close();
  return times.sort((a, b) => a - b)[times.length >> 1]! * 1000;
}

const dir = await mkdtemp(join(tmpdir(), 'postback-wal-frames-'));
try {
  const subject = await openSubject(dir, 'store');
  for (let i = 0; i < Number(options.history); i++) await round(subject, Number(options.events));
  const reader = new DatabaseSync(subject.file, { readOnly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT COUNT(*) FROM webhooks').get();
  const from = (await stat(`${subject.file}-wal`)).size;
  let deliveries = 0;
  for (let i = 0; i < Number(options.rounds); i++) deliveries += await round(subject, Number(options.events));
  const { pages, frames, commits } = framesOf(await readFile(`${subject.file}-wal`), from);
  reader.exec('COMMIT');
  const names = new Map(reader.prepare('SELECT pageno, name FROM dbstat').all().map((row) => [Number(row.pageno), String(row.name)]));
  reader.close();
  const byTree = new Map<string, number>();
  for (const [page, count] of pages) {
    const name = names.get(page) ?? '(a page freed since)';
    byTree.set(name, (byTree.get(name) ?? 0) + count);
  }
  console.log(`${deliveries} deliveries (${options.events} events per round, ${options.rounds} rounds after ${options.history}), ${commits} commits:`
    + ` ${(frames / deliveries).toFixed(2)} WAL frames per delivery, ${(frames / commits).toFixed(1)} per commit`);
  for (const [name, count] of [...byTree].sort((a, b) => b[1] - a[1])) console.log(`  ${(count / deliveries).toFixed(3).padStart(6)}  ${name}`);
  await subject.store.close();
  console.log(`one COMMIT on this disk, median: ${[1, 8, 64].map((n) => `${commitCost(dir, n).toFixed(0)} µs for ${n} changed page${n === 1 ? '' : 's'}`).join(', ')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
