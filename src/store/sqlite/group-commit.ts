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
import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './database.ts';
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
  /** Runs `work` at once, in one transaction with everything queued so far (a claim that must see those writes). */
  withQueued<T>(work: () => T): T;
  /** Commits whatever is queued (on close). */
  flush(): void;
  /** The last turn whose transaction failed as a whole (not one write's own error), until a turn commits again. */
  lastFailure(): WriteFailure | null;
};

type Queued = { work: () => unknown; resolve(value: unknown): void; reject(error: unknown): void };
/** A flush's own work: nothing but the COMMIT of what is queued. */
const commitOnly = (): undefined => undefined;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** `maxBatch` bounds a transaction: a turn that queues more commits early. */
export function groupCommit(db: DatabaseSync, maxBatch = 256, linger?: Linger): GroupCommit {
  let queued: Queued[] = [];
  let scheduled = false;
  let lingering: ReturnType<typeof setTimeout> | undefined;
  let lingeringWrites = 0;
  let failure: WriteFailure | null = null;

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

  function withQueued<T>(work: () => T): T {
    const batch = queued;
    queued = [];
    clearTimeout(lingering);
    lingering = undefined;
    lingeringWrites = 0;
    if (batch.length === 0) return inTransaction(db, work);
    let done: { outcomes: Outcome[]; value: T };
    try {
      done = inTransaction(db, () => ({ outcomes: runBare(batch), value: work() }));
    } catch {
      // a queued write threw, `work` threw, or the COMMIT failed: nothing was written. The queued writes get their own
      // transaction, each in its savepoint, then `work` runs alone (and throws to its caller again if it is what failed).
      try {
        settle(batch, inTransaction(db, () => runEach(batch)));
        failure = null;
      } catch (error) {
        failure = { at: Date.now(), error: (error as Error).message };
        batch.forEach((item) => item.reject(error));
      }
      // a flush has nothing of its own to run: it does not begin a third transaction (each BEGIN may wait out the busy
      // timeout while another process holds the file)
      return work === commitOnly ? undefined as T : inTransaction(db, work);
    }
    failure = null;
    settle(batch, done.outcomes);
    return done.value;
  }

  function flush(): void {
    scheduled = false;
    if (queued.length === 0) return;
    // runs from a timer: nothing may throw into the event loop. A turn whose transaction cannot even begin (another
    // process held the file past the busy timeout, the disk failed) has rejected each of its writes to its caller
    // already, which answers 500; the process stays up and the next turn tries again
    try { withQueued(commitOnly); } catch { /* its writes' callers have the error */ }
  }

  return {
    enqueue<T>(work: () => T, lingers = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (lingers) lingeringWrites++;
        if (queued.length >= maxBatch) flush();
        else if (scheduled) return;
        else if (lingers && linger !== undefined && lingeringWrites < linger.below) lingering ??= setTimeout(flush, linger.ms);
        else { scheduled = true; setImmediate(flush); }
      });
    },
    withQueued,
    flush,
    lastFailure: () => failure,
  };
}
