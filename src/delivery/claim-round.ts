// One round of the dispatcher's loop: claim what its free slots and the accounts' rooms allow, start an attempt for
// each row that still fits, and say how long the loop may wait before the next claim is worth making (the wait ends
// sooner when dispatch-state.ts has a reason to claim). A wake-up is a hint; the claim query is the truth.
import type { Config } from '../config.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import type { DispatchState } from './dispatch-state.ts';
import type { DispatcherObserver } from './dispatcher-observer.ts';

export type ClaimRoundDeps = {
  store: Pick<Store, 'claimDue' | 'releaseLeases' | 'nextDueAt'>;
  state: DispatchState;
  config: Pick<Config, 'leaseMs' | 'webhookConcurrency' | 'pollIntervalMs'>;
  clock: () => number;
  /** Runs an attempt for a claimed delivery (its slot taken there). */
  start(claimed: ClaimedDelivery): void;
  observer?: Pick<DispatcherObserver, 'claimed'>;
};

/**
 * How long a new delivery is left to its publisher's adoption before a claim that finds it still unleased counts it as
 * passed over. From a publish's commit to its lease: 3 ms median and 50 ms at most at 200 events/s, 320 ms at most at
 * saturation (where claims come back full, and do not ask).
 */
export const adoptionWindowMs = 250;

export const leasesOf = (batch: ClaimedDelivery[]) => batch.map((claimed) => ({ deliveryId: claimed.delivery.id, leaseToken: claimed.leaseToken }));

/** One claim; resolves to the longest wait (ms) before the next one. */
export async function claimRound(deps: ClaimRoundDeps): Promise<number> {
  const { store, state, config } = deps;
  const room = state.beginClaim();
  if (!room) return config.pollIntervalMs;
  const now = deps.clock();
  const batch = await store.claimDue(now, room.free, config.leaseMs, config.webhookConcurrency, room.rooms, room.settling);
  deps.observer?.claimed(batch.length, 'claim');
  if (state.stopping) {
    // stop() came while the claim was out: nothing new starts, and the leases go back for another worker
    await store.releaseLeases(leasesOf(batch));
    return 0;
  }
  // adoptions may have taken slots while the claim was out: what no longer fits the room it was given goes back at
  // once rather than over-commit (rare; fails toward a little latency for those rows)
  const overflow: ClaimedDelivery[] = [];
  for (const claimed of batch) {
    if (state.fits(room, claimed.event.accountId)) deps.start(claimed);
    else overflow.push(claimed);
  }
  if (overflow.length > 0) await store.releaseLeases(leasesOf(overflow));
  if (state.claimed(room, batch) === 'full') return config.pollIntervalMs;
  // fewer than asked: everything claimable now is taken. Work due before the claim that is still unleased belongs to
  // webhooks at their POSTBACK_WEBHOOK_CONCURRENCY cap (or was just taken by another worker): claiming again at once
  // would spin, so a freed slot (or the poll interval) claims again. Work due for less than the adoption window is
  // most likely a publish that committed after the claim looked, which its publisher is leasing now (adoptions.ts):
  // counted as passed over, it kept a claim running at every freed slot below saturation (PERFORMANCE.md: claims
  // below saturation). It is looked at again once the window has passed. Fails toward latency, bounded by the poll
  // interval, never toward a busy loop.
  const nextDue = await store.nextDueAt();
  const passedOver = nextDue !== null && nextDue <= now - adoptionWindowMs;
  state.passedOver(passedOver);
  if (nextDue === null || passedOver) return config.pollIntervalMs;
  // due already: looked at again once its window has passed; due later (a retry): when it is due
  const at = deps.clock();
  return Math.min(config.pollIntervalMs, Math.max(0, nextDue <= at ? nextDue + adoptionWindowMs - at : nextDue - at));
}
