import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventName } from './index.ts';
import { eventNames, productIdOf, purchaseStatusOf, sampleData, transactionOf, validateEnvelope, validateEventData } from './index.ts';
import { modernShapeGaps } from './test-modern-shape.ts';

for (const event of eventNames) {
  test(`the ${event} sample validates alone and inside an envelope`, () => {
    const data = sampleData(event);
    const alone = validateEventData(event, data);
    assert.ok(alone.ok, JSON.stringify(alone.ok ? [] : alone.issues));
    const body = { id: crypto.randomUUID(), creation_date: Date.now(), event, version: '2.0.0', data };
    const wrapped = validateEnvelope(body);
    assert.ok(wrapped.ok, JSON.stringify(wrapped.ok ? [] : wrapped.issues));
    assert.equal(wrapped.event, event);
    assert.match(productIdOf(event, data) ?? '', /^\d+$/, 'every sample names its product');
  });
}

test('purchase samples carry the wire status of their event and a transaction', () => {
  const purchases = eventNames.filter((event) => purchaseStatusOf(event) !== undefined);
  assert.equal(purchases.length, 9);
  for (const event of purchases) {
    const purchase = sampleData(event).purchase as Record<string, unknown>;
    assert.equal(purchase.status, purchaseStatusOf(event), event);
    assert.match(transactionOf(event, sampleData(event)) ?? '', /^HP\d+$/, event);
  }
  assert.equal(purchaseStatusOf('PURCHASE_PROTEST'), 'DISPUTE');
  assert.equal(purchaseStatusOf('SWITCH_PLAN'), undefined);
});

test('samples that were never paid have no approved_date; boletos carry a billet_url', () => {
  const printed = sampleData('PURCHASE_BILLET_PRINTED').purchase as Record<string, Record<string, unknown>>;
  assert.equal(printed.approved_date, undefined);
  assert.equal(printed.payment?.type, 'BILLET');
  assert.match(String(printed.payment?.billet_url), /^https:\/\//);
  const approved = sampleData('PURCHASE_APPROVED').purchase as Record<string, unknown>;
  assert.equal(typeof approved.approved_date, 'number');
});

test('sampleData returns a fresh deep copy each time', () => {
  const first = sampleData('PURCHASE_APPROVED');
  (first.buyer as Record<string, unknown>).email = 'changed@example.com';
  (first.product as Record<string, unknown>).id = 1;
  const second = sampleData('PURCHASE_APPROVED');
  assert.equal((second.buyer as Record<string, unknown>).email, 'ana.carolina.souza@example.com');
  assert.equal((second.product as Record<string, unknown>).id, 3718245);
  const club = sampleData('CLUB_FIRST_ACCESS');
  (club.product as Record<string, unknown>).name = 'changed';
  assert.notEqual((sampleData('CLUB_MODULE_COMPLETED').product as Record<string, unknown>).name, 'changed');
});

// The strict check over our own output: validation is lenient (it accepts every delivery Hotmart ever sent), so the
// samples are held to the field paths and types of the modern fixture of their event.
// What a real sale of that kind does not have, and why: a purchase never approved has no approval date; a
// subscription renewal is not an order bump and carries no coupon.
const neverApproved = ['purchase.approved_date'];
const absentByDesign: Partial<Record<EventName, string[]>> = {
  PURCHASE_CANCELED: neverApproved,
  PURCHASE_EXPIRED: neverApproved,
  PURCHASE_BILLET_PRINTED: neverApproved,
  PURCHASE_DELAYED: [...neverApproved, 'purchase.order_bump.parent_purchase_transaction', 'purchase.offer.coupon_code'],
};

for (const event of eventNames) {
  test(`the ${event} sample carries the full modern shape of Hotmart's ${event}, field path by field path`, () => {
    assert.deepEqual(modernShapeGaps(event, sampleData(event), absentByDesign[event]), []);
  });
}

test('the modern-shape check names each missing subtree once and each mistyped field', () => {
  const data = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  delete data.buyer.address;
  data.purchase.price.value = '497';
  const gaps = modernShapeGaps('PURCHASE_APPROVED', data);
  assert.deepEqual(gaps, ['buyer.address: missing', 'purchase.price.value: number expected, string sent']);
});
