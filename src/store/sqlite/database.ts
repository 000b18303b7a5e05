// Opens the embedded SQLite file and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sqliteMigrations } from './migrations.ts';

export function openDatabase(file: string): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5000 });
  // WAL lets history reads run beside the dispatcher's writes; NORMAL sync is durable across process crashes
  // (kill -9) because WAL frames reach the OS before COMMIT returns; only a power cut may lose the last commits.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
  migrate(db);
  return db;
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

/** Runs `work` in one write transaction (BEGIN IMMEDIATE takes the write lock up front: no upgrade deadlocks). */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
