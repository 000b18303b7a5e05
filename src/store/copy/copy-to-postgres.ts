// `postback copy-to-postgres`: everything of a stopped SQLite store into a new PostgreSQL database, in one transaction.
// The target is migrated first (the project's own migrations, committed on their own: a schema is not data), then every
// table is copied in that one transaction, which commits only when all of them are in: a failure at any point, a
// refusal, or the process killed halfway, leaves the target without a single row of the store.
import type pg from 'pg';
import { createPool, inTransaction, migrate } from '../postgres/database.ts';
import { planColumns } from './copy-columns.ts';
import type { TableCopy } from './copy-columns.ts';
import { CopyRefused } from './copy-refused.ts';
import { copyRows } from './copy-rows.ts';
import { openCopySource } from './copy-source.ts';
import type { CopySource, SealingKey } from './copy-source.ts';

export type CopyOptions = { dataDir: string; secretKey: string; databaseUrl: string; target: string };

/** What the command prints as the copy goes: the tables and their sizes once both sides are checked, then each batch. */
export type CopyListener = {
  starting(copy: { file: string; schemaVersion: number; tables: { table: string; total: number }[] }): void;
  copied(table: string, rows: number, total: number): void;
};

export type CopyReport = { rows: number; pendingDeliveries: number; releasedLeases: number; key: SealingKey };

export async function copyToPostgres(options: CopyOptions, listener: CopyListener): Promise<CopyReport> {
  using source = openCopySource(options.dataDir, options.secretKey);
  const pool = createPool({ url: options.databaseUrl, poolSize: 1 });
  try {
    // under the migrations' advisory lock, as at every start-up; refuses a schema a newer Postback migrated
    await migrate(pool);
    const tables = await planColumns(source.db, pool);
    const totals = new Map(tables.map((table) => [table.table, count(source, `SELECT COUNT(*) AS n FROM "${table.table}"`)]));
    const rows = await inTransaction(pool, async (client) => {
      await requireEmpty(client, options.target);
      listener.starting({ file: source.file, schemaVersion: source.schemaVersion, tables: tables.map((table) => ({ table: table.table, total: totals.get(table.table)! })) });
      let copied = 0;
      for (const table of tables) copied += await copyTable(source, client, table, totals.get(table.table)!, listener);
      // statistics for the planner from the start, rather than at autovacuum's first pass over tables it believes empty
      await client.query('ANALYZE');
      return copied;
    });
    return {
      rows,
      pendingDeliveries: count(source, "SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'"),
      releasedLeases: count(source, "SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending' AND lease_token IS NOT NULL"),
      key: source.key,
    };
  } finally {
    await pool.end();
  }
}

/**
 * Fails closed: rows of another store would mix with the copied ones (two accounts' worth of ids, a second owner of an
 * e-mail). The lock keeps a process of that database from creating the first account (the set-up page) meanwhile.
 */
async function requireEmpty(client: pg.PoolClient, target: string): Promise<void> {
  await client.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
  const accounts = Number((await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM accounts')).rows[0]!.n);
  if (accounts > 0) {
    throw new CopyRefused(`${target} already holds ${accounts} account${accounts === 1 ? '' : 's'}, and the copy only fills an empty database: nothing was written; copy into a new database (e.g. \`createdb postback\`)`);
  }
}

async function copyTable(source: CopySource, client: pg.PoolClient, table: TableCopy, total: number, listener: CopyListener): Promise<number> {
  try {
    const rows = await copyRows(source.db, client, table, (copied) => listener.copied(table.table, copied, total));
    if (rows === 0) listener.copied(table.table, 0, total);
    return rows;
  } catch (error) {
    // the transaction rolls back as this leaves inTransaction; said in one line with PostgreSQL's reason
    throw new CopyRefused(`copying ${table.table} into PostgreSQL failed (${(error as Error).message}): the transaction was rolled back and nothing was written; fix the cause and copy again`, { cause: error });
  }
}

const count = (source: CopySource, sql: string): number => Number((source.db.prepare(sql).get() as { n: number }).n);
