// The dispatcher's state machine (pure): when the loop claims again, with what room, and which accounts' new
// deliveries it adopts at their publish. The rows in a batch are built by hand: only their account and webhook matter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimedDelivery } from '../store/store.ts';
import { dispatchState } from './dispatch-state.ts';
import { type AccountId, asAccountId, asDeliveryId } from '../domain/ids.ts';

// the accounts of these cases, by letter
const A = asAccountId('A'), B = asAccountId('B');

const row = (accountId: AccountId) => ({ event: { accountId }, webhook: { id: 'w' } }) as unknown as ClaimedDelivery;
const rows = (accountId: AccountId, count: number) => Array.from({ length: count }, () => row(accountId));

test('a wake-up that arrives while the loop is busy makes the next wait return at once; a claim forgets it', () => {
  const state = dispatchState(4, 1);
  assert.equal(state.claimNow, false);
  state.wake();
  assert.equal(state.claimNow, true);
  const room = state.beginClaim();
  assert.ok(room);
  assert.equal(state.claimNow, false, 'the claim sees what woke it');
  assert.equal(room.free, 4);
});

test('a finished attempt wakes the loop only when the last claim left work behind', () => {
  const state = dispatchState(4, 1);
  // a short claim with nothing passed over: a freed slot makes nothing new due
  let room = state.beginClaim()!;
  const short = rows(A, 2);
  short.forEach((claimed) => state.started(claimed.event.accountId, false));
  assert.equal(state.claimed(room, short), 'short');
  state.passedOver(false);
  assert.equal(state.ended(A, false), false, 'nobody waits for this slot');
  assert.equal(state.claimNow, false);
  // a full claim: the next freed slot claims again
  room = state.beginClaim()!;
  const full = rows(B, room.free);
  full.forEach((claimed) => state.started(B, false));
  assert.equal(state.claimed(room, full), 'full');
  assert.equal(state.ended(B, false), true, 'a claim waits for this slot');
  assert.equal(state.claimNow, true);
});

test('a short claim that passed over due work (webhooks at their cap) claims again when a slot frees', () => {
  const state = dispatchState(8, 1);
  const room = state.beginClaim()!;
  state.started(A, false);
  assert.equal(state.claimed(room, [row(A)]), 'short');
  state.passedOver(true);
  assert.equal(state.claimNow, false, 'not at once: that would spin');
  assert.equal(state.ended(A, false), true);
  assert.equal(state.claimNow, true);
});

test('with no free slot a claim is not made, and the next freed slot asks for one', () => {
  const state = dispatchState(1, 1);
  state.started(A, false);
  assert.equal(state.beginClaim(), null);
  assert.equal(state.ended(A, false), true);
  assert.ok(state.beginClaim());
});

test('an answered attempt gives its slot back at once; its lease is named settling to each claim until it ends', () => {
  const state = dispatchState(1, 1);
  const d1 = asDeliveryId('d1');
  state.started(A, false);
  assert.equal(state.beginClaim(), null, 'the one slot is busy');
  assert.equal(state.answered(d1, A, false), true, 'the claim that waits for the slot is woken');
  assert.equal(state.claimNow, true);
  const room = state.beginClaim();
  assert.deepEqual([room?.free, room?.settling], [1, [d1]]);
  assert.equal(state.ended(A, false, d1), false, 'its slot was given back at its answer, not again');
  assert.deepEqual(state.beginClaim()?.settling, [], 'recorded: its lease is gone, or counts again');
});

test('rows that no longer fit the room their claim was given (adoptions took slots meanwhile) do not fit', () => {
  const state = dispatchState(4, 1);
  const room = state.beginClaim()!;
  assert.equal(room.rooms.otherRoom, 4);
  // while the claim was out, two of A's new deliveries were adopted
  assert.ok(state.reserve(A) && state.reserve(A));
  assert.equal(state.fits(room, A), true);
  state.started(A, false);
  assert.equal(state.fits(room, A), true);
  state.started(A, false);
  assert.equal(state.fits(room, A), false, 'no free slot left');
});

test('an account the last claim filled adopts nothing while its backlog waits; another account still does', () => {
  const state = dispatchState(8, 0.5);
  const room = state.beginClaim()!;
  const batch = rows(A, room.rooms.otherRoom);
  batch.forEach(() => state.started(A, false));
  assert.equal(state.claimed(room, batch), 'full', 'A got its whole room');
  assert.equal(state.mayAdopt(A), false, 'its new deliveries wait for a claim, behind its backlog');
  assert.equal(state.mayAdopt(B), true, 'another tenant is not held up by A\'s backlog');
  assert.equal(state.reserve(B), true);
  state.unreserve(B, 1);
  // a short claim that found nothing passed over: the backlog is gone
  const next = state.beginClaim()!;
  assert.equal(state.claimed(next, []), 'short');
  state.passedOver(false);
  batch.forEach(() => state.ended(A, false));
  assert.equal(state.mayAdopt(A), true);
});

test('reservations count against the account\'s share; none once stopping', () => {
  const state = dispatchState(2, 1);
  assert.equal(state.reserve(A), true);
  assert.equal(state.reserve(A), true);
  assert.equal(state.reserve(A), false, 'no room left');
  assert.equal(state.mayAdopt(B), false);
  state.unreserve(A, 2);
  assert.equal(state.mayAdopt(A), true);
  state.stop();
  assert.equal(state.stopping, true);
  assert.equal(state.claimNow, true, 'the loop\'s wait ends');
  assert.equal(state.mayAdopt(A), false);
  assert.equal(state.reserve(A), false);
});
