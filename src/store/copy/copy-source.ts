// The SQLite store being moved, read as one snapshot that no process may change while it is read: opened in SQLite's
// exclusive locking mode, whose first read needs every other connection gone. A `postback serve` (any role) holds its
// connection open for its whole life, idle or not, so while one runs the copy is refused; and once the copy holds the
// file, a server started meanwhile cannot open it. Nothing here writes rows or creates files: a missing database, or a
// missing key file, is refused as it is (the last connection's close folds the WAL into the file, as every close does).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createSecretBox, loadSecretKey, opens } from '../../security/secret-box.ts';
import { SchemaTooNewError } from '../schema-too-new.ts';
import { sqliteMigrations } from '../sqlite/migrations.ts';
import { CopyRefused } from './copy-refused.ts';

/** Where the key that sealed the source's secrets came from: the PostgreSQL processes need the same one. */
export type SealingKey = { origin: 'environment' } | { origin: 'key file'; file: string };

export type CopySource = {
  db: DatabaseSync;
  file: string;
  schemaVersion: number;
  key: SealingKey;
  [Symbol.dispose](): void;
};

// SQLite's SQLITE_BUSY: another connection has the file open
const busy = 5;

/** Opens `<dataDir>/postback.db` for the copy, or refuses in a line that says what to do. */
export function openCopySource(dataDir: string, secretKey: string): CopySource {
  const file = join(dataDir, 'postback.db');
  // fails closed: a folder without a database is a wrong --data-dir far more often than an empty store to move
  if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) {
    throw new CopyRefused(`there is no SQLite database at ${file}: set POSTBACK_DATA_DIR (or --data-dir) to the folder of the postback.db to copy`);
  }
  const db = new DatabaseSync(file, { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    // one read transaction for the whole copy; the lock it takes is kept until the connection closes
    db.exec('BEGIN');
    const schemaVersion = readVersion(db, file);
    if (schemaVersion > sqliteMigrations.length) throw new SchemaTooNewError(schemaVersion, sqliteMigrations.length, `SQLite at ${file}`);
    if (schemaVersion < sqliteMigrations.length) {
      throw new CopyRefused(`${file} is at schema version ${schemaVersion}, older than this Postback's ${sqliteMigrations.length}: run \`postback migrate --data-dir ${dataDir}\` first, then copy`);
    }
    const sealed = db.prepare('SELECT hottok FROM accounts LIMIT 1').get();
    if (sealed === undefined) throw new CopyRefused(`${file} holds no account, so there is nothing to copy: is ${dataDir} the data folder of the server you are moving?`);
    const key = sealingKey(dataDir, secretKey, file, String(sealed.hottok));
    return { db, file, schemaVersion, key, [Symbol.dispose]: () => close(db) };
  } catch (error) {
    close(db);
    throw error;
  }
}

function readVersion(db: DatabaseSync, file: string): number {
  try {
    // the first read: where the exclusive lock is taken, or refused
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
  } catch (error) {
    if ((error as { errcode?: unknown }).errcode !== busy) throw error;
    throw new CopyRefused(`${file} is open in another process (a running postback serve?): stop every Postback process that uses it, then copy; a copy taken while a server runs would miss what it does next`);
  }
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}

/**
 * The key the PostgreSQL processes must be given: POSTBACK_SECRET_KEY when set, else the data folder's secret.key.
 * Fails closed: a key that does not open the sealed secrets would be refused by every PostgreSQL process at start-up,
 * after the copy; so it is refused here, before anything is written, as `serve` would refuse it on this very file.
 */
function sealingKey(dataDir: string, secretKey: string, file: string, sealed: string): SealingKey {
  const keyFile = join(dataDir, 'secret.key');
  // loadSecretKey makes a new key file where there is none: never in the folder being moved
  if (secretKey === '' && !existsSync(keyFile)) {
    throw new CopyRefused(`the secrets in ${file} are sealed with a key, and neither POSTBACK_SECRET_KEY nor ${keyFile} holds one: put back the secret.key backed up with the database (or set POSTBACK_SECRET_KEY to it)`);
  }
  const source = loadSecretKey(secretKey, dataDir);
  if (!opens(createSecretBox(source.key), sealed)) {
    throw new CopyRefused(source.origin === 'environment'
      ? `the secrets in ${file} were sealed with another key than POSTBACK_SECRET_KEY: set it to the key the database was first used with, or unset it to use ${keyFile}`
      : `the secrets in ${file} were sealed with another key than ${keyFile}: put back the secret.key backed up with the database (or set POSTBACK_SECRET_KEY to it)`);
  }
  return source.origin === 'environment' ? { origin: 'environment' } : { origin: 'key file', file: keyFile };
}

function close(db: DatabaseSync): void {
  if (db.isTransaction) db.exec('ROLLBACK');
  db.close();
}
