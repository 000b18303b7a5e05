// The dispatcher: the loop that joins its parts. Each round claims due deliveries under a lease (claim-round.ts)
// and runs one attempt per slot (attempt.ts: prepare → send → settle); dispatch-state.ts keeps its slots and the
// reasons to claim again. One shutdown signal reaches every attempt.
// While it has room and no backlog, it also adopts new deliveries at their publish (adoptions.ts). A record that fails
// is tried again while its lease lasts (record-retry.ts), so a database blip does not send a known outcome twice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { ClaimedDelivery, PublishResult, Store } from '../store/store.ts';
import { adoptions } from './adoptions.ts';
import { attemptPipeline } from './attempt.ts';
import { claimRound } from './claim-round.ts';
import type { AttemptConfig } from './attempt.ts';
import { dispatchState } from './dispatch-state.ts';
import { retryingRecords } from './record-retry.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';
import type { HttpClient } from './http-client.ts';

export type DispatcherConfig = AttemptConfig & Pick<Config, 'concurrency' | 'leaseMs' | 'pollIntervalMs' | 'shutdownGraceMs' | 'webhookConcurrency' | 'accountShare'>;

export type DispatcherDeps = {
  store: Pick<Store, 'claimDue' | 'leaseNew' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt' | 'getWebhook' | 'announceDue' | 'slotsFreeAtAnswer'>;
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
   * Takes a publish's new deliveries (adoptions.ts): those it has room for are leased to it and sent at once. None
   * when the account has a backlog here (the last claim gave it all it could): then its new deliveries wait for a
   * claim, whose order is fair between accounts, webhooks and lanes, instead of jumping its queue. Another account's
   * backlog does not stop an adoption: its deliveries must not wait behind a tenant that has one. The rest are announced;
   * what the store does not lease (its webhook at the cap) is claimed at the next slot freed here.
   */
  adopt(published: PublishResult): void;
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
  const { store, config, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const stopRequested = new AbortController(); // stop() asked: every wait (for work, a backoff) ends now
  const shutdown = new AbortController(); // the grace is over (or halt() cut it): in-flight attempts are aborted
  const inFlight = new Set<Promise<unknown>>();
  const state = dispatchState(config.concurrency, config.accountShare);
  // the pipeline records through the retry: its slot stays taken (dispatch-state.ts) until the record is written or given
  // up, at its lease's end or when the grace is over (shutdown), so stop() never waits on it past the grace
  const recordAttempt = retryingRecords({ store, leaseMs: config.leaseMs, clock, shutdown: shutdown.signal, logger });
  const pipeline = attemptPipeline({ ...deps, store: { ...store, recordAttempt }, clock, random: deps.random ?? Math.random });
  let wakeUp: (() => void) | null = null;
  const wake = () => { state.wake(); wakeUp?.(); };

  function track(claimed: ClaimedDelivery): void {
    const { accountId } = claimed.event;
    const slow = claimed.webhook.slow === true;
    const deliveryId = claimed.delivery.id;
    state.started(accountId, slow);
    // where the store asks for it, a delivered attempt gives its slot back at its answer, its lease settling until its
    // record is done (dispatch-state.ts); any other attempt gives it back once recorded. It stays in flight until then
    const onAnswer = store.slotsFreeAtAnswer ? () => { if (state.answered(deliveryId, accountId, slow)) wakeUp?.(); } : undefined;
    const running = pipeline.run(claimed, shutdown.signal, onAnswer)
      // the store failed to record it until its lease's end or the shutdown (an attempt's own failures are recorded):
      // its lease expires and it is sent again
      .catch((error: unknown) => logger.error({ err: error, delivery: deliveryId }, 'recording an attempt failed until its lease ended or the shutdown; it will be sent again'))
      .finally(() => { inFlight.delete(running); if (state.ended(accountId, slow, deliveryId)) wakeUp?.(); });
    inFlight.add(running);
  }

  /** Waits for a reason to claim (see dispatch-state.ts), or at most `waitMs`. */
  async function waitForWork(waitMs: number): Promise<void> {
    if (state.claimNow || waitMs <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      wakeUp = () => { clearTimeout(timer); resolve(); };
    });
    wakeUp = null;
  }

  const adopting = adoptions({
    store, state, clock, logger, observer: deps.observer, start: track, lease: { leaseMs: config.leaseMs, perWebhook: config.webhookConcurrency },
    announce: () => { wake(); store.announceDue?.(); },
  });

  async function loop(): Promise<void> {
    let failures = 0;
    while (!state.stopping) {
      try {
        await waitForWork(await claimRound({ store, state, config, clock, start: track, observer: deps.observer }));
        failures = 0;
        deps.observer?.turned(clock());
        // one event-loop turn after its reason: every attempt that finishes in this turn (and its record's group
        // commit) gives its slot back first, so one claim fills them all
        await new Promise<void>((resolve) => setImmediate(resolve));
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
  const graceCut = new AbortController(); // halt() ends the grace early
  const stop = () => {
    stopped ??= (async () => {
      state.stop();
      stopRequested.abort();
      wakeUp?.();
      // one grace for everything: a claim still out (a store that does not answer), adoptions, in-flight attempts
      const grace = sleep(config.shutdownGraceMs, undefined, { ref: false, signal: graceCut.signal }).catch(() => {});
      await Promise.race([running, grace]);
      await Promise.race([adopting.settled(), grace]);
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      shutdown.abort();
      // each aborted attempt gives its lease back; a store that does not answer cannot hold the shutdown past this
      // bound (fails toward a prompt exit: an unreleased lease only delays its delivery until the lease expires)
      await Promise.race([Promise.allSettled([...inFlight]), sleep(releaseBoundMs, undefined, { ref: false })]);
    })();
    return stopped;
  };
  const halt = () => { graceCut.abort(); return stop(); };
  return { wake, adopt: adopting.adopt, stop, halt, [Symbol.asyncDispose]: stop };
}
