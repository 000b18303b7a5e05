// A delivery's id says its created_at: what retention (the primary key walk) and the stats windows rely on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UUID } from 'uuidv7';
import { deliveryIdAt, uuidv7Floor } from './delivery-ids.ts';

const timeOf = (id: string): number => parseInt(UUID.parse(id).toHex().slice(0, 12), 16);

test('an id is a UUIDv7 of the given time, whatever the machine clock says, and sorts within that millisecond', () => {
  const now = 1_750_000_000_123;
  const ids = Array.from({ length: 50 }, () => deliveryIdAt(now));
  for (const id of ids) {
    assert.equal(timeOf(id), now);
    assert.equal(UUID.parse(id).getVersion(), 7);
    assert.equal(UUID.parse(id).getVariant(), 'VAR_10');
    assert.ok(id >= uuidv7Floor(now) && id < uuidv7Floor(now + 1), 'inside the floors of its millisecond and the next');
  }
  assert.deepEqual([...ids].sort(), ids, 'made in order within one millisecond');
  assert.equal(new Set(ids).size, ids.length);
});

test('an earlier time than the last one gets an id of that earlier time, never the last time carried on', () => {
  const later = deliveryIdAt(1_750_000_005_000);
  const earlier = deliveryIdAt(1_750_000_000_000);
  assert.equal(timeOf(earlier), 1_750_000_000_000);
  assert.ok(earlier < later);
  assert.ok(earlier < uuidv7Floor(1_750_000_000_001), 'so "id < floor(cutoff)" finds it exactly when its created_at is before the cutoff');
});
