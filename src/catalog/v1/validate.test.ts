import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventNames, renderLegacyForm, sampleData, validateLegacyForm } from '../index.ts';
import type { LegacyValidation } from '../index.ts';

const hottok = 'hottok_0123456789abcdef';
const approved = () => new URLSearchParams(renderLegacyForm('PURCHASE_APPROVED', sampleData('PURCHASE_APPROVED'), hottok));

function issuesOf(result: LegacyValidation): Record<string, string> {
  assert.equal(result.ok, false, 'expected the body to be rejected');
  return result.ok ? {} : Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
}

test('every rendered sample validates, with and without being told its event', () => {
  for (const event of eventNames) {
    const body = renderLegacyForm(event, sampleData(event), hottok);
    const told = validateLegacyForm(body, event);
    assert.ok(told.ok, `${event}: ${JSON.stringify(told.ok ? [] : told.issues)}`);
    const inferred = validateLegacyForm(body);
    assert.ok(inferred.ok, event);
    assert.ok(inferred.events.includes(event), `${event} is among ${inferred.events.join(', ')}`);
  }
});

test('a purchase without transaction, status or hottok is rejected, each missing field named', () => {
  const form = approved();
  form.delete('transaction');
  form.delete('hottok');
  form.set('status', '');
  const issues = issuesOf(validateLegacyForm(form.toString()));
  assert.equal(issues.transaction, 'Required');
  assert.equal(issues.hottok, 'Required');
  assert.equal(issues.status, 'Must not be empty');
});

test('each known field is checked against its format', () => {
  const form = approved();
  form.set('status', 'APPROVED');
  form.set('email', 'not-an-email');
  form.set('price', 'R$ 497');
  form.set('order_bump', 'yes');
  form.set('purchase_date', 'yesterday');
  form.set('installments_number', '12x');
  form.set('utm_source', 'anything goes in a field no table sends');
  const issues = issuesOf(validateLegacyForm(form.toString()));
  assert.match(issues.status ?? '', /^Unknown status "APPROVED"; expected one of started, approved, .*wayting_payment$/);
  assert.equal(issues.email, 'Expected an e-mail address');
  assert.match(issues.price ?? '', /decimal/);
  assert.equal(issues.order_bump, 'Expected true or false');
  assert.match(issues.purchase_date ?? '', /ISO-8601/);
  assert.equal(issues.installments_number, 'Expected an integer');
  assert.equal(issues.utm_source, undefined);
  assert.deepEqual(Object.keys(issues).sort(), ['email', 'installments_number', 'order_bump', 'price', 'purchase_date', 'status']);
});

test('serialisation accidents are named in any field', () => {
  const form = approved();
  form.set('doc', 'undefined');
  form.set('name', '[object Object]');
  form.set('custom', 'null');
  const issues = issuesOf(validateLegacyForm(form.toString()));
  assert.match(issues.doc ?? '', /serialisation bug/);
  assert.match(issues.name ?? '', /serialisation bug/);
  assert.match(issues.custom ?? '', /serialisation bug/);
});

test('callback_type picks the requirements; missing, it is checked as a purchase', () => {
  const cart = new URLSearchParams(renderLegacyForm('PURCHASE_OUT_OF_SHOPPING_CART', sampleData('PURCHASE_OUT_OF_SHOPPING_CART'), hottok));
  const asCart = validateLegacyForm(cart.toString());
  assert.ok(asCart.ok);
  assert.deepEqual(asCart.events, ['PURCHASE_OUT_OF_SHOPPING_CART']);
  cart.delete('callback_type');
  const asPurchase = issuesOf(validateLegacyForm(cart.toString()));
  for (const field of ['callback_type', 'transaction', 'status', 'price']) assert.equal(asPurchase[field], 'Required', field);
  cart.set('callback_type', '9');
  assert.match(issuesOf(validateLegacyForm(cart.toString())).callback_type ?? '', /^Unknown callback_type "9"; expected 1 \(PURCHASE_\*\), 2 \(SUBSCRIPTION_CANCELLATION\)/);
  const purchase = validateLegacyForm(approved().toString());
  assert.ok(purchase.ok);
  assert.equal(purchase.events.length, 9, 'callback_type 1 is any purchase event');
});

test('told the event, the checker requires its fields and its callback_type', () => {
  const form = new URLSearchParams(renderLegacyForm('SUBSCRIPTION_CANCELLATION', sampleData('SUBSCRIPTION_CANCELLATION'), hottok));
  form.delete('subscriber_code');
  const issues = issuesOf(validateLegacyForm(form.toString(), 'SWITCH_PLAN'));
  assert.equal(issues.subscriber_code, 'Required');
  assert.equal(issues.callback_type, 'Expected 3 for SWITCH_PLAN');
});

test('an empty body, and a field sent twice, are rejected', () => {
  assert.deepEqual(issuesOf(validateLegacyForm('  \n')), { '': 'Empty form body; expected name=value pairs joined by &' });
  const twice = `${approved().toString()}&status=refunded`;
  assert.match(issuesOf(validateLegacyForm(twice)).status ?? '', /more than once/);
});
