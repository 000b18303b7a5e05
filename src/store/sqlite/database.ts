// Opens the embedded SQLite file and brings its schema up to date.
import { DatabaseSync } from 'node:sqlite';
import { lockWaitMs, whenUnlocked } from './lock-wait.ts';
import { sqliteMigrations } from './migrations.ts';
import { createPrivately } from './private-files.ts';

export function openDatabase(file: string): DatabaseSync {
  if (file !== ':memory:') createPrivately(file);
  // opening waits for a lock held elsewhere in SQLite's busy handler, synchronously: nothing is served yet
  const db = new DatabaseSync(file, { timeout: lockWaitMs });
  // WAL lets history reads run beside the dispatcher's writes; NORMAL sync is durable across process crashes
  // (kill -9) because WAL frames reach the OS before COMMIT returns; only a power cut may lose the last commits.
  enableWal(db);
  db.exec(`PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -${pageCacheKib};`);
  // Savepoint journals in memory. The group commit (group-commit.ts) runs each write of a transaction in a savepoint,
  // which first copies every page it changes into the statement journal. SQLite keeps that journal in memory up to
  // 64 KiB, then in a temporary file: a publish touches ~45 pages (180 KB), so every publish wrote its pages to a file,
  // three times the bytes of the WAL itself (bench/micro/store-writes.ts). In memory the journal is emptied at each
  // RELEASE and holds one write's pages. Temporary tables and sorts live in memory too: hot statements read indexes.
  db.exec('PRAGMA temp_store = MEMORY');
  migrate(db);
  // from now on a statement that finds the lock held elsewhere fails at once, and the store waits for it on timers
  // (lock-wait.ts): SQLite's own wait would stop the whole process, every request and send, for as long
  db.exec('PRAGMA busy_timeout = 0');
  return db;
}

/**
 * The connection's page cache, in KiB (SQLite's default is 2 MiB). A publish writes index entries at random places
 * (event ids, transactions, search terms are the publisher's), so with the default most of them first read their page
 * back from the OS. Allocated as pages are used, up to this bound.
 */
const pageCacheKib = 32 * 1024;

/**
 * Switching a new file to WAL needs an exclusive lock that SQLite does not wait for (the busy timeout does not apply
 * there): processes opening one new file together (an api and a worker) may get SQLITE_BUSY, so it is retried as
 * long as the busy timeout would have waited.
 */
function enableWal(db: DatabaseSync): void {
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { errcode?: number }).errcode !== 5 || Date.now() > deadline) throw error;
      // a synchronous pause: opening the store is synchronous, and the other process needs only milliseconds
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

/** Applies the missing migrations; each reads the version under the write lock, so processes opening one file together never apply one twice. */
function migrate(db: DatabaseSync): { from: number; to: number } {
  const readVersion = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  const from = readVersion();
  for (;;) {
    const applied = inTransaction(db, () => {
      const version = readVersion();
      if (version >= sqliteMigrations.length) return false;
      db.exec(sqliteMigrations[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      return true;
    });
    if (!applied) return { from, to: readVersion() };
  }
}

/**
 * `work` in one write transaction (inTransaction), run again whole from timers while another process holds the lock
 * (whenUnlocked): its value, or a promise of it when it had to wait.
 */
export function writeTransaction<T>(db: DatabaseSync, work: () => T): T | Promise<T> {
  return whenUnlocked(() => inTransaction(db, work));
}

/** Runs `work` in one write transaction (BEGIN IMMEDIATE takes the write lock up front: no upgrade deadlocks). */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // a COMMIT that failed for a full disk or an I/O error has rolled back already: a second ROLLBACK would throw
    // "no transaction is active" and hide the cause (SQLITE_FULL) from the log and the caller
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
