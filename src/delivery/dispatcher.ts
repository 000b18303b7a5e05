// The dispatcher: claim due deliveries under a lease, then for each one render → sign → send → record.
// A wake-up is a hint; the claim query is the truth. One shutdown signal reaches every attempt.
// While it has room and no backlog, it also takes new deliveries at their publish (HandOff in ../store/store.ts).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../config.ts';
import { conversionVersion } from '../domain/conversion.ts';
import { judgeSustainedFailure } from '../domain/webhook-health.ts';
import type { ClaimedDelivery, HandOff, Store } from '../store/store.ts';
import { accountSlots, filledAccounts } from './account-slots.ts';
import { describeOwnError } from './classify-failure.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';
import type { HttpClient } from './http-client.ts';
import { renderRequest } from './render.ts';
import { maskHeaders, requestHeaders } from './request-headers.ts';
import { send } from './send.ts';
import { settle } from './settle.ts';
import type { AttemptOutcome } from './settle.ts';

export type DispatcherConfig = Pick<Config, 'concurrency' | 'leaseMs' | 'pollIntervalMs' | 'attemptDeadlineMs' | 'maxKeptResponseBytes'
  | 'maxResponseBytes' | 'retrySchedule' | 'retryJitter' | 'retryAfterMaxMs' | 'disableAfterFailures' | 'disableAfterMs' | 'shutdownGraceMs' | 'webhookConcurrency'
  | 'accountShare' | 'circuitBreakerTimeouts'>;

export type DispatcherDeps = {
  store: Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt' | 'getWebhook'>;
  client: HttpClient;
  config: DispatcherConfig;
  logger: Logger;
  clock?: () => number;
  random?: () => number;
  /** Hears loop turns, claims and recorded attempts (metrics, readiness); changes nothing. */
  observer?: DispatcherObserver;
};

export type Dispatcher = {
  /** Hint that work may be due now (ingest calls it after a commit). */
  wake(): void;
  /**
   * A hand-off for the next publish of `accountId`, or null when this dispatcher has no free slot or room for that
   * account, or the account has a backlog here (the last claim gave it all it could): then its new deliveries wait
   * for a claim, whose order is fair between accounts, webhooks and lanes, instead of jumping its queue. Another
   * account's backlog does not stop a hand-off: its deliveries must not wait behind a tenant that has one.
   */
  offer(accountId: string): HandOff | null;
  /**
   * Stops claiming at once (a backoff or a wait for work ends now), lets in-flight attempts finish within the grace
   * period, aborts the rest and releases their leases. Resolves within the grace plus `releaseBoundMs` whatever the
   * store does: a claim or a release that does not answer is left behind (its leases expire and are reclaimed).
   */
  stop(): Promise<void>;
  /** Ends the grace now: in-flight attempts are aborted and their leases released (within `releaseBoundMs`). Returns stop()'s promise. */
  halt(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

/** After the grace, how long stop() waits for aborted attempts to give their leases back. */
export const releaseBoundMs = 1000;

export function startDispatcher(deps: DispatcherDeps): Dispatcher {
  const { store, client, config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const random = deps.random ?? Math.random;
  // stop() asked: no new claims, and every wait (for work, a backoff) ends now
  const stopRequested = new AbortController();
  // the grace is over (or halt() cut it): in-flight attempts are aborted
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  // the slots, by account: attempts in flight and the slots reserved by hand-offs not settled yet (each becomes an
  // attempt, or is given back)
  const slots = accountSlots(config.concurrency, config.accountShare);
  // hand-offs not settled yet
  let unsettled = 0;
  let allSettled: (() => void) | null = null;
  let stopping = false;
  // Two reasons to claim again, each remembered if it arrives while the loop is busy, so the next wait returns at once:
  // - `woken`: work may have become due (a publish, a resend, another process's NOTIFY, stop());
  // - `freed`: an attempt finished and gave its slot back. That only matters when the last claim could not take
  //   everything due (it filled every free slot, or passed over webhooks at their cap): then `wantSlots` is set.
  //   Otherwise a finished attempt makes nothing new due (a retry is due later, and nextDueAt's timer covers it), and
  //   claiming at each one cost an empty claim (a transaction or a round trip) per delivery at low load.
  let woken = false;
  let freed = false;
  let wantSlots = false;
  // the accounts the last claim gave all it could (their room, or every free slot): while `wantSlots` says work is
  // waiting, theirs may be, and a hand-off would let their new deliveries jump ahead of it
  let backlogged = new Set<string>();
  let wakeUp: (() => void) | null = null;
  const wake = () => { woken = true; wakeUp?.(); };
  const slotFreed = () => { freed = true; if (wantSlots) wakeUp?.(); };
  const policy = { schedule: config.retrySchedule, jitter: config.retryJitter, retryAfterMaxMs: config.retryAfterMaxMs };
  const limits = { deadlineMs: config.attemptDeadlineMs, maxKeptBytes: config.maxKeptResponseBytes, maxResponseBytes: config.maxResponseBytes };

  // fails open: metrics must never stop a delivery

  /** Render, sign, send. Whatever throws here is ours, and becomes an internal_error attempt (see AttemptOutcome). */
  async function sendOne(claimed: ClaimedDelivery, startedAt: number): Promise<{ outcome: AttemptOutcome; headers: Record<string, string> }> {
    const { delivery, event, webhook } = claimed;
    const started = performance.now();
    let headers: Record<string, string> = {};
    try {
      // a postback's template is read with its webhook at each attempt (a claim carries only the URL): postbacks are few
      const postback = delivery.version === conversionVersion ? (await store.getWebhook(event.accountId, webhook.id))?.postback ?? null : null;
      const request = renderRequest(event, delivery, claimed.hottok, { url: webhook.url, postback });
      headers = requestHeaders({ messageId: event.id, body: request.body, contentType: request.contentType, secrets: webhook.secrets, hottok: request.hottok, timestampSeconds: Math.floor(startedAt / 1000) });
      return { outcome: await send(client, { method: request.method, url: request.url, headers, body: request.body }, limits, shutdown.signal), headers };
    } catch (error) {
      // the stack goes to the log (for us); the history keeps the message (for the owner)
      logger.error({ err: error, delivery: delivery.id, webhook: webhook.id }, 'an attempt failed inside Postback; recorded as internal_error');
      return { outcome: { kind: 'internal_error', detail: describeOwnError(error), durationMs: performance.now() - started }, headers };
    }
  }

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const { delivery, webhook } = claimed;
    const startedAt = clock();
    const { outcome, headers } = await sendOne(claimed, startedAt);
    if (outcome.kind === 'network_error' && outcome.cause === 'aborted') {
      // we cut it short, the receiver did not fail: give the lease back so another worker sends it at once
      await store.releaseLeases([{ deliveryId: delivery.id, leaseToken: claimed.leaseToken }]);
      return;
    }
    const now = clock();
    const attemptsDone = delivery.cycleAttempts + 1;
    const verdict = settle(policy, { outcome, url: webhook.url, attemptsDone, maxAttempts: delivery.maxAttempts, now }, random);
    const rule = { failures: config.disableAfterFailures, afterMs: config.disableAfterMs };
    const recorded = await store.recordAttempt(delivery.id, claimed.leaseToken, {
      id: uuidv7(), number: delivery.attemptCount + 1, startedAt, requestHeaders: maskHeaders(headers), ...verdict.result,
    }, verdict.settlement, (health) => verdict.disableReason ?? judgeSustainedFailure(rule, health, now), now, config.circuitBreakerTimeouts);
    deps.observer?.recorded({ claimed, result: verdict.result, recorded, now });
    if (recorded.kind === 'lease_lost') {
      logger.warn({ delivery: delivery.id }, 'lease expired before the attempt was recorded; another worker owns this delivery');
      return;
    }
    if (recorded.disabledReason) {
      // loud on purpose: a disabled webhook can cut buyers off from what they paid for
      logger.error({ webhook: webhook.id, reason: recorded.disabledReason }, 'webhook disabled automatically');
    }
    if (recorded.circuitOpened) {
      logger.warn({ webhook: webhook.id, timeouts: config.circuitBreakerTimeouts }, 'webhook circuit opened: its receiver timed out again and again; one attempt at a time until one succeeds');
    }
  }

  function track(claimed: ClaimedDelivery): void {
    const account = claimed.event.accountId;
    const slow = claimed.webhook.slow === true;
    slots.take(account, slow);
    const running = attempt(claimed)
      // the store failed to record it (an attempt's own failures are recorded): its lease expires and it is sent again
      .catch((error: unknown) => logger.error({ err: error, delivery: claimed.delivery.id }, 'recording an attempt failed; its lease will expire and it will be retried'))
      .finally(() => { inFlight.delete(running); slots.give(account, slow); slotFreed(); });
    inFlight.add(running);
  }

  /** Waits for a reason to claim (see `woken`), or at most `waitMs`. */
  async function waitForWork(waitMs: number): Promise<void> {
    if (woken || (wantSlots && freed) || waitMs <= 0) return;
    if (stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      wakeUp = () => { clearTimeout(timer); resolve(); };
    });
    wakeUp = null;
  }

  /**
   * A claim happens one event-loop turn after its reason, not at once: every attempt that finishes in the same turn
   * (and its record's group commit, see the stores) then gives its slot back first, so one claim fills them all.
   */
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  /** One claim, then the wait until the next one is worth making. */
  async function claimAndWait(): Promise<void> {
    const free = slots.free();
    // whatever arrived until now, this claim sees
    woken = false;
    freed = false;
    if (free <= 0) {
      wantSlots = true;
      await waitForWork(config.pollIntervalMs);
      return;
    }
    const now = clock();
    const rooms = slots.rooms();
    const heldBefore = new Map([...rooms.rooms.keys()].map((account) => [account, slots.heldBy(account)]));
    const batch = await store.claimDue(now, free, config.leaseMs, config.webhookConcurrency, rooms);
    deps.observer?.claimed(batch.length, 'claim');
    if (stopping) {
      // stop() came while the claim was out: nothing new starts, and the leases go back for another worker
      await store.releaseLeases(batch.map((claimed) => ({ deliveryId: claimed.delivery.id, leaseToken: claimed.leaseToken })));
      return;
    }
    // hand-offs may have taken slots while the claim was out (its rooms were counted before them): what no longer fits
    // in the room the claim was given (less what hand-offs took since), or in the free slots, goes back at once rather
    // than over-commit (measured: an account holding 83 of 64 slots beside a PostgreSQL claim's round trip). Rare;
    // fails toward a little latency for those rows.
    const overflow = batch.filter((claimed) => {
      const account = claimed.event.accountId;
      if (slots.free() <= 0 || slots.heldBy(account) - (heldBefore.get(account) ?? 0) >= (rooms.rooms.get(account) ?? rooms.otherRoom)) return true;
      track(claimed);
      return false;
    });
    if (overflow.length > 0) await store.releaseLeases(overflow.map((claimed) => ({ deliveryId: claimed.delivery.id, leaseToken: claimed.leaseToken })));
    backlogged = filledAccounts(batch, rooms, free);
    if (batch.length === free || backlogged.size > 0) {
      // every free slot taken, or some account's whole room: more may be due, so the next freed slot claims again
      // (without asking nextDueAt: at saturation that query, at every claim, cost more than the room it found)
      wantSlots = true;
      await waitForWork(config.pollIntervalMs);
      return;
    }
    // fewer than asked: everything claimable now is taken. Work already due when the claim came back short belongs
    // to webhooks at their POSTBACK_WEBHOOK_CONCURRENCY cap (or was just taken by another worker): claiming again at
    // once would spin, so a freed slot (or the poll interval) claims again. Fails toward latency, bounded by the
    // poll interval, never toward a busy loop.
    const nextDue = await store.nextDueAt();
    const passedOver = nextDue !== null && nextDue <= now;
    wantSlots = passedOver;
    if (!passedOver) backlogged.clear();
    await waitForWork(nextDue === null || passedOver ? config.pollIntervalMs : Math.min(config.pollIntervalMs, Math.max(0, nextDue - clock())));
  }

  function offer(accountId: string): HandOff | null {
    if (stopping || slots.roomFor(accountId) <= 0 || (wantSlots && backlogged.has(accountId))) return null;
    let taken = 0;
    unsettled++;
    return {
      leaseToken: randomUUID(),
      leaseExpiresAt: clock() + config.leaseMs,
      perWebhook: config.webhookConcurrency,
      take: () => {
        if (stopping || slots.roomFor(accountId) <= 0) return false;
        slots.take(accountId);
        taken++;
        return true;
      },
      settle: (handedOff, leftForClaim) => {
        for (; taken > 0; taken--) slots.give(accountId);
        for (const claimed of handedOff) track(claimed);
        if (handedOff.length > 0) deps.observer?.claimed(handedOff.length, 'hand_off');
        if (leftForClaim) wake();
        if (--unsettled === 0) allSettled?.();
      },
    };
  }

  /** Resolves once every hand-off offered so far is settled (stop() waits for them: they may hold leases). */
  const offersSettled = () => (unsettled === 0 ? Promise.resolve() : new Promise<void>((resolve) => { allSettled = resolve; }));

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        await claimAndWait();
        failures = 0;
        deps.observer?.turned(clock());
        await nextTurn();
      } catch (error) {
        // a failing store backs off (up to 30 s) and never spins
        failures++;
        logger.error({ err: error }, 'claiming due deliveries failed; backing off');
        await sleep(Math.min(30_000, 250 * 2 ** failures), undefined, { signal: stopRequested.signal }).catch(() => {});
      }
    }
  }

  const running = loop();
  let stopped: Promise<void> | null = null;
  // halt() ends the grace early
  const graceCut = new AbortController();
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      stopRequested.abort();
      wake();
      // one grace for everything: a claim still out (a store that does not answer), hand-offs, in-flight attempts
      const grace = sleep(config.shutdownGraceMs, undefined, { ref: false, signal: graceCut.signal }).catch(() => {});
      await Promise.race([running, grace]);
      await Promise.race([offersSettled(), grace]);
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      shutdown.abort();
      // each aborted attempt gives its lease back; a store that does not answer cannot hold the shutdown past this
      // bound (fails toward a prompt exit: an unreleased lease only delays its delivery until the lease expires)
      await Promise.race([Promise.allSettled([...inFlight]), sleep(releaseBoundMs, undefined, { ref: false })]);
    })();
    return stopped;
  };
  const halt = () => {
    graceCut.abort();
    return stop();
  };
  return { wake, offer, stop, halt, [Symbol.asyncDispose]: stop };
}
