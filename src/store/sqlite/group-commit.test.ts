import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { isStoreUnreachable } from '../../api/store-unavailable.ts';
import { groupCommit } from './group-commit.ts';
import { isLockHeld } from './lock-wait.ts';

async function withDatabase(run: (db: DatabaseSync, file: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-group-commit-'));
  const file = join(dir, 'test.db');
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER PRIMARY KEY)');
  try { await run(db, file); } finally { db.close(); await rm(dir, { recursive: true, force: true }); }
}

const count = (file: string): number => {
  // another connection: it sees only what was committed
  const reader = new DatabaseSync(file, { readOnly: true });
  try { return Number(reader.prepare('SELECT COUNT(*) AS n FROM t').get()!.n); } finally { reader.close(); }
};

test('the writes of one turn commit together; a failing one rolls back alone and rejects with its own error', async () => {
  await withDatabase(async (db, file) => {
    const writes = groupCommit(db);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    let committedWhenResolved = -1;
    const first = writes.enqueue(() => { insert.run(1); return 'one'; }).then((value) => { committedWhenResolved = count(file); return value; });
    const duplicate = writes.enqueue(() => { insert.run(2); insert.run(1); });
    const third = writes.enqueue(() => insert.run(3).changes);
    assert.equal(count(file), 0, 'nothing is written before the turn ends');
    assert.equal(await first, 'one');
    assert.equal(committedWhenResolved, 2, 'a write resolves only after its COMMIT');
    await assert.rejects(duplicate, /UNIQUE constraint failed/);
    assert.equal(await third, 1);
    assert.deepEqual(db.prepare('SELECT x FROM t ORDER BY x').all().map((row) => row.x), [1, 3], "the failed write's first insert is rolled back too");
  });
});

test('writes run once when none fails; when one throws, the turn runs again with each write in its savepoint', async () => {
  await withDatabase(async (db) => {
    const writes = groupCommit(db);
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const runs = [0, 0, 0];
    const counted = (index: number, x: number) => () => { runs[index]!++; insert.run(x); };
    await Promise.all([writes.enqueue(counted(0, 1)), writes.enqueue(counted(1, 2)), writes.enqueue(counted(2, 3))]);
    assert.deepEqual(runs, [1, 1, 1], 'no write pays for a second run (or a savepoint) when all succeed');
    runs.fill(0);
    const outcomes = await Promise.allSettled([writes.enqueue(counted(0, 4)), writes.enqueue(counted(1, 1)), writes.enqueue(counted(2, 5))]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(runs, [2, 2, 1], 'the bare turn stopped at the failing write and was rolled back whole; then each write ran in its own savepoint');
    assert.deepEqual(db.prepare('SELECT x FROM t ORDER BY x').all().map((row) => row.x), [1, 2, 3, 4, 5], 'each kept write is in the database once');
  });
});

test('withQueued runs at once in one transaction with the queued writes, and sees them', async () => {
  await withDatabase(async (db) => {
    const writes = groupCommit(db);
    const queued = writes.enqueue(() => db.prepare('INSERT INTO t (x) VALUES (7)').run());
    const seen = writes.withQueued(() => Number(db.prepare('SELECT COUNT(*) AS n FROM t').get()!.n));
    assert.equal(seen, 1);
    await queued;
    assert.throws(() => writes.withQueued(() => { throw new Error('claim failed'); }), /claim failed/);
    const afterFailure = writes.enqueue(() => db.prepare('INSERT INTO t (x) VALUES (8)').run());
    assert.throws(() => writes.withQueued(() => { throw new Error('claim failed again'); }), /claim failed again/);
    await afterFailure;
    assert.equal(Number(db.prepare('SELECT COUNT(*) AS n FROM t').get()!.n), 2, 'a failing claim does not take the queued writes down with it');
  });
});

test('a full batch commits at once; drain commits what is left', async () => {
  await withDatabase(async (db, file) => {
    const writes = groupCommit(db, 3);
    const pending = [1, 2, 3, 4].map((x) => writes.enqueue(() => db.prepare('INSERT INTO t (x) VALUES (?)').run(x)));
    assert.equal(count(file), 3, 'the third write filled the batch');
    await writes.drain();
    assert.equal(count(file), 4);
    await Promise.all(pending);
  });
});

test('a lingering write waits for the rest of its burst: the next write that does not linger, enough lingering ones, or the linger', async () => {
  await withDatabase(async (db, file) => {
    const insert = (x: number) => () => db.prepare('INSERT INTO t (x) VALUES (?)').run(x);
    const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise(setImmediate); };
    const waiting = groupCommit(db, 256, { ms: 60_000, below: 3 });
    const first = waiting.enqueue(insert(1), true);
    await turns(3);
    assert.equal(count(file), 0, 'a lone lingering write is not committed at the end of its turn');
    await waiting.enqueue(insert(2));
    await first;
    assert.equal(count(file), 2, 'a write that does not linger commits at the end of its turn, and takes the lingering one along');
    const burst = [3, 4].map((x) => waiting.enqueue(insert(x), true));
    await turns(3);
    assert.equal(count(file), 2, 'two lingering writes, fewer than `below`, wait');
    burst.push(waiting.enqueue(insert(5), true));
    await Promise.all(burst);
    assert.equal(count(file), 5, 'the third lingering write sends the burst at the end of its turn');
    const claimed = waiting.enqueue(insert(6), true);
    assert.equal(waiting.withQueued(() => count(file)), 5, 'a claim commits the lingering write with its own work');
    await claimed;
    assert.equal(count(file), 6);
    const short = groupCommit(db, 256, { ms: 5, below: 16 });
    await short.enqueue(insert(7), true);
    assert.equal(count(file), 7, 'with nothing else to come, the linger ends and the write commits');
    const unset = groupCommit(db);
    const alone = unset.enqueue(insert(8), true);
    await turns(1);
    assert.equal(count(file), 8, 'without a linger, a lingering write commits at the end of its turn');
    await alone;
  });
});

/** A connection that waits for no lock (as the store's, database.ts), counting its COMMITs; and another that holds the write lock. */
function lockedOut(file: string) {
  const db = new DatabaseSync(file, { timeout: 0 });
  const holder = new DatabaseSync(file, { timeout: 0 });
  holder.exec('BEGIN IMMEDIATE');
  const exec = db.exec.bind(db);
  const commits = { count: 0 };
  db.exec = (sql: string) => { if (sql === 'COMMIT') commits.count++; return exec(sql); };
  return { db, holder, commits, [Symbol.dispose]: () => { if (holder.isTransaction) holder.exec('ROLLBACK'); holder.close(); db.close(); } };
}

const turns = async (n: number) => { for (let i = 0; i < n; i++) await new Promise(setImmediate); };

test('while another connection holds the write lock, queued writes wait on timers, with the event loop free, and commit together, each once, when it is free', async () => {
  await withDatabase(async (_db, file) => {
    using locked = lockedOut(file);
    const writes = groupCommit(locked.db);
    const insert = locked.db.prepare('INSERT INTO t (x) VALUES (?)');
    const runs = [0, 0, 0];
    const counted = (index: number, x: number) => () => { runs[index]!++; return insert.run(x).changes; };
    const settled: number[] = [];
    const first = writes.enqueue(counted(0, 1)).then((value) => { settled.push(1); return value; });
    // the first try (at the end of its turn) found the lock held; the event loop turns on, timers fire
    await turns(3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const later = [writes.enqueue(counted(1, 2)), writes.enqueue(counted(2, 3), true)];
    await turns(3);
    assert.deepEqual([settled, runs, count(file)], [[], [0, 0, 0], 0], 'nothing ran, nothing was written, nothing settled');
    const commitsBefore = locked.commits.count;
    locked.holder.exec('ROLLBACK');
    assert.deepEqual(await Promise.all([first, ...later]), [1, 1, 1]);
    assert.deepEqual(runs, [1, 1, 1], 'each write ran once, bare, when the lock was free');
    assert.equal(locked.commits.count - commitsBefore, 1, 'the write that waited and those queued meanwhile shared one COMMIT');
    assert.equal(count(file), 3);
    assert.equal(writes.lastFailure(), null);
  });
});

test('a write whose lock wait is over rejects with SQLITE_BUSY (the store unavailable) and leaves nothing; nothing throws into the event loop; the next write commits once the lock is free', async () => {
  await withDatabase(async (_db, file) => {
    using locked = lockedOut(file);
    const escaped: unknown[] = [];
    const onUncaught = (error: unknown) => { escaped.push(error); };
    process.on('uncaughtException', onUncaught);
    try {
      const writes = groupCommit(locked.db, 256, undefined, 40);
      const insert = locked.db.prepare('INSERT INTO t (x) VALUES (?)');
      const refused = await writes.enqueue(() => insert.run(1)).then(() => null, (error: unknown) => error);
      assert.match(String(refused), /database is locked/);
      assert.equal(isStoreUnreachable(refused), true, 'answered 503 store_unavailable');
      assert.match(writes.lastFailure()?.error ?? '', /database is locked/, '/readyz says the writes fail');
      await turns(1);
      assert.deepEqual(escaped, []);
      locked.holder.exec('ROLLBACK');
      assert.equal(await writes.enqueue(() => insert.run(2).changes), 1, 'the lock gone, the next turn commits');
      assert.deepEqual(locked.db.prepare('SELECT x FROM t').all().map((row) => row.x), [2], 'the refused write left nothing');
      assert.equal(writes.lastFailure(), null);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});

test('withQueued while another connection holds the lock throws SQLITE_BUSY at once; the queued writes wait and commit when it is free; drain waits for them', async () => {
  await withDatabase(async (_db, file) => {
    using locked = lockedOut(file);
    const writes = groupCommit(locked.db);
    const queued = writes.enqueue(() => locked.db.prepare('INSERT INTO t (x) VALUES (7)').run().changes);
    assert.throws(() => writes.withQueued(() => 'claimed'), (error: unknown) => isLockHeld(error));
    const draining = writes.drain();
    await turns(3);
    assert.equal(count(file), 0);
    locked.holder.exec('ROLLBACK');
    await draining;
    assert.equal(await queued, 1);
    assert.equal(writes.withQueued(() => count(file)), 1);
  });
});
