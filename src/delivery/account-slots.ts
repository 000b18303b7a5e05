// A dispatcher's slots, counted by account: attempts in flight and adoptions' reservations. Fairness between accounts
// lives here: an account may hold at most `share` of the slots the other accounts do not hold. So one account alone
// gets `share` of the dispatcher (seven eighths by default), a second one `share` of what is left, and so on:
// however many slots one tenant's hung receivers hold, a free slot always remains for a tenant that holds none (at
// least one, as the room is rounded up), and every dispatcher applies it to its own slots, so it holds across workers.
// The same share, one level down, keeps an account's healthy webhooks going beside its dead ones: its slow webhooks
// (a timeout at their last attempt, or an open circuit) may hold at most `share` of the account's allowance.
// The cost: a single account uses at most `share` of a dispatcher's slots. A slot is held for the event loop's queueing
// too, so on a busy SQLite server half was too little for one tenant (README, Fairness between tenants); seven
// eighths measured within the noise. POSTBACK_ACCOUNT_SHARE=1 turns it off.
import type { AccountRooms, ClaimedDelivery } from '../store/store.ts';
import type { AccountId } from '../domain/ids.ts';

export type AccountSlots = {
  busy(): number;
  free(): number;
  heldBy(accountId: AccountId): number;
  /** How many more slots `accountId` may take now: within its share, and within the free ones. */
  roomFor(accountId: AccountId): number;
  /** The room of every account, for a claim: those holding slots by name, the rest as `otherRoom`; and its slow webhooks'. */
  rooms(): AccountRooms;
  /** One more slot for the account; `slow`: for an attempt to one of its slow webhooks. */
  take(accountId: AccountId, slow?: boolean): void;
  give(accountId: AccountId, slow?: boolean): void;
};

export function accountSlots(concurrency: number, share: number): AccountSlots {
  const held = new Map<AccountId, number>();
  const slowHeld = new Map<AccountId, number>();
  let busy = 0;
  const free = () => Math.max(0, concurrency - busy);
  // what the account may hold in all, holding `holding` now
  const allowance = (holding: number) => Math.ceil(share * (concurrency - (busy - holding)));
  const roomAfter = (holding: number) => Math.min(free(), Math.max(0, allowance(holding) - holding));
  const slowRoomAfter = (holding: number, slow: number) => Math.min(roomAfter(holding), Math.max(0, Math.ceil(share * allowance(holding)) - slow));
  const heldBy = (accountId: AccountId) => held.get(accountId) ?? 0;
  const count = (counts: Map<AccountId, number>, accountId: AccountId, by: number) => {
    const next = (counts.get(accountId) ?? 0) + by;
    if (next > 0) counts.set(accountId, next); else counts.delete(accountId);
  };
  return {
    busy: () => busy,
    free,
    heldBy,
    roomFor: (accountId) => roomAfter(heldBy(accountId)),
    rooms: () => ({
      rooms: new Map([...held].map(([accountId, holding]) => [accountId, roomAfter(holding)])), otherRoom: roomAfter(0),
      slowRooms: new Map([...held].map(([accountId, holding]) => [accountId, slowRoomAfter(holding, slowHeld.get(accountId) ?? 0)])), otherSlowRoom: slowRoomAfter(0, 0),
    }),
    take(accountId, slow = false) {
      count(held, accountId, 1);
      if (slow) count(slowHeld, accountId, 1);
      busy++;
    },
    give(accountId, slow = false) {
      count(held, accountId, -1);
      if (slow) count(slowHeld, accountId, -1);
      busy--;
    },
  };
}

/** The accounts `batch` gave all it could: as many as their room, or (a full batch) any at all. */
export function filledAccounts(batch: ClaimedDelivery[], rooms: AccountRooms, free: number): Set<AccountId> {
  const taken = new Map<AccountId, number>();
  for (const claimed of batch) taken.set(claimed.event.accountId, (taken.get(claimed.event.accountId) ?? 0) + 1);
  const full = batch.length === free;
  return new Set([...taken].filter(([accountId, count]) => full || count >= (rooms.rooms.get(accountId) ?? rooms.otherRoom)).map(([accountId]) => accountId));
}
