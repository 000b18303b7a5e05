// Where PostgreSQL spends its time: with --profile the bench's embedded server loads pg_stat_statements, and after
// the PostgreSQL end-to-end scenario the statements of Postback's database are ranked by total execution time. The
// Node profile only shows the process waiting on the database; this shows what the database was doing meanwhile.
import pg from 'pg';

/** Server settings (`-c name=value`) that load the extension; `track=all` also counts the statements that run inside functions (postback_claim), marked nested. */
export const statementStatsSettings: Record<string, string> = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' };

/** `blocks`: shared buffers hit or read, `walBytes`: WAL written; both move with the work done, not with the machine's load. */
export type HotStatement = { query: string; nested: boolean; calls: number; rows: number; totalMs: number; meanMs: number; blocks?: number; walBytes?: number };
/** A table's row updates, and how many of them were HOT: a new version on the same page and no index entry written. */
export type TableUpdates = { table: string; updates: number; hotUpdates: number };
export type StatementSummary = { database: string; topLevelMs: number; topLevelCalls: number; top: HotStatement[]; updates?: TableUpdates[] };

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** The top `limit` statements of `database` by total execution time, read through the server's admin database. */
export async function summarizeStatements(adminUrl: string, database: string, limit = 20): Promise<StatementSummary> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await client.query<{ query: string; toplevel: boolean; calls: string; rows: string; total_ms: number; mean_ms: number; blocks: string; wal_bytes: string }>(
      `SELECT s.query, s.toplevel, s.calls, s.rows, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms,
         s.shared_blks_hit + s.shared_blks_read AS blocks, s.wal_bytes
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.total_exec_time DESC`, [database]);
    const top = rows.map((row): HotStatement => ({
      query: row.query.replace(/\s+/g, ' ').trim().slice(0, 400), nested: !row.toplevel,
      calls: Number(row.calls), rows: Number(row.rows), totalMs: round(row.total_ms), meanMs: round(row.mean_ms), blocks: Number(row.blocks), walBytes: Number(row.wal_bytes),
    }));
    const topLevel = top.filter((statement) => !statement.nested);
    return {
      database,
      topLevelMs: round(topLevel.reduce((sum, statement) => sum + statement.totalMs, 0)),
      topLevelCalls: topLevel.reduce((sum, statement) => sum + statement.calls, 0),
      top: top.slice(0, limit),
      updates: await tableUpdates(adminUrl, database),
    };
  } finally {
    await client.end();
  }
}

/** The updated tables of `database`, most updated first (each database keeps its own table statistics). */
async function tableUpdates(adminUrl: string, database: string): Promise<TableUpdates[]> {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; updates: string; hot: string }>(
      `SELECT relname AS table, n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE n_tup_upd > 0 ORDER BY n_tup_upd DESC`);
    return rows.map((row) => ({ table: row.table, updates: Number(row.updates), hotUpdates: Number(row.hot) }));
  } finally {
    await client.end();
  }
}
