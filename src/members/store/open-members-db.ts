// Opens the members area's own SQLite file (one process owns it) and brings its schema up to date. Transactions use
// the platform's one helper (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on a throw); the statements are the area's own.
import { DatabaseSync } from 'node:sqlite';
import { inTransaction } from '../../store/sqlite/database.ts';
import { createPrivately } from '../../store/sqlite/private-files.ts';
import { membersMigrations } from './members-migrations.ts';

export function openMembersDb(file: string): DatabaseSync {
  // students' names, e-mails and password hashes: its folder 0700 and its files 0600, as the platform's database
  createPrivately(file);
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
