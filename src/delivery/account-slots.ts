// A dispatcher's slots, counted by account: attempts in flight and hand-off reservations. Fairness between accounts
// lives here: an account may hold at most `share` of the slots the other accounts do not hold. So one account alone
// gets `share` of the dispatcher (half by default), a second one `share` of what is left, and so on: however many
// slots one tenant's hung receivers hold, a free slot always remains for a tenant that holds none (at least one, as
// the room is rounded up), and every dispatcher applies it to its own slots, so it holds across workers too.
// The cost: a single account uses at most `share` of a dispatcher's slots, which only binds when its receivers are
// slow (with healthy receivers the slots are freed in milliseconds); POSTBACK_ACCOUNT_SHARE=1 turns it off.
import type { AccountRooms } from '../store/store.ts';

export type AccountSlots = {
  busy(): number;
  free(): number;
  heldBy(accountId: string): number;
  /** How many more slots `accountId` may take now: within its share, and within the free ones. */
  roomFor(accountId: string): number;
  /** The room of every account, for a claim: those holding slots by name, the rest as `otherRoom`. */
  rooms(): AccountRooms;
  take(accountId: string): void;
  give(accountId: string): void;
};

export function accountSlots(concurrency: number, share: number): AccountSlots {
  const held = new Map<string, number>();
  let busy = 0;
  const free = () => Math.max(0, concurrency - busy);
  const roomAfter = (holding: number) => Math.min(free(), Math.max(0, Math.ceil(share * (concurrency - (busy - holding))) - holding));
  const heldBy = (accountId: string) => held.get(accountId) ?? 0;
  return {
    busy: () => busy,
    free,
    heldBy,
    roomFor: (accountId) => roomAfter(heldBy(accountId)),
    rooms: () => ({ rooms: new Map([...held].map(([accountId, holding]) => [accountId, roomAfter(holding)])), otherRoom: roomAfter(0) }),
    take(accountId) {
      held.set(accountId, heldBy(accountId) + 1);
      busy++;
    },
    give(accountId) {
      const holding = heldBy(accountId) - 1;
      if (holding > 0) held.set(accountId, holding); else held.delete(accountId);
      busy--;
    },
  };
}
