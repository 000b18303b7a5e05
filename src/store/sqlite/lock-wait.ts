// Waiting for SQLite's write lock on timers, never in SQLite's busy handler. One file has one write lock; while another
// process holds it (an operator's sqlite3 shell in a write transaction, a second Postback on the same data folder,
// `postback account create` beside the server, a backup tool), SQLite's own wait (the busy timeout) sleeps the calling
// thread: with 5 s, each write stopped the whole server for up to 5 s (no request answered, /healthz included, no
// send, no timer), and each write after it did it again. So the store's connection does not wait at all once it is
// open (its busy timeout is 0, database.ts): a write that finds the lock taken fails at once with SQLITE_BUSY, having
// changed nothing, and is run again here from a timer, whole, until it gets the lock or its wait is over. Then it fails
// with that SQLITE_BUSY as before, which the API answers with 503 `store_unavailable` and Retry-After.
// The group commit (group-commit.ts) waits the same way for its queued writes, with the same schedule and budget.
// Reads are not wrapped: in WAL mode a writer elsewhere never blocks them. Opening the file (WAL switch, migrations)
// still waits in SQLite's busy handler, before anything is served (database.ts).
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a write waits for a lock held elsewhere before it fails (the busy timeout the connection used to have). */
export const lockWaitMs = 5000;

/**
 * The waits between tries, in ms: SQLite's own busy handler's (sqliteDefaultBusyCallback), so a lock held for a moment
 * costs a write no more latency than it did; then every 100 ms, a try costing microseconds.
 */
const waits = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/** The wait after `tries` (1 or more) failed tries. */
export const waitAfter = (tries: number): number => waits[Math.min(tries, waits.length) - 1]!;

/** SQLITE_BUSY and its extended codes (the low byte): another connection holds the lock. */
export function isLockHeld(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' && (errcode & 0xff) === 5;
}

/**
 * Runs `attempt` and returns its value; when the lock is held elsewhere, runs it again from timers until it goes
 * through (a promise of its value) or `budgetMs` has passed (the promise rejects with the SQLITE_BUSY). `attempt` must
 * be what SQLite applies whole or not at all, so that running it again is safe: one transaction, or reads followed by
 * one autocommit statement. It is given how long it has waited (0 at the first try). The normal case, the lock free at
 * the first try, returns the value itself: no promise, no await, no timer.
 */
export function whenUnlocked<T>(attempt: (waitedMs: number) => T, budgetMs = lockWaitMs): T | Promise<T> {
  try {
    return attempt(0);
  } catch (error) {
    if (!isLockHeld(error)) throw error;
    return tryAgain(attempt, error, Date.now(), budgetMs);
  }
}

async function tryAgain<T>(attempt: (waitedMs: number) => T, busy: unknown, since: number, budgetMs: number): Promise<T> {
  for (let tries = 1; ; tries++) {
    const left = since + budgetMs - Date.now();
    // fails closed: the lock still held after the whole wait is the store unavailable, and nothing was written
    if (left <= 0) throw busy;
    await sleep(Math.min(waitAfter(tries), left));
    try {
      return attempt(Date.now() - since);
    } catch (error) {
      if (!isLockHeld(error)) throw error;
      busy = error;
    }
  }
}
