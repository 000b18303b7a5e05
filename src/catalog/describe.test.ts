import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originKeys } from '../domain/tracking-origin.ts';
import { describeCatalog, eventNames, legacyFieldsOf, sampleData, validateEventData } from './index.ts';
import type { CatalogEvent } from './index.ts';
import { loadFixtures } from './test-fixtures.ts';

function event(name: string): CatalogEvent {
  const found = describeCatalog().find((e) => e.name === name);
  assert.ok(found, name);
  return found;
}

function field(eventName: string, fieldName: string) {
  const found = event(eventName).fields.find((f) => f.name === fieldName);
  assert.ok(found, `${eventName} has no field ${fieldName}`);
  return found;
}

test('the catalogue lists the 15 events in order, each documented', () => {
  const catalog = describeCatalog();
  assert.deepEqual(catalog.map((e) => e.name), [...eventNames]);
  for (const e of catalog) {
    assert.ok(e.description.length > 0, e.name);
    assert.deepEqual(e.versions, ['2.0.0', '1.0.0']);
    assert.ok(e.fields.length >= 4, `${e.name} has ${e.fields.length} fields`);
    for (const f of e.fields) {
      assert.ok(f.description.length > 0 && f.format.length > 0, `${e.name} ${f.name}`);
      assert.ok(f.size === null || (Number.isInteger(f.size) && f.size > 0), `${e.name} ${f.name}`);
    }
    assert.equal(new Set(e.fields.map((f) => f.name)).size, e.fields.length, `${e.name} has duplicate fields`);
  }
  assert.equal(event('PURCHASE_PROTEST').description, 'refund claimed');
  assert.deepEqual(catalog.map((e) => e.family), [...Array(9).fill('purchase'), 'cart', 'subscription', 'subscription', 'subscription', 'club', 'club']);
});

test('buyer personal data and payment codes are withheld from affiliates; the sale itself is not', () => {
  for (const name of ['buyer.email', 'buyer.document', 'buyer.address.zipcode', 'purchase.payment.billet_url', 'purchase.payment.pix_code',
    'purchase.buyer_ip', 'purchase.buyer_user_agent', 'purchase.checkout_page_url']) {
    assert.equal(field('PURCHASE_APPROVED', name).sent_to_affiliates, false, name);
  }
  for (const name of ['purchase.transaction', 'purchase.status', 'purchase.price.value', 'product.id', 'affiliates[].affiliate_code', 'commissions[].value']) {
    assert.equal(field('PURCHASE_APPROVED', name).sent_to_affiliates, true, name);
  }
  assert.equal(field('PURCHASE_OUT_OF_SHOPPING_CART', 'buyer.email').sent_to_affiliates, false);
  assert.equal(field('CLUB_FIRST_ACCESS', 'user.email').sent_to_affiliates, false);
});

test('fields carry format, size and whether they are required', () => {
  const status = field('PURCHASE_APPROVED', 'purchase.status');
  assert.match(status.format, /^enum: APPROVED\|COMPLETED\|/);
  assert.equal(field('PURCHASE_APPROVED', 'purchase.price.currency_value').size, 3);
  assert.equal(field('PURCHASE_APPROVED', 'purchase.order_date').format, 'epoch ms');
  assert.equal(field('PURCHASE_APPROVED', 'purchase.transaction').required, true);
  assert.equal(field('PURCHASE_APPROVED', 'purchase.approved_date').required, false);
  assert.equal(field('SWITCH_PLAN', 'plans[].offer.key').format, 'string');
});

// Every leaf key of every real payload must be documented, so the docs tab never misses a field Hotmart sends.
function leafNames(value: unknown, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) leafNames(item, `${prefix}[]`, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) leafNames(child, prefix === '' ? key : `${prefix}.${key}`, out);
  } else out.add(prefix);
  return out;
}

test('purchase.origin documents every parameter the hosted checkout records, each optional, and accepts them', () => {
  const purchaseEvents = describeCatalog().filter((e) => e.fields.some((f) => f.name === 'purchase.transaction'));
  assert.equal(purchaseEvents.length, 9);
  for (const e of purchaseEvents) {
    const origin = e.fields.filter((f) => f.name.startsWith('purchase.origin.'));
    assert.deepEqual(origin.map((f) => f.name), originKeys.map((key) => `purchase.origin.${key}`), e.name);
    for (const f of origin) {
      assert.deepEqual([f.required, f.format, f.sent_to_affiliates], [false, 'string', true], `${e.name} ${f.name}`);
      assert.ok(f.description.includes(`(${f.name.slice('purchase.origin.'.length)})`), `${f.name} names its parameter: ${f.description}`);
    }
  }
  const data = sampleData('PURCHASE_APPROVED') as { purchase: Record<string, unknown> };
  data.purchase.origin = Object.fromEntries(originKeys.map((key) => [key, `${key}-value`]));
  assert.equal(validateEventData('PURCHASE_APPROVED', data).ok, true, 'every parameter the checkout records is accepted');
  data.purchase.origin = { utm_campaign: 42 };
  const refused = validateEventData('PURCHASE_APPROVED', data);
  assert.deepEqual(refused.ok ? [] : refused.issues.map((issue) => issue.path), ['data.purchase.origin.utm_campaign'], 'typed like sck: a string');
});

test('every field in the fixtures and samples is documented', async () => {
  const undocumentedOnPurpose = new Set<string>();
  const payloads = (await loadFixtures()).map((f) => ({ name: String(f.payload.event), data: f.payload.data }));
  const samples = describeCatalog().map((e) => ({ name: e.name, data: e.sample }));
  for (const { name, data } of [...payloads, ...samples]) {
    const documented = new Set(event(name).fields.map((f) => f.name));
    const missing = [...leafNames(data, '', new Set())].filter((leaf) => !documented.has(leaf) && !undocumentedOnPurpose.has(leaf));
    assert.deepEqual(missing, [], name);
  }
});

test('each event documents its 1.0.0 form fields from the same table the renderer uses', () => {
  for (const e of describeCatalog()) {
    assert.deepEqual(e.legacy_fields.map((f) => f.name), legacyFieldsOf(e.name).map((f) => f.field), e.name);
    for (const f of e.legacy_fields) assert.ok(f.description.length > 0 && f.source.length > 0 && f.format.length > 0, `${e.name} ${f.name}`);
  }
  const legacy = (eventName: string, fieldName: string) => event(eventName).legacy_fields.find((f) => f.name === fieldName);
  assert.deepEqual(legacy('PURCHASE_APPROVED', 'prod'), { name: 'prod', description: 'Product id', source: 'product.id', format: 'string', required: true, sent_to_affiliates: true, sent_to_affiliates_when_shared: true });
  assert.equal(legacy('PURCHASE_APPROVED', 'email')?.source, 'buyer.email');
  assert.equal(legacy('PURCHASE_APPROVED', 'aff')?.source, 'affiliates[0].affiliate_code');
  assert.match(legacy('PURCHASE_APPROVED', 'status')?.format ?? '', /^enum: started\|approved\|/);
  assert.equal(legacy('PURCHASE_APPROVED', 'purchase_date')?.source, 'purchase.order_date');
  assert.equal(legacy('SWITCH_PLAN', 'prod')?.source, 'subscription.product.id');
  assert.equal(legacy('SWITCH_PLAN', 'subscriber_code')?.source, 'subscription.subscriber_code');
  assert.equal(legacy('CLUB_FIRST_ACCESS', 'email')?.source, 'user.email');
  assert.equal(legacy('CLUB_FIRST_ACCESS', 'transaction'), undefined);
});

test('describeCatalog hands out copies', () => {
  const first = describeCatalog();
  first[0]!.fields[0]!.description = 'changed';
  first[0]!.sample.product = null;
  const second = describeCatalog();
  assert.notEqual(second[0]!.fields[0]!.description, 'changed');
  assert.notEqual(second[0]!.sample.product, null);
});

test('the catalogue says what affiliates get: the affiliate sample, and which 1.0.0 fields are withheld', () => {
  const approved = describeCatalog().find((entry) => entry.name === 'PURCHASE_APPROVED')!;
  assert.equal(approved.affiliate_sample.buyer, undefined);
  assert.deepEqual(approved.affiliate_sample.product, approved.sample.product);
  const legacy = new Map(approved.legacy_fields.map((field) => [field.name, field.sent_to_affiliates]));
  assert.deepEqual([legacy.get('email'), legacy.get('doc'), legacy.get('billet_url'), legacy.get('prod'), legacy.get('transaction'), legacy.get('aff')], [false, false, false, true, true, true]);
  const producerForm = new URLSearchParams(approved.legacy_sample);
  const affiliateForm = new URLSearchParams(approved.affiliate_legacy_sample);
  assert.equal(producerForm.get('email'), (approved.sample.buyer as { email: string }).email);
  assert.equal(affiliateForm.get('email'), '', 'sent empty');
  assert.deepEqual([producerForm.get('hottok'), affiliateForm.get('transaction')], ['YOUR_HOTTOK', producerForm.get('transaction')]);
});

test('the catalogue names the 1.0.0 fields an event never carries (with why) and how production writes its envelope', () => {
  for (const entry of describeCatalog()) {
    const names = entry.legacy_fields_not_sent.map((field) => field.name);
    if (entry.family === 'purchase') assert.ok(names.includes('transaction_ext') && names.includes('recurrency_period'), entry.name);
    else assert.deepEqual(names, [], entry.name);
    const envelope = { creation_date_key: entry.name === 'CLUB_FIRST_ACCESS' ? 'creationDate' : 'creation_date', hottok_in_body: entry.name === 'UPDATE_SUBSCRIPTION_CHARGE_DATE' };
    assert.deepEqual(entry.envelope, envelope, `${entry.name} as production writes its envelope`);
    const sent = new Set(entry.legacy_fields.map((field) => field.name));
    assert.deepEqual(names.filter((name) => sent.has(name)), [], `${entry.name}: not both sent and not sent`);
  }
});
