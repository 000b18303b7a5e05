// Recording an attempt whose outcome is known, again and again while its lease lasts. When the store fails to record
// (a database restart, a failover, a dropped connection), the receiver has already answered: giving the record up
// leaves the lease to expire, and the delivery is sent a second time. A Hotmart receiver can dedupe that on
// `webhook-id`; an ad network's conversion postback has no id and counts a second sale. So a failed record is tried
// again with a short backoff until it is written, its lease ends, or the shutdown's grace is over; only then is it
// given up (the dispatcher logs it, and the delivery goes out again once its lease expires, as before).
//
// Why a late or repeated write is harmless: recordAttempt writes only while `leaseToken` still holds the delivery
// (both stores: `lease_token = $token AND lease_expires_at > now`, now being the attempt's own end; PostgreSQL in
// recordFailure and record-delivered.sql, SQLite in selectLeased), and a record clears the token. Another worker's
// claim or adoption sets a new token, so a try after that writes nothing and answers `lease_lost`; so does a try
// after an earlier one that committed but whose answer was lost (nothing is written twice, the attempt keeps one row).
//
// The lease's end is taken as the attempt's start plus the lease: the lease began at its claim, a little earlier, so
// the last tries may come the claim's round trip after the lease really ended, which the token makes harmless too.
// The common case (the first record succeeds) costs one `.catch` and nothing else.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RecordResult, Store } from '../store/store.ts';

export type RecordRetryDeps = {
  store: Pick<Store, 'recordAttempt'>;
  leaseMs: number;
  clock: () => number;
  /** The shutdown's grace is over: a retry waiting or out ends now, and the record is given up. */
  shutdown: AbortSignal;
  logger: Logger;
  /** The waits between tries: `firstMs`, doubling up to `maxMs`. */
  backoff?: { firstMs: number; maxMs: number };
};

/**
 * The first wait is short (a dropped connection is often back at once); the longest bounds how late a record comes
 * after its database does (the repro's restart took 9 s of a 45 s lease). No jitter: the tries of a worker's records
 * come together, and PostgreSQL's delivered records then share one statement (batched-calls.ts).
 */
export const recordBackoff = { firstMs: 200, maxMs: 2_000 };

/** `store.recordAttempt`, tried again while the attempt's lease lasts when it fails (see above). */
export function retryingRecords(deps: RecordRetryDeps): Store['recordAttempt'] {
  const { store } = deps;
  return (deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter) => {
    const once = () => store.recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter);
    return once().catch((error: unknown) => retryUntilLeaseEnds(deps, once, { deliveryId, leaseEndsAt: attempt.startedAt + deps.leaseMs }, error));
  };
}

async function retryUntilLeaseEnds(deps: RecordRetryDeps, once: () => Promise<RecordResult>, lease: { deliveryId: string; leaseEndsAt: number }, firstError: unknown): Promise<RecordResult> {
  const { logger, clock } = deps;
  const backoff = deps.backoff ?? recordBackoff;
  const left = lease.leaseEndsAt - clock();
  if (left <= 0 || deps.shutdown.aborted) throw firstError;
  // one signal for both ends: a wait or a try still out when it fires is left, and the record given up
  const giveUp = AbortSignal.any([deps.shutdown, AbortSignal.timeout(left)]);
  logger.warn({ err: firstError, delivery: lease.deliveryId, leaseLeftMs: left }, 'recording an attempt failed; trying again while its lease lasts');
  let lastError = firstError;
  for (let tries = 1, wait = backoff.firstMs; ; tries++, wait = Math.min(backoff.maxMs, wait * 2)) {
    const result = await untilGivenUp(sleep(wait, undefined, { signal: giveUp }).then(once), giveUp);
    if (result.kind === 'given_up') throw lastError;
    if (result.kind === 'recorded') {
      // lease_lost here: another worker took the lease, or an earlier try had written it and lost only its answer
      logger.info({ delivery: lease.deliveryId, tries: tries + 1, result: result.recorded.kind }, 'recording an attempt succeeded on a later try');
      return result.recorded;
    }
    lastError = result.error;
  }
}

type Try = { kind: 'recorded'; recorded: RecordResult } | { kind: 'failed'; error: unknown } | { kind: 'given_up' };

/** One wait and try, or `given_up` as soon as `giveUp` fires (a try left out is fenced, and its end ignored). */
function untilGivenUp(attempt: Promise<RecordResult>, giveUp: AbortSignal): Promise<Try> {
  return new Promise<Try>((resolve) => {
    const onAbort = () => resolve({ kind: 'given_up' });
    giveUp.addEventListener('abort', onAbort, { once: true });
    attempt.then(
      (recorded) => resolve({ kind: 'recorded', recorded }),
      (error: unknown) => resolve(giveUp.aborted ? { kind: 'given_up' } : { kind: 'failed', error }),
    ).finally(() => giveUp.removeEventListener('abort', onAbort));
  });
}
