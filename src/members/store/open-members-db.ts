// Opens the members area's own SQLite file (one process owns it) and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { membersMigrations } from './members-migrations.ts';

export function openMembersDb(file: string): DatabaseSync {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: 5000 });
  // WAL with NORMAL sync: a committed event survives a process crash; only a power cut may lose the last commits
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  for (let next = version; next < membersMigrations.length; next++) {
    inTransaction(db, () => {
      db.exec(membersMigrations[next]!);
      db.exec(`PRAGMA user_version = ${next + 1}`);
    });
  }
  return db;
}

/** Runs `work` in one write transaction: all of it is committed, or none. */
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
