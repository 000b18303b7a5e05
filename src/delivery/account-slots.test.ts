// The share arithmetic of a dispatcher's slots (pure): an account alone gets its share, the next one its share of
// what is left, a tenant holding nothing always finds a slot, and an account's slow webhooks get their share of its
// allowance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountSlots } from './account-slots.ts';
import { type AccountId, asAccountId } from '../domain/ids.ts';

// the accounts of these cases, by letter
const A = asAccountId('A'), B = asAccountId('B'), C = asAccountId('C'), D = asAccountId('D'), E = asAccountId('E'), F = asAccountId('F'), G = asAccountId('G');

const takeMany = (slots: ReturnType<typeof accountSlots>, accountId: AccountId, count: number, slow = false) => {
  for (let i = 0; i < count; i++) slots.take(accountId, slow);
};

test('an account alone may hold its share; the next one its share of the rest; a newcomer always finds one', () => {
  const slots = accountSlots(64, 0.5);
  assert.equal(slots.roomFor(A), 32);
  takeMany(slots, A, 32);
  assert.deepEqual([slots.roomFor(A), slots.roomFor(B), slots.free()], [0, 16, 32]);
  takeMany(slots, B, 16);
  assert.deepEqual([slots.roomFor(A), slots.roomFor(B), slots.roomFor(C)], [0, 0, 8]);
  takeMany(slots, C, 8);
  takeMany(slots, D, 4);
  takeMany(slots, E, 2);
  takeMany(slots, F, 1);
  assert.deepEqual([slots.free(), slots.roomFor(G)], [1, 1], 'rounded up: the last free slot is still open to a newcomer');
  for (let i = 0; i < 16; i++) slots.give(B);
  assert.equal(slots.heldBy(B), 0);
  assert.deepEqual(slots.rooms().rooms.has(B), false, 'an account holding nothing is one of the others');
});

test('share 1 is no limit: any account may take every free slot', () => {
  const slots = accountSlots(8, 1);
  takeMany(slots, A, 5);
  assert.deepEqual([slots.roomFor(A), slots.roomFor(B)], [3, 3]);
});

test('an account\'s slow webhooks hold at most its share of the account\'s allowance', () => {
  const slots = accountSlots(64, 0.5);
  takeMany(slots, A, 10, true);
  const rooms = slots.rooms();
  // A's allowance is 32: slow webhooks may hold 16 of it, the healthy ones the rest
  assert.deepEqual([rooms.rooms.get(A), rooms.slowRooms?.get(A)], [22, 6]);
  takeMany(slots, A, 6, true);
  assert.deepEqual([slots.rooms().rooms.get(A), slots.rooms().slowRooms?.get(A)], [16, 0]);
  assert.equal(slots.rooms().otherSlowRoom, 12, 'another account: half of its allowance of 24');
});
