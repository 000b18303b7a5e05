// What a dispatcher remembers between its claims, as one small state machine with no I/O and no timers: its slots
// by account (account-slots.ts), the reasons to claim again that arrived while it was busy, and which accounts the
// last claim left with a backlog. The loop (dispatcher.ts) asks it when to claim and with what room, and tells it
// what came back; every decision about slots and wake-ups is taken here.
//
// Two reasons to claim again, each remembered if it arrives while the loop is busy, so the next wait returns at once:
// - woken: work may have become due (a publish, a resend, another process's NOTIFY, stop());
// - freed: an attempt finished and gave its slot back. That only matters when the last claim could not take
//   everything due (it filled every free slot, or passed over webhooks at their cap): then `wantSlots` is set.
//   Otherwise a finished attempt makes nothing new due (a retry is due later, and nextDueAt's timer covers it), and
//   claiming at each one cost an empty claim (a transaction or a round trip) per delivery at low load.
// Where the store asks for it (Store.slotsFreeAtAnswer: PostgreSQL), a delivered attempt gives its slot back at its
// answer, not at its record's commit: from then until the record commits (or is given up: a failed record is tried
// again while its lease lasts, record-retry.ts) its lease is "settling", and each claim names the settling leases so
// that the store does not count them toward their webhooks' caps (the receiver holds no request of theirs any more).
// At saturation on PostgreSQL that record is a few milliseconds of every slot's turn (PERFORMANCE.md: slots free at
// the answer). Any other attempt holds its slot until its record is written or given up.
import type { AccountRooms, ClaimedDelivery } from '../store/store.ts';
import { accountSlots, filledAccounts } from './account-slots.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

/**
 * One claim's room, counted when it starts: `heldBefore` lets the rows that come back be checked against it;
 * `settling` are the leases whose attempts have their answer and whose records are on their way.
 */
export type ClaimRoom = { free: number; rooms: AccountRooms; heldBefore: Map<AccountId, number>; settling: DeliveryId[] };

export type DispatchState = {
  readonly stopping: boolean;
  /** Whether the loop must claim now instead of waiting (a reason arrived, or it is stopping). */
  readonly claimNow: boolean;
  /** Work may be due. */
  wake(): void;
  /** No more claims or adoptions; the loop's wait ends. */
  stop(): void;
  /** A claim starts: the reasons seen so far are its own. Null when no slot is free (a freed one claims again). */
  beginClaim(): ClaimRoom | null;
  /** Whether one more claimed row of `accountId` still fits the room its claim was given (adoptions may have taken slots since). */
  fits(room: ClaimRoom, accountId: AccountId): boolean;
  /** The claim came back with `batch`: 'full' when more may be due at once (a freed slot claims again), else 'short'. */
  claimed(room: ClaimRoom, batch: ClaimedDelivery[]): 'full' | 'short';
  /** After a short claim: whether due work was passed over (webhooks at their cap): then a freed slot claims again. */
  passedOver(yes: boolean): void;
  /** An attempt holds a slot from here. */
  started(accountId: AccountId, slow: boolean): void;
  /**
   * An attempt is over (recorded, its record given up, or its lease given back): it gives its slot back, unless its
   * answer did already (then its lease no longer settles; a record given up at the shutdown leaves the lease counted
   * in the store until it expires). True when a claim waits for the slot (then the loop is woken).
   */
  ended(accountId: AccountId, slow: boolean, deliveryId?: DeliveryId): boolean;
  /** A delivered attempt has its answer: its slot is given back (as `ended`), and its lease settles until it ends. */
  answered(deliveryId: DeliveryId, accountId: AccountId, slow: boolean): boolean;
  /** Whether this dispatcher takes `accountId`'s new deliveries itself: it has room, and no backlog of that account is waiting. */
  mayAdopt(accountId: AccountId): boolean;
  /** Reserves a slot for one of `accountId`'s new deliveries; false when it has no room left. */
  reserve(accountId: AccountId): boolean;
  /** Gives back `count` reservations of `accountId` (each becomes an attempt through `started`, or is dropped). */
  unreserve(accountId: AccountId, count: number): void;
};

export function dispatchState(concurrency: number, share: number): DispatchState {
  const slots = accountSlots(concurrency, share);
  let stopping = false;
  let woken = false;
  let freed = false;
  let wantSlots = false;
  // the accounts the last claim gave all it could (their room, or every free slot): while `wantSlots` says work is
  // waiting, theirs may be, and an adoption would let their new deliveries jump ahead of it
  let backlogged = new Set<AccountId>();
  const settling = new Set<DeliveryId>();
  function giveBack(accountId: AccountId, slow: boolean): boolean {
    slots.give(accountId, slow);
    freed = true;
    return wantSlots;
  }
  return {
    get stopping() { return stopping; },
    get claimNow() { return stopping || woken || (wantSlots && freed); },
    wake() { woken = true; },
    stop() { stopping = true; woken = true; },
    beginClaim() {
      woken = false;
      freed = false;
      const free = slots.free();
      if (free <= 0) {
        wantSlots = true;
        return null;
      }
      const rooms = slots.rooms();
      return { free, rooms, heldBefore: new Map([...rooms.rooms.keys()].map((account) => [account, slots.heldBy(account)])), settling: [...settling] };
    },
    // measured: an account holding 83 of 64 slots beside a PostgreSQL claim's round trip, before this check
    fits: (room, accountId) => slots.free() > 0
      && slots.heldBy(accountId) - (room.heldBefore.get(accountId) ?? 0) < (room.rooms.rooms.get(accountId) ?? room.rooms.otherRoom),
    claimed(room, batch) {
      backlogged = filledAccounts(batch, room.rooms, room.free);
      // every free slot taken, or some account's whole room: more may be due, so the next freed slot claims again
      // (without asking nextDueAt: at saturation that query, at every claim, cost more than the room it found)
      const full = batch.length === room.free || backlogged.size > 0;
      if (full) wantSlots = true;
      return full ? 'full' : 'short';
    },
    passedOver(yes) {
      wantSlots = yes;
      if (!yes) backlogged.clear();
    },
    started: (accountId, slow) => slots.take(accountId, slow),
    ended: (accountId, slow, deliveryId) => (deliveryId !== undefined && settling.delete(deliveryId) ? false : giveBack(accountId, slow)),
    answered(deliveryId, accountId, slow) {
      settling.add(deliveryId);
      return giveBack(accountId, slow);
    },
    mayAdopt: (accountId) => !stopping && slots.roomFor(accountId) > 0 && !(wantSlots && backlogged.has(accountId)),
    reserve(accountId) {
      if (stopping || slots.roomFor(accountId) <= 0) return false;
      slots.take(accountId);
      return true;
    },
    unreserve(accountId, count) {
      for (let i = 0; i < count; i++) slots.give(accountId);
    },
  };
}
