// Adoption: ingest hands a publish's new deliveries to this process's dispatcher, which leases those it has room for
// (Store.leaseNew) and sends them without waiting for a claim. The way runs forward only: route → ingest → store
// (publish) → ingest → dispatcher → store (leaseNew); the store never calls back.
// Slots are reserved (dispatch-state.ts) before the lease is asked for, so an account's share holds exactly; the
// per-webhook cap is the store's to count, under the claims' turn-taking. The adoptions of one event-loop turn go
// together in one leaseNew, and one is out at a time: a burst of publishes costs one round trip and one turn on
// PostgreSQL's claim lock, not one each. What this dispatcher has no room for is announced for a claim, in this
// process and every other. What leaseNew leaves is not: a claim was first, or the webhook is at its cap, where a claim
// now would pass it over too. It is claimed when a slot is freed here, as a claim's passed-over rows are; announced,
// each such row woke a claim at once that raced the next adoptions for their new rows (PERFORMANCE.md: claims
// below saturation).
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClaimedDelivery, NewDelivery, PublishResult, Store } from '../store/store.ts';
import { leasesOf } from './claim-round.ts';
import type { DispatchState } from './dispatch-state.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';
import type { AccountId } from '../domain/ids.ts';

export type AdoptionDeps = {
  store: Pick<Store, 'leaseNew' | 'releaseLeases'>;
  state: DispatchState;
  lease: { leaseMs: number; perWebhook: number };
  clock: () => number;
  logger: Logger;
  /** Runs an attempt for a leased delivery (its slot taken there). */
  start(claimed: ClaimedDelivery): void;
  /** Deliveries were left for a claim: wake the workers of every process. */
  announce(): void;
  observer?: Pick<DispatcherObserver, 'claimed'>;
};

export type Adoptions = {
  /** Takes what it has room for of a publish's new pending deliveries; never throws, never waits. */
  adopt(result: PublishResult): void;
  /** Resolves once no adoption is queued or out (stop() waits for them: they hold reserved slots, maybe leases). */
  settled(): Promise<void>;
};

type Queued = { accountId: AccountId; wanted: NewDelivery[] };

export function adoptions(deps: AdoptionDeps): Adoptions {
  const { state } = deps;
  let queued: Queued[] = [];
  let out: Promise<void> | null = null;

  async function leaseQueued(batch: Queued[]): Promise<void> {
    const wanted = batch.flatMap((adoption) => adoption.wanted);
    let leased: ClaimedDelivery[] = [];
    try {
      leased = await deps.store.leaseNew(wanted, randomUUID(), deps.clock(), deps.lease.leaseMs, deps.lease.perWebhook);
    } catch (error) {
      // they stay pending for a claim; a lease written all the same expires, and a claim takes it back then
      deps.logger.error({ err: error }, 'leasing new deliveries failed; they are left for a claim');
    }
    for (const adoption of batch) state.unreserve(adoption.accountId, adoption.wanted.length);
    if (state.stopping) {
      // stop() came while the lease was out: nothing new starts, and the leases go back for another worker
      await deps.store.releaseLeases(leasesOf(leased));
      return;
    }
    for (const claimed of leased) deps.start(claimed);
    if (leased.length > 0) deps.observer?.claimed(leased.length, 'hand_off');
    // left at a webhook's cap (or taken by a claim first): the next slot this dispatcher frees claims again
    if (leased.length < wanted.length) state.passedOver(true);
  }

  function flush(): void {
    if (out || queued.length === 0) return;
    const batch = queued;
    queued = [];
    out = leaseQueued(batch)
      .catch((error: unknown) => deps.logger.error({ err: error }, 'giving back leases of new deliveries failed; they expire'))
      .finally(() => { out = null; setImmediate(flush); });
  }

  return {
    adopt(result) {
      if (result.kind !== 'created') return;
      const pending = result.deliveries.filter((delivery) => delivery.status === 'pending');
      const { accountId } = result.event;
      const wanted: NewDelivery[] = [];
      if (state.mayAdopt(accountId)) {
        for (const delivery of pending) {
          if (!state.reserve(accountId)) break;
          wanted.push({ delivery, event: result.event });
        }
      }
      // the affiliates' copies belong to other accounts: a claim takes them in their turn
      if (wanted.length < pending.length || result.affiliateDeliveries > 0) deps.announce();
      if (wanted.length === 0) return;
      queued.push({ accountId, wanted });
      // the publishes answered in this turn join the same lease
      setImmediate(flush);
    },
    async settled() {
      while (out || queued.length > 0) {
        flush();
        await out;
      }
    },
  };
}
