import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEventName, productIdOf, subscriberCodeOf, transactionOf } from './index.ts';
import { loadFixture } from './test-fixtures.ts';

// [file, product id, transaction, subscriber code]
const expectations: [string, string, string | undefined, string | undefined][] = [
  ['PURCHASE_APPROVED.docs-full.json', '428190', 'HP05918273645012', '87654321'],
  ['PURCHASE_APPROVED.json', '0', 'HP20418365270931', 'K2W7Q9ZD'],
  ['PURCHASE_REFUNDED.json', '0', 'HP20418365270931', 'K2W7Q9ZD'],
  ['PURCHASE_OUT_OF_SHOPPING_CART.json', '654321', undefined, undefined],
  ['SUBSCRIPTION_CANCELLATION.json', '801234', undefined, '0000zzzz'],
  ['SWITCH_PLAN.json', '0', undefined, '7Q3MTRD8'],
  ['UPDATE_SUBSCRIPTION_CHARGE_DATE.docs.json', '5830127', undefined, 'RT7KD2WQ'],
  ['UPDATE_SUBSCRIPTION_CHARGE_DATE.json', '0', undefined, '00000000'],
  ['CLUB_FIRST_ACCESS.json', '0', undefined, undefined],
  ['CLUB_MODULE_COMPLETED.json', '00000', undefined, undefined],
];

for (const [file, productId, transaction, subscriberCode] of expectations) {
  test(`extractors on ${file}`, async () => {
    const payload = await loadFixture(file);
    const event = payload.event;
    assert.ok(isEventName(event));
    const data = payload.data as Record<string, unknown>;
    assert.equal(productIdOf(event, data), productId);
    assert.equal(transactionOf(event, data), transaction);
    assert.equal(subscriberCodeOf(event, data), subscriberCode);
  });
}

test('extractors return undefined on data missing or mistyping the key, never throw', () => {
  assert.equal(productIdOf('PURCHASE_APPROVED', {}), undefined);
  assert.equal(productIdOf('PURCHASE_APPROVED', { product: 'x' }), undefined);
  assert.equal(productIdOf('SWITCH_PLAN', { product: { id: 5 } }), undefined, 'SWITCH_PLAN reads subscription.product.id');
  assert.equal(productIdOf('SWITCH_PLAN', { subscription: { product: { id: 5 } } }), '5');
  assert.equal(productIdOf('CLUB_FIRST_ACCESS', { product: { id: '' } }), undefined);
  assert.equal(transactionOf('PURCHASE_APPROVED', { purchase: null }), undefined);
  assert.equal(transactionOf('PURCHASE_APPROVED', { purchase: { transaction: { x: 1 } } }), undefined);
  assert.equal(subscriberCodeOf('CLUB_FIRST_ACCESS', { subscriber: { code: 'X' } }), undefined);
});
