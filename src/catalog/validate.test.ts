import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isEventName, validateEnvelope, validateEventData } from './index.ts';
import type { FieldIssue } from './index.ts';
import { loadFixture } from './test-fixtures.ts';

type Json = Record<string, any>; // loose on purpose: tests mutate fixtures freely

function issuesOf(result: { ok: true } | { ok: false; issues: FieldIssue[] }): FieldIssue[] {
  assert.equal(result.ok, false, 'expected the payload to be rejected');
  return result.ok ? [] : result.issues;
}

function pathsOf(result: { ok: true } | { ok: false; issues: FieldIssue[] }): string[] {
  return issuesOf(result).map((issue) => issue.path);
}

async function approved(): Promise<Json> {
  return (await loadFixture('PURCHASE_APPROVED.json')) as Json;
}

test('a wrong type is reported at its exact path', async () => {
  const payload = await approved();
  payload.data.purchase.price.value = 'abc';
  const issues = issuesOf(validateEnvelope(payload));
  assert.deepEqual(issues.map((i) => i.path), ['data.purchase.price.value']);
  assert.match(issues[0]!.message, /expected number, received string/);
});

test('a missing required field reads "Required" at its path', async () => {
  const payload = await approved();
  delete payload.data.purchase.transaction;
  delete payload.data.buyer.email;
  const issues = issuesOf(validateEnvelope(payload));
  assert.deepEqual(issues, [
    { path: 'data.buyer.email', message: 'Required' },
    { path: 'data.purchase.transaction', message: 'Required' },
  ]);
});

test('array elements are named with their index', async () => {
  const payload = await approved();
  payload.data.affiliates[0].affiliate_code = 42;
  payload.data.commissions[1].currency_value = 'reais';
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.affiliates[0].affiliate_code', 'data.commissions[1].currency_value']);
});

test('a purchase needs only the ids, the transaction and its status; what is sent is still typed', () => {
  const minimal = { product: { id: 3718245 }, buyer: { email: 'comprador@example.com' }, purchase: { transaction: 'HP1', status: 'APPROVED' } };
  assert.ok(validateEventData('PURCHASE_APPROVED', minimal).ok);
  const without = (path: string[]) => {
    const data = structuredClone(minimal) as Json;
    delete path.slice(0, -1).reduce((node, key) => node[key], data)[path.at(-1)!];
    return pathsOf(validateEventData('PURCHASE_APPROVED', data));
  };
  assert.deepEqual(without(['product', 'id']), ['data.product.id']);
  assert.deepEqual(without(['buyer', 'email']), ['data.buyer.email']);
  assert.deepEqual(without(['purchase', 'transaction']), ['data.purchase.transaction']);
  assert.deepEqual(without(['purchase', 'status']), ['data.purchase.status']);
  const typed = { ...minimal, purchase: { ...minimal.purchase, price: { value: 1, currency_value: 'reais' } }, affiliates: [{ name: 7 }] };
  assert.deepEqual(pathsOf(validateEventData('PURCHASE_APPROVED', typed)).sort(), ['data.affiliates[0].name', 'data.purchase.price.currency_value']);
});

test('the other families need only their ids and the fact they report', () => {
  assert.ok(validateEventData('PURCHASE_OUT_OF_SHOPPING_CART', { product: { id: 1 }, buyer: { email: 'a@b.co' } }).ok);
  assert.ok(validateEventData('SUBSCRIPTION_CANCELLATION', { product: { id: 1 }, subscriber: { code: 'S1', email: 'a@b.co' } }).ok);
  assert.ok(validateEventData('SWITCH_PLAN', { subscription: { subscriber_code: 'S1', product: { id: 1 } } }).ok);
  assert.ok(validateEventData('UPDATE_SUBSCRIPTION_CHARGE_DATE', { subscriber: { code: 'S1' }, subscription: { product: { id: 1 }, new_charge_day: 5 } }).ok);
  assert.deepEqual(pathsOf(validateEventData('SUBSCRIPTION_CANCELLATION', { product: { id: 1 }, subscriber: { email: 'a@b.co' } })), ['data.subscriber.code']);
});

test('optional objects may be omitted but never null', async () => {
  const payload = await approved();
  delete payload.data.subscription;
  assert.ok(validateEnvelope(payload).ok);
  payload.data.subscription = null;
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.subscription']);
});

test('purchase.status must come from the documented set, not be pinned per event', async () => {
  const payload = await approved();
  payload.data.purchase.status = 'STARTED';
  assert.ok(validateEnvelope(payload).ok, 'the docs example sends STARTED with PURCHASE_APPROVED');
  payload.data.purchase.status = 'PAID';
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.purchase.status']);
});

test('order_date accepts ms or a digit string, nothing else', async () => {
  const payload = await approved();
  payload.data.purchase.order_date = '1511783344000';
  assert.ok(validateEnvelope(payload).ok);
  payload.data.purchase.order_date = 'yesterday';
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.purchase.order_date']);
});

test('an unknown event fails at "event" and a non-object body at ""', async () => {
  const payload = await approved();
  payload.event = 'PURCHASE_PAID';
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['event']);
  payload.event = 'purchase_approved';
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['event']);
  assert.deepEqual(pathsOf(validateEnvelope([payload])), ['']);
  assert.deepEqual(pathsOf(validateEnvelope('{}')), ['']);
});

test('envelope keys are checked together: id, version, creation date, data', async () => {
  const payload = await approved();
  delete payload.id;
  delete payload.creation_date;
  payload.version = '1.0.0';
  payload.data = [];
  assert.deepEqual(pathsOf(validateEnvelope(payload)).sort(), ['creation_date', 'data', 'id', 'version']);
  const body = await approved();
  body.creation_date = '1764590412337';
  assert.deepEqual(pathsOf(validateEnvelope(body)), ['creation_date']);
});

test('SWITCH_PLAN needs offer.key or offer.code', async () => {
  const payload = (await loadFixture('SWITCH_PLAN.json')) as Json;
  payload.data.plans[1].offer = { code: 'n6hup355' };
  assert.ok(validateEnvelope(payload).ok);
  payload.data.plans[1].offer = {};
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.plans[1].offer.key']);
});

test('UPDATE_SUBSCRIPTION_CHARGE_DATE needs the new charge day in either spelling', async () => {
  const payload = (await loadFixture('UPDATE_SUBSCRIPTION_CHARGE_DATE.json')) as Json;
  delete payload.data.subscription.newChargeDay;
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.subscription.new_charge_day']);
  payload.data.subscription.new_charge_day = 32;
  assert.deepEqual(pathsOf(validateEnvelope(payload)), ['data.subscription.new_charge_day']);
  payload.data.subscription.new_charge_day = 3;
  assert.ok(validateEnvelope(payload).ok);
});

test('product.id may be a string only in the club events', async () => {
  const club = (await loadFixture('CLUB_FIRST_ACCESS.json')) as Json;
  club.data.product.id = '123';
  assert.ok(validateEnvelope(club).ok);
  club.data.product.id = true;
  assert.deepEqual(pathsOf(validateEnvelope(club)), ['data.product.id']);
  const purchase = await approved();
  purchase.data.product.id = '123';
  assert.deepEqual(pathsOf(validateEnvelope(purchase)), ['data.product.id']);
});

test('cart abandonment accepts affiliate: false and requires the buyer e-mail', async () => {
  const cart = (await loadFixture('PURCHASE_OUT_OF_SHOPPING_CART.json')) as Json;
  assert.equal(cart.data.affiliate, false);
  cart.data.buyer.email = 'not an email';
  assert.deepEqual(pathsOf(validateEnvelope(cart)), ['data.buyer.email']);
});

test('validateEventData names paths from "data" and returns the same object', async () => {
  assert.deepEqual(pathsOf(validateEventData('CLUB_MODULE_COMPLETED', 'x')), ['data']);
  assert.deepEqual(pathsOf(validateEventData('CLUB_MODULE_COMPLETED', { product: { id: 1 }, user: { email: 'a@b.co' } })), ['data.module']);
  const data = ((await approved()).data) as Record<string, unknown>;
  const result = validateEventData('PURCHASE_REFUNDED', data);
  assert.ok(result.ok);
  assert.equal(result.data, data);
});

test('isEventName accepts exactly the 15 names', () => {
  assert.equal(isEventName('SWITCH_PLAN'), true);
  assert.equal(isEventName('switch_plan'), false);
  assert.equal(isEventName('toString'), false);
  assert.equal(isEventName(undefined), false);
});
