// The dispatcher: claim due deliveries under a lease, then for each one render → sign → send → record.
// A wake-up is a hint; the claim query is the truth. One shutdown signal reaches every attempt.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { uuidv7 } from 'uuidv7';
import type { Config } from '../config.ts';
import { judgeSustainedFailure } from '../domain/webhook-health.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
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
};

export type Dispatcher = {
  /** Hint that work may be due now (ingest calls it after a commit). */
  wake(): void;
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
  let stopping = false;
  // a wake-up that arrives while the loop is busy is remembered, so the next idle() returns at once
  let woken = false;
  let wakeUp: (() => void) | null = null;
  const wake = () => { woken = true; wakeUp?.(); };
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
      .finally(() => { inFlight.delete(running); wake(); });
    inFlight.add(running);
  }

  /** `passedOverAt`: the `now` of a claim that came back empty although slots were free, else null. */
  async function idle(passedOverAt: number | null): Promise<void> {
    if (woken) { woken = false; return; }
    const nextDue = inFlight.size < config.concurrency ? await store.nextDueAt() : null;
    // work that was already due when a claim came back empty belongs to webhooks at their POSTBACK_WEBHOOK_CONCURRENCY
    // cap (or was just taken by another worker): claiming again at once would spin. A finished attempt (wake) or
    // the poll interval frees a slot. Fails toward latency, bounded by the poll interval, never toward a busy loop.
    const passedOver = nextDue !== null && passedOverAt !== null && nextDue <= passedOverAt;
    const waitMs = nextDue === null || passedOver ? config.pollIntervalMs : Math.min(config.pollIntervalMs, Math.max(0, nextDue - clock()));
    if (waitMs === 0 || woken) { woken = false; return; }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      wakeUp = () => { clearTimeout(timer); resolve(); };
    });
    wakeUp = null;
    woken = false;
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        const free = config.concurrency - inFlight.size;
        const now = clock();
        const batch = free > 0 ? await store.claimDue(now, free, config.leaseMs, config.webhookConcurrency) : [];
        failures = 0;
        for (const claimed of batch) track(claimed);
        // every slot busy, or nothing more due: wait for a finished attempt, a wake-up or the next due time
        await idle(free > 0 && batch.length === 0 ? now : null);
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
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
    })();
    return stopped;
  };
  return { wake, stop, [Symbol.asyncDispose]: stop };
}
