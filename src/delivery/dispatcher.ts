// The dispatcher: claim due deliveries under a lease, then for each one render → sign → send → record.
// A wake-up is a hint; the claim query is the truth. One shutdown signal reaches every attempt.
// While it has room and no backlog, it also takes new deliveries at their publish (HandOff in ../store/store.ts).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../config.ts';
import { judgeSustainedFailure } from '../domain/webhook-health.ts';
import type { ClaimedDelivery, HandOff, Store } from '../store/store.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';
import type { HttpClient } from './http-client.ts';
import { renderBody } from './render.ts';
import { maskHeaders, requestHeaders } from './request-headers.ts';
import { send } from './send.ts';
import { settle } from './settle.ts';

export type DispatcherConfig = Pick<Config, 'concurrency' | 'leaseMs' | 'pollIntervalMs' | 'attemptDeadlineMs' | 'maxKeptResponseBytes'
  | 'maxResponseBytes' | 'retrySchedule' | 'retryJitter' | 'retryAfterMaxMs' | 'disableAfterFailures' | 'disableAfterMs' | 'shutdownGraceMs' | 'webhookConcurrency'>;

export type DispatcherDeps = {
  store: Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt'>;
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
   * A hand-off for the next publish, or null when this dispatcher has no free slot or a backlog: then new deliveries
   * wait for a claim, whose order is oldest first and fair between webhooks and lanes, instead of jumping the queue.
   */
  offer(): HandOff | null;
  /** Stops claiming, lets in-flight attempts finish within the grace period, aborts the rest and releases their leases. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export function startDispatcher(deps: DispatcherDeps): Dispatcher {
  const { store, client, config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const random = deps.random ?? Math.random;
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  // slots taken by hand-offs not settled yet (each becomes an attempt, or is given back), and the hand-offs themselves
  let reserved = 0;
  const busySlots = () => inFlight.size + reserved;
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
  let wakeUp: (() => void) | null = null;
  const wake = () => { woken = true; wakeUp?.(); };
  const slotFreed = () => { freed = true; if (wantSlots) wakeUp?.(); };
  const policy = { schedule: config.retrySchedule, jitter: config.retryJitter, retryAfterMaxMs: config.retryAfterMaxMs };
  const limits = { deadlineMs: config.attemptDeadlineMs, maxKeptBytes: config.maxKeptResponseBytes, maxResponseBytes: config.maxResponseBytes };

  async function attempt(claimed: ClaimedDelivery): Promise<void> {
    const { delivery, event, webhook } = claimed;
    const startedAt = clock();
    const { contentType, body } = renderBody(event, delivery.version, claimed.hottok);
    const headers = requestHeaders({ messageId: event.id, body, contentType, secrets: webhook.secrets, hottok: claimed.hottok, timestampSeconds: Math.floor(startedAt / 1000) });
    const outcome = await send(client, { url: webhook.url, headers, body }, limits, shutdown.signal);
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
    }, verdict.settlement, (health) => verdict.disableReason ?? judgeSustainedFailure(rule, health, now), now);
    deps.observer?.recorded({ claimed, result: verdict.result, recorded, now });
    if (recorded.kind === 'lease_lost') {
      logger.warn({ delivery: delivery.id }, 'lease expired before the attempt was recorded; another worker owns this delivery');
    } else if (recorded.disabledReason) {
      // loud on purpose: a disabled webhook can cut buyers off from what they paid for
      logger.error({ webhook: webhook.id, reason: recorded.disabledReason }, 'webhook disabled automatically');
    }
  }

  function track(claimed: ClaimedDelivery): void {
    const running = attempt(claimed)
      .catch((error: unknown) => logger.error({ err: error, delivery: claimed.delivery.id }, 'attempt crashed; its lease will expire and it will be retried'))
      .finally(() => { inFlight.delete(running); slotFreed(); });
    inFlight.add(running);
  }

  /** Waits for a reason to claim (see `woken`), or at most `waitMs`. */
  async function waitForWork(waitMs: number): Promise<void> {
    if (woken || (wantSlots && freed) || waitMs <= 0) return;
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
    const free = config.concurrency - busySlots();
    // whatever arrived until now, this claim sees
    woken = false;
    freed = false;
    if (free <= 0) {
      wantSlots = true;
      await waitForWork(config.pollIntervalMs);
      return;
    }
    const now = clock();
    const batch = await store.claimDue(now, free, config.leaseMs, config.webhookConcurrency);
    deps.observer?.claimed(batch.length, 'claim');
    for (const claimed of batch) track(claimed);
    if (batch.length === free) {
      // every free slot taken: more may be due, so the next freed slot claims again
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
    await waitForWork(nextDue === null || passedOver ? config.pollIntervalMs : Math.min(config.pollIntervalMs, Math.max(0, nextDue - clock())));
  }

  function offer(): HandOff | null {
    if (stopping || wantSlots || busySlots() >= config.concurrency) return null;
    let taken = 0;
    unsettled++;
    return {
      leaseToken: randomUUID(),
      leaseExpiresAt: clock() + config.leaseMs,
      perWebhook: config.webhookConcurrency,
      take: () => {
        if (stopping || busySlots() >= config.concurrency) return false;
        reserved++;
        taken++;
        return true;
      },
      settle: (handedOff, leftForClaim) => {
        reserved -= taken;
        taken = 0;
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
        await sleep(Math.min(30_000, 250 * 2 ** failures), undefined, { signal: shutdown.signal }).catch(() => {});
      }
    }
  }

  const running = loop();
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      wake();
      await running;
      const grace = sleep(config.shutdownGraceMs, 'grace', { ref: false });
      await Promise.race([offersSettled(), grace]);
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
    })();
    return stopped;
  };
  return { wake, offer, stop, [Symbol.asyncDispose]: stop };
}
