// Group commit for the one SQLite connection: the writes queued within one event-loop turn (publishes from many
// HTTP requests, attempt records from many finished sends) run in ONE write transaction. A BEGIN/COMMIT per write was
// the largest single cost of both ingest and dispatch in the benchmark's profile.
// One failing write rolls back alone and fails only its caller. The writes first run bare: a savepoint per write
// copies every page the write changes (a publish: ~45 pages), a seventh of the store's CPU per delivery in-process
// (bench/micro/store-writes.ts), and writes almost never fail. When one throws, nothing is committed: the turn's
// writes run again in a new transaction, each in a savepoint of its own. So a queued write may run twice, and must
// have no effect outside the database (each one's result reaches its caller only after the COMMIT that kept it).
// Durability is unchanged: a queued write's promise settles only after its COMMIT, so a 202 still means durable.
// A write may linger (attempt records, ../record-linger.ts): alone in its turn, it waits a moment for the rest of its
// burst, unless a write that does not linger or a claim commits it first. At 200 events/s that took the store from
// about 730 COMMITs a second to 410 (PERFORMANCE.md: records linger on SQLite too).
// While another process holds the file's write lock, the turn's transaction cannot begin and nothing is written: its
// writes go back to the head of the queue and the next try comes from a timer (lock-wait.ts), taking along whatever was
// queued meanwhile, so the writes still share a COMMIT. Each write gives up after the lock wait (counted from its first
// try), rejecting with the SQLITE_BUSY (503 store_unavailable); the event loop never waits meanwhile.
import type { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { inTransaction } from './database.ts';
import { isLockHeld, lockWaitMs, waitAfter } from './lock-wait.ts';
import type { Linger } from '../record-linger.ts';
import type { WriteFailure } from '../operations.ts';

export type GroupCommit = {
  /**
   * Queues `work` for this turn's transaction; resolves with its result after the COMMIT, or rejects with its own
   * error. It may run twice: database writes only. With `lingers`, the work may wait up to the group commit's
   * linger for the rest of its burst, unless something else commits first or enough lingering work is queued
   * (without a linger, it goes at the end of its turn like any other).
   */
  enqueue<T>(work: () => T, lingers?: boolean): Promise<T>;
  /**
   * Runs `work` at once, in one transaction with everything queued so far (a claim that must see those writes). When
   * another process holds the lock it throws the SQLITE_BUSY, and the queued writes wait for their next try.
   */
  withQueued<T>(work: () => T): T;
  /** Commits whatever is queued, waiting for a lock held elsewhere as each write would (on close). */
  drain(): Promise<void>;
  /** The last turn whose transaction failed as a whole (not one write's own error), until a turn commits again. */
  lastFailure(): WriteFailure | null;
};

/** `giveUpAt`: 0 until a try found the lock held elsewhere, then when the write stops waiting for it. */
type Queued = { work: () => unknown; resolve(value: unknown): void; reject(error: unknown): void; giveUpAt: number };
/** A flush's own work: nothing but the COMMIT of what is queued. */
const commitOnly = (): undefined => undefined;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** `maxBatch` bounds a transaction: a turn that queues more commits early. `lockWait`: see lock-wait.ts. */
export function groupCommit(db: DatabaseSync, maxBatch = 256, linger?: Linger, lockWait = lockWaitMs): GroupCommit {
  let queued: Queued[] = [];
  let scheduled = false;
  let lingering: ReturnType<typeof setTimeout> | undefined;
  let lingeringWrites = 0;
  let failure: WriteFailure | null = null;
  // while another process holds the lock: the timer of the next try, and how many tries in a row found it held
  let nextTry: ReturnType<typeof setTimeout> | undefined;
  let heldTries = 0;

  /** The common case: every write succeeds, and none pays for a savepoint. Throws the first write's error. */
  const runBare = (batch: Queued[]): Outcome[] => batch.map((item) => ({ ok: true, value: item.work() }));

  /** After a failure: each write in a savepoint, so the one that throws rolls back alone. */
  const runEach = (batch: Queued[]): Outcome[] => batch.map((item) => {
    db.exec('SAVEPOINT queued_write');
    try {
      const value = item.work();
      db.exec('RELEASE queued_write');
      return { ok: true, value };
    } catch (error) {
      db.exec('ROLLBACK TO queued_write');
      db.exec('RELEASE queued_write');
      return { ok: false, error };
    }
  });

  const settle = (batch: Queued[], outcomes: Outcome[]) => batch.forEach((item, index) => {
    const outcome = outcomes[index]!;
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });

  /** Takes up to `limit` queued writes, oldest first: they no longer linger. */
  function take(limit: number): Queued[] {
    clearTimeout(lingering);
    lingering = undefined;
    lingeringWrites = 0;
    // more than a batch is queued only after a wait for the lock (enqueue commits a full batch at once)
    if (queued.length <= limit) {
      const batch = queued;
      queued = [];
      return batch;
    }
    return queued.splice(0, limit);
  }

  /**
   * Another process holds the lock and `batch` was not written (its transaction did not begin, or rolled back whole):
   * it goes back to the head of the queue for a try from a timer. Each queued write waits from the first try that
   * found the lock held, and one whose wait is over fails with `busy`.
   */
  function waitForLock(batch: Queued[], busy: unknown): void {
    const now = Date.now();
    const all = batch.concat(queued);
    queued = all.filter((item) => {
      if (item.giveUpAt === 0) item.giveUpAt = now + lockWait;
      if (item.giveUpAt > now) return true;
      item.reject(busy);
      return false;
    });
    if (queued.length < all.length) failure = { at: now, error: (busy as Error).message };
    if (queued.length > 0 && nextTry === undefined) nextTry = setTimeout(tryAgain, waitAfter(++heldTries));
  }

  function tryAgain(): void {
    nextTry = undefined;
    flush();
  }

  /** A transaction began and committed: what waited for the lock goes at the end of this turn. */
  function lockFree(): void {
    heldTries = 0;
    if (nextTry === undefined) return;
    clearTimeout(nextTry);
    nextTry = undefined;
    if (queued.length > 0 && !scheduled) { scheduled = true; setImmediate(flush); }
  }

  /** Commits `batch` with `work` in one transaction; see withQueued. */
  function commit<T>(batch: Queued[], work: () => T): T {
    if (batch.length === 0) {
      const value = inTransaction(db, work);
      if (heldTries > 0) lockFree();
      return value;
    }
    let done: { outcomes: Outcome[]; value: T };
    try {
      done = inTransaction(db, () => ({ outcomes: runBare(batch), value: work() }));
    } catch (error) {
      if (isLockHeld(error)) { waitForLock(batch, error); throw error; }
      // a queued write threw, `work` threw, or the COMMIT failed: nothing was written. The queued writes get their own
      // transaction, each in its savepoint, then `work` runs alone (and throws to its caller again if it is what failed).
      try {
        settle(batch, inTransaction(db, () => runEach(batch)));
        failure = null;
      } catch (error) {
        // the lock taken meanwhile by another process: the batch waits for it, whole
        if (isLockHeld(error)) { waitForLock(batch, error); throw error; }
        failure = { at: Date.now(), error: (error as Error).message };
        batch.forEach((item) => item.reject(error));
      }
      // a flush has nothing of its own to run: it does not begin a third transaction
      return work === commitOnly ? undefined as T : inTransaction(db, work);
    }
    failure = null;
    if (heldTries > 0) lockFree();
    settle(batch, done.outcomes);
    return done.value;
  }

  function withQueued<T>(work: () => T): T {
    return commit(take(Infinity), work);
  }

  function flush(): void {
    scheduled = false;
    if (queued.length === 0) return;
    // runs from a timer: nothing may throw into the event loop. A turn whose transaction cannot begin because another
    // process holds the lock waits for its next try (waitForLock); one that fails otherwise (the disk failed) has
    // rejected each of its writes to its caller already, which answers 500; the process stays up and the next turn tries again
    try { commit(take(maxBatch), commitOnly); } catch { /* its writes wait for the lock, or their callers have the error */ }
    // what a wait for the lock let pile up beyond a batch: the next batch at the end of this turn
    if (queued.length > 0 && nextTry === undefined && !scheduled) { scheduled = true; setImmediate(flush); }
  }

  return {
    enqueue<T>(work: () => T, lingers = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ work, resolve: resolve as (value: unknown) => void, reject, giveUpAt: 0 });
        if (lingers) lingeringWrites++;
        // the lock is held elsewhere: the next try takes this write along
        if (nextTry !== undefined) return;
        if (queued.length >= maxBatch) flush();
        else if (scheduled) return;
        else if (lingers && linger !== undefined && lingeringWrites < linger.below) lingering ??= setTimeout(flush, linger.ms);
        else { scheduled = true; setImmediate(flush); }
      });
    },
    withQueued,
    async drain() {
      flush();
      // each write gives up at its own time: the queue is empty within the lock wait
      for (let tries = 1; queued.length > 0; tries++) {
        await sleep(waitAfter(tries));
        flush();
      }
      clearTimeout(nextTry);
      nextTry = undefined;
    },
    lastFailure: () => failure,
  };
}
