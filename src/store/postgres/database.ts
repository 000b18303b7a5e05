// Connects to the shared PostgreSQL database and brings its schema up to date, one process at a time.
import pg from 'pg';
import type { PoolClient } from 'pg';
import { postgresMigrations } from './migrations.ts';
import { SchemaTooNewError } from '../schema-too-new.ts';

/** Advisory lock keys (any fixed 64-bit numbers that no other application on the database uses); `claim` is written out in postback_claim (migrations.ts). */
export const lockKeys = { migrations: 7_358_120_418_001, claim: 7_358_120_418_002 } as const;

// BIGINT (int8, oid 20) comes back as text by default; our BIGINTs are epoch ms and row counts, all far below 2^53
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export type PostgresOptions = { url: string; poolSize: number };

/**
 * A named statement, for the hot path (every request's token, publish and claim): each connection parses it once and then
 * only binds and executes it, instead of parsing and planning the text at every call.
 */
export function named(name: string, text: string): (values?: unknown[]) => pg.QueryConfig {
  return (values = []) => ({ name, text, values });
}

/** A pool of `poolSize` connections; statements that need one connection (transactions) check one out. */
export function createPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url, max: options.poolSize, types,
    // TCP keep-alive notices a peer that vanished without closing (a failover, a dropped NAT entry)
    keepAlive: true,
    // fails closed: a database that does not answer within 10 s is reported, never waited on forever
    connectionTimeoutMillis: 10_000,
    // idle connections are kept (pg-pool closes them after 10 s by default): a new connection's first statements are
    // planned again and postback_claim compiled again (its first claim measured 35 ms, its third 4.5 ms), so a burst
    // after a quieter spell paid that on every connection it opened at once (PERFORMANCE.md: warm connections)
    idleTimeoutMillis: 0,
  });
  // an idle connection that breaks (server restart) is dropped from the pool; the next query opens a new one
  pool.on('error', () => {});
  return pool;
}

/** Applies the migrations this database lacks, under an advisory lock so processes starting together do not race. */
export async function migrate(pool: pg.Pool): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // as in inTransaction: a connection cut while checked out fails its next statement, never the process
  const lost = (error: Error) => { broken = error; };
  client.on('error', lost);
  try {
    // a session lock: held across the per-version transactions, and released by PostgreSQL if this process dies
    await client.query('SELECT pg_advisory_lock($1)', [lockKeys.migrations]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS postback_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM postback_migrations');
      const from = rows[0]?.version ?? 0;
      // fails closed: a database migrated by a newer Postback is not touched by an older one
      if (from > postgresMigrations.length) throw new SchemaTooNewError(from, postgresMigrations.length, 'PostgreSQL');
      for (let version = from; version < postgresMigrations.length; version++) {
        await inTransactionOn(client, async () => {
          await client.query(postgresMigrations[version]!);
          await client.query('INSERT INTO postback_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, Date.now()]);
        });
      }
      return { from, to: postgresMigrations.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockKeys.migrations]);
    }
  } finally {
    client.removeListener('error', lost);
    client.release(broken);
  }
}

/** Runs `work` in one transaction on a connection of its own; any error rolls it back. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const lost = (error: Error) => { broken = error; };
  // a connection cut between two statements (the server restarting, its backend terminated) emits 'error' on the
  // client, which the pool hears only while the client is idle: unheard, it would end the process. The next
  // statement fails, the transaction with it, and the connection is destroyed
  client.on('error', lost);
  try {
    return await inTransactionOn(client, () => work(client), begin, lost);
  } finally {
    client.removeListener('error', lost);
    // a connection whose ROLLBACK failed may still be inside the transaction: it is destroyed, never reused
    client.release(broken);
  }
}

async function inTransactionOn<T>(client: PoolClient, work: () => Promise<T>, begin = 'BEGIN', onBroken: (error: Error) => void = () => {}): Promise<T> {
  await client.query(begin);
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => onBroken(rollbackError as Error));
    throw error;
  }
}
