// Whether an error means the store cannot be reached right now (PostgreSQL stopped, restarting, out of connections or
// behind a network that drops it; a SQLite file another process held past the write's lock wait) rather than a bug of
// ours. Nothing was applied either way: the API answers 503 `store_unavailable` and the hosted checkout a page saying
// to send again, both with Retry-After, while /readyz names the database. Fails towards 500: an error not known here
// stays `internal`, logged as ours, so a real bug is never hidden behind "try again".

/**
 * What Retry-After says. PostgreSQL's restart, a failover or a released SQLite lock take about that long, and a
 * client retrying every second during a longer outage costs one refused connection a try (ECONNREFUSED is immediate).
 */
export const storeRetryAfterSeconds = 1;

// the socket to the database: refused, reset, unroutable, or its host name not resolved (pg raises them as they come)
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// PostgreSQL's own answers (SQLSTATE) when it is there but takes no work: class 08 (the connection failed),
// 57P01 admin shutdown (pg_ctl stop, a restart), 57P02 crash shutdown, 57P03 cannot connect now (starting up,
// shutting down, in recovery), 53300 too many connections
const postgresStates = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);

// what the pg driver itself says, as plain Errors known by their text alone (pg and pg-pool, 8.x): the server hung
// up, the pool's connectionTimeoutMillis passed (a host that never answers), a connection already lost was used
const driverMessages = /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

// node:sqlite's SQLITE_BUSY (primary code 5, its extended codes share the low byte): another process kept the write
// lock for longer than a write waits for it (5 s, sqlite/lock-wait.ts), e.g. an operator's sqlite3 shell mid-transaction
const sqliteBusy = 5;

type MaybeStoreError = { code?: unknown; errcode?: unknown; message?: unknown; errors?: unknown };

/**
 * True when `error` says the store could not be reached. Only the error itself is read, never its `cause`: a send to
 * a receiver that refused (fetch's TypeError, caused by ECONNREFUSED) is not the store. A connect to several
 * addresses at once fails as an AggregateError of one error per address: unreachable when each of them is.
 */
export function isStoreUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode, message, errors } = error as MaybeStoreError;
  if (error instanceof AggregateError && Array.isArray(errors) && errors.length > 0) return errors.every(isStoreUnreachable);
  if (typeof code === 'string' && (connectionCodes.has(code) || postgresStates.has(code))) return true;
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return (errcode & 0xff) === sqliteBusy;
  return typeof message === 'string' && driverMessages.test(message);
}
