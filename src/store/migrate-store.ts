// `postback migrate`: brings the schema of the configured store up to date and nothing else. Serving processes
// migrate at start-up too; this runs the migrations alone (before a rolling upgrade, or from a deploy step).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describeStore } from './open-store.ts';
import type { StoreOptions } from './open-store.ts';
import { createPool, migrate } from './postgres/database.ts';
import { SchemaTooNewError } from './schema-too-new.ts';
import { openDatabase } from './sqlite/database.ts';
import { sqliteMigrations } from './sqlite/migrations.ts';

export type MigrationReport = { store: string; from: number; to: number };

export async function migrateStore(options: Pick<StoreOptions, 'dataDir' | 'databaseUrl'>): Promise<MigrationReport> {
  const store = describeStore(options);
  if (options.databaseUrl) {
    const pool = createPool({ url: options.databaseUrl, poolSize: 1 });
    try {
      // the same advisory lock as start-up: safe to run while processes are starting
      return { store, ...await migrate(pool) };
    } finally {
      await pool.end();
    }
  }
  // openDatabase makes a missing data folder, private (0700), as serve does
  const file = join(options.dataDir, 'postback.db');
  let from = 0;
  // something else at the path (a folder) is left to openDatabase, which names the problem as every command does
  if (existsSync(file) && statSync(file).isFile()) {
    const peek = new DatabaseSync(file, { readOnly: true });
    try { from = schemaVersion(peek); } finally { peek.close(); }
  }
  // fails closed, before the file is opened for writing: "already at version 23, nothing to do" read as a success
  // just before a rollback; the SQLite store itself opens such a file (serve starts and /readyz says why it is not ready)
  if (from > sqliteMigrations.length) throw new SchemaTooNewError(from, sqliteMigrations.length, store);
  const db = openDatabase(file);
  try {
    return { store, from, to: schemaVersion(db) };
  } finally {
    db.close();
  }
}

function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
}
