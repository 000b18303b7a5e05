import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { isStoreUnreachable } from '../../api/store-unavailable.ts';
import { inTransaction, openDatabase, writeTransaction } from './database.ts';
import { isLockHeld, whenUnlocked } from './lock-wait.ts';

/** The store's own connection (openDatabase) and another process's stand-in holding the write lock. */
async function withHeldLock(run: (db: DatabaseSync, holder: DatabaseSync) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-lock-wait-'));
  const file = join(dir, 'postback.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  const holder = new DatabaseSync(file, { timeout: 0 });
  holder.exec('BEGIN IMMEDIATE');
  try {
    await run(db, holder);
  } finally {
    if (holder.isTransaction) holder.exec('ROLLBACK');
    holder.close();
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('the store\'s connection waits for no lock once open: SQLite\'s busy handler would stop the whole process', () => {
  const db = openDatabase(':memory:');
  try {
    assert.equal(Number(db.prepare('PRAGMA busy_timeout').get()!.timeout), 0);
  } finally {
    db.close();
  }
});

test('with the lock free, a write runs at once and its value comes back as it is, not as a promise', async () => {
  await withHeldLock(async (db, holder) => {
    holder.exec('ROLLBACK');
    const value = writeTransaction(db, () => db.prepare('INSERT INTO t (x) VALUES (1)').run().changes);
    assert.equal(value, 1);
    assert.throws(() => whenUnlocked(() => { throw new Error('ours'); }), /ours/, 'any other error is thrown at once, not waited on');
  });
});

test('while another connection holds the lock, a transaction waits on timers with the event loop free, and runs whole once the lock is free', async () => {
  await withHeldLock(async (db, holder) => {
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    let tries = 0;
    const waited: number[] = [];
    const pending = writeTransaction(db, () => { tries++; insert.run(1); insert.run(2); return 'written'; });
    assert.ok(pending instanceof Promise);
    // timers fire meanwhile: the thread does not sleep in SQLite
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 1);
    try {
      await new Promise((resolve) => setTimeout(resolve, 40));
      assert.ok(ticks > 0, 'timers fired while the write waited');
      assert.equal(tries, 0, 'the transaction never began: its work did not run');
    } finally {
      clearInterval(ticker);
    }
    holder.exec('ROLLBACK');
    assert.equal(await pending, 'written');
    assert.equal(tries, 1);
    assert.deepEqual(db.prepare('SELECT x FROM t').all().map((row) => row.x), [1, 2]);
    // the attempt is told how long it waited: a claim leases from when it runs
    holder.exec('BEGIN IMMEDIATE');
    const told = whenUnlocked((waitedMs) => inTransaction(db, () => { waited.push(waitedMs); return insert.run(3); }));
    setTimeout(() => holder.exec('ROLLBACK'), 20);
    await told;
    assert.equal(waited.length, 1, 'the tries that found the lock held ran no work: their BEGIN failed');
    assert.ok(waited[0]! >= 15, `waited ${waited[0]} ms`);
  });
});

test('a lock held past the wait fails with SQLITE_BUSY, the store unavailable (503), and nothing was written', async () => {
  await withHeldLock(async (db) => {
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
    const refused = await Promise.resolve(whenUnlocked(() => insert.run(1), 30)).then(() => null, (error: unknown) => error);
    assert.equal(isLockHeld(refused), true, String(refused));
    assert.equal(isStoreUnreachable(refused), true);
    assert.equal(Number(db.prepare('SELECT COUNT(*) AS n FROM t').get()!.n), 0);
  });
});
