import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventDefinitions } from '../definitions.ts';
import { eventNames, isEventName, legacyFieldsOf, legacyStatuses, legacyStatusOf, renderLegacyForm, sampleData, unsentLegacyFieldsOf } from '../index.ts';
import { purchaseStatuses } from '../schemas/purchase-order.ts';
import { loadFixtures } from '../test-fixtures.ts';

const hottok = 'hottok_0123456789abcdef';

function fieldsOf(body: string): Record<string, string> {
  const params = new URLSearchParams(body);
  assert.equal(new Set(params.keys()).size, [...params.keys()].length, 'no field is sent twice');
  return Object.fromEntries(params);
}

function assertNoBrokenValues(fields: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(fields)) {
    assert.ok(!['undefined', 'null', '[object Object]', 'NaN'].includes(value), `${what}: ${name}=${value}`);
  }
}

for (const event of eventNames) {
  test(`the ${event} sample renders to a 1.0.0 form body with every field it always sends`, () => {
    const fields = fieldsOf(renderLegacyForm(event, sampleData(event), hottok));
    assertNoBrokenValues(fields, event);
    assert.equal(fields.hottok, hottok);
    assert.match(fields.prod ?? '', /^\d+$/);
    assert.match(fields.callback_type ?? '', /^[1-7]$/);
    for (const field of legacyFieldsOf(event).filter((f) => f.required)) {
      assert.ok((fields[field.field] ?? '') !== '', `${event} always sends ${field.field}`);
    }
    if (fields.status !== undefined) assert.ok((legacyStatuses as readonly string[]).includes(fields.status), fields.status);
  });
}

test('a purchase renders every legacy field from its 2.0.0 data', () => {
  const data = sampleData('PURCHASE_APPROVED') as { purchase: Record<string, unknown> } & Record<string, unknown>;
  data.purchase.origin = { src: 'instagram', sck: 'stories_marco', xcod: 'campaign42' };
  data.purchase.offer = { code: 'x7k2m9pq', coupon_code: 'BLACK10' };
  const fields = fieldsOf(renderLegacyForm('PURCHASE_APPROVED', data, hottok));
  assert.deepEqual(
    { prod: fields.prod, prod_name: fields.prod_name, off: fields.off, price: fields.price, currency: fields.currency, email: fields.email, name: fields.name },
    { prod: '3718245', prod_name: 'Curso Completo de Fotografia com Celular', off: 'x7k2m9pq', price: '497.00', currency: 'BRL', email: 'ana.carolina.souza@example.com', name: 'Ana Carolina Souza' },
  );
  assert.deepEqual(
    { first_name: fields.first_name, last_name: fields.last_name, doc: fields.doc, doc_type: fields.doc_type, transaction: fields.transaction, status: fields.status },
    { first_name: 'Ana Carolina', last_name: 'Souza', doc: '52998224725', doc_type: 'CPF', transaction: 'HP17416165852291', status: 'approved' },
  );
  assert.deepEqual({ sck: fields.sck, src: fields.src, xcod: fields.xcod, coupon_code: fields.coupon_code }, { sck: 'stories_marco', src: 'instagram', xcod: 'campaign42', coupon_code: 'BLACK10' });
  assert.deepEqual({ aff: fields.aff, aff_name: fields.aff_name }, { aff: 'K83412907T', aff_name: 'Rafael Mendes' });
  assert.deepEqual(
    { phone_local_code: fields.phone_local_code, phone_number: fields.phone_number, phone_checkout_number: fields.phone_checkout_number },
    { phone_local_code: '11', phone_number: '987654321', phone_checkout_number: '987654321' },
  );
  assert.deepEqual(
    [fields.address, fields.address_number, fields.address_district, fields.address_comp, fields.address_city, fields.address_state, fields.address_zip_code, fields.address_country_ISO],
    ['Avenida Paulista', '1578', 'Bela Vista', 'Apto 42', 'São Paulo', 'São Paulo', '01310100', 'BR'],
  );
  assert.equal(fields.purchase_date, '2025-03-10T14:23:05.000Z', 'epoch ms become ISO-8601 UTC');
  assert.equal(fields.confirmation_purchase_date, '2025-03-10T14:24:40.000Z');
  assert.equal(fields.warranty_date, '2025-03-17T00:00:00.000Z');
  assert.deepEqual([fields.payment_engine, fields.payment_type, fields.installments_number], ['hotmart', 'credit_card', '12']);
  assert.deepEqual([fields.full_price, fields.original_offer_price], ['497.00', '497.00']);
  assert.deepEqual([fields.cms_marketplace, fields.cms_vendor, fields.cms_aff], ['49.65', '298.24', '149.11']);
  assert.deepEqual([fields.funnel, fields.order_bump, fields.parent_purchase_transaction, fields.has_co_production], ['false', 'true', 'HP17416165850187', 'false']);
  assert.deepEqual([fields.producer_name, fields.producer_legal_nature, fields.business_model], ['Marina Duarte Educação Digital LTDA', 'Pessoa Jurídica', 'I']);
  assert.equal(fields.product_support_email, 'suporte@fotografiacomcelular.example.com');
  assert.equal(fields.callback_type, '1');
  assert.equal(fields.refusal_reason, '', 'an approved sale has no refusal reason: sent empty');
});

test('absent source values send their field empty: never left out, never "undefined", "null" or an object', () => {
  const data = sampleData('PURCHASE_BILLET_PRINTED') as Record<string, Record<string, unknown>>;
  delete data.buyer!.document;
  delete data.buyer!.address;
  delete data.purchase!.approved_date;
  delete data.affiliates;
  delete data.subscription;
  data.producer = { name: null, document: { nested: true } } as unknown as Record<string, unknown>;
  const fields = fieldsOf(renderLegacyForm('PURCHASE_BILLET_PRINTED', data, hottok));
  for (const absent of ['doc', 'address', 'address_city', 'confirmation_purchase_date', 'aff', 'aff_name', 'producer_name', 'producer_document', 'name_subscription_plan', 'subscriber_code']) {
    assert.equal(fields[absent], '', absent);
  }
  assertNoBrokenValues(fields, 'PURCHASE_BILLET_PRINTED without optional data');
  assert.equal(fields.status, 'billet_printed');
  assert.match(fields.billet_url ?? '', /^https:\/\//);
  assert.equal(fields.payment_type, 'billet');
});

test('the status map covers every 2.0.0 purchase status, and the nine event statuses map one to one', () => {
  for (const status of purchaseStatuses) {
    const legacy = legacyStatusOf(status);
    assert.ok(legacy !== undefined && (legacyStatuses as readonly string[]).includes(legacy), status);
    const data = sampleData('PURCHASE_APPROVED') as { purchase: Record<string, unknown> };
    data.purchase.status = status;
    assert.equal(new URLSearchParams(renderLegacyForm('PURCHASE_APPROVED', data, hottok)).get('status'), legacy, status);
  }
  for (const event of eventNames) {
    const status = eventDefinitions[event].purchaseStatus;
    if (status !== undefined) assert.equal(legacyStatusOf(status), status.toLowerCase(), event);
  }
  assert.equal(legacyStatusOf('WAITING_PAYMENT'), 'wayting_payment', "Hotmart's own spelling");
  assert.equal(legacyStatusOf('CANCELLED'), 'canceled');
  assert.equal(legacyStatusOf('SOMETHING_NEW'), undefined);
});

test('non-purchase events carry product, person, subscriber code and statuses where they exist', () => {
  const cancellation = fieldsOf(renderLegacyForm('SUBSCRIPTION_CANCELLATION', sampleData('SUBSCRIPTION_CANCELLATION'), hottok));
  assert.deepEqual(
    [cancellation.prod, cancellation.email, cancellation.subscriber_code, cancellation.status, cancellation.subscription_status, cancellation.callback_type],
    ['4102938', 'ana.carolina.souza@example.com', 'R7PX3K2M', 'canceled', 'canceled', '2'],
  );
  const switched = fieldsOf(renderLegacyForm('SWITCH_PLAN', sampleData('SWITCH_PLAN'), hottok));
  assert.deepEqual([switched.prod, switched.name_subscription_plan, switched.off, switched.subscription_status, switched.status], ['4102938', 'Plano Anual', 'a9d3f1kz', 'active', undefined]);
  const cart = fieldsOf(renderLegacyForm('PURCHASE_OUT_OF_SHOPPING_CART', sampleData('PURCHASE_OUT_OF_SHOPPING_CART'), hottok));
  assert.deepEqual([cart.email, cart.name, cart.transaction, cart.status, cart.callback_type], ['lucas.ferreira82@example.com', 'Lucas Ferreira', undefined, undefined, '5']);
  const club = fieldsOf(renderLegacyForm('CLUB_MODULE_COMPLETED', sampleData('CLUB_MODULE_COMPLETED'), hottok));
  assert.deepEqual([club.email, club.name, club.callback_type], ['ana.carolina.souza@example.com', 'Ana Carolina Souza', '7']);
});

test('the same event, data and hottok always render the same bytes', () => {
  const data = sampleData('PURCHASE_DELAYED');
  assert.equal(renderLegacyForm('PURCHASE_DELAYED', data, hottok), renderLegacyForm('PURCHASE_DELAYED', structuredClone(data), hottok));
});

test("Hotmart's real 2.0.0 payloads render without broken values", async () => {
  for (const fixture of await loadFixtures()) {
    const event = fixture.payload.event;
    assert.ok(isEventName(event), fixture.file);
    const fields = fieldsOf(renderLegacyForm(event, fixture.payload.data as Record<string, unknown>, hottok));
    assertNoBrokenValues(fields, fixture.file);
  }
});

test('the tables: hottok first, callback_type last, no field twice, and one kind per field name everywhere', () => {
  const kinds = new Map<string, string>();
  for (const event of eventNames) {
    const table = legacyFieldsOf(event);
    assert.equal(table[0]?.field, 'hottok', event);
    assert.equal(table.at(-1)?.field, 'callback_type', event);
    assert.equal(new Set(table.map((f) => f.field)).size, table.length, `${event} declares a field twice`);
    for (const field of table) {
      assert.ok(field.description.length > 0 && field.source.length > 0, `${event} ${field.field}`);
      const seen = kinds.get(field.field);
      assert.ok(seen === undefined || seen === field.kind, `${field.field} is ${seen} in one table and ${field.kind} in another`);
      kinds.set(field.field, field.kind);
    }
  }
});

// The 1.0.0 field names receivers' code reads, gathered from public receivers and the field lists of
// Hotmart-compatible platforms (see not-sent.ts): every one is either sent or listed as not sent, with why.
const knownLegacyFields = [
  'hottok', 'prod', 'prod_name', 'off', 'price', 'aff', 'aff_name', 'email', 'name', 'first_name', 'last_name', 'doc', 'doc_type',
  'phone_local_code', 'phone_number', 'phone_checkout_local_code', 'phone_checkout_number', 'address', 'address_number',
  'address_country', 'address_country_ISO', 'address_district', 'address_comp', 'address_city', 'address_state', 'address_zip_code',
  'transaction', 'transaction_ext', 'xcod', 'src', 'sck', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
  'status', 'payment_engine', 'payment_type', 'hotkey', 'name_subscription_plan', 'subscriber_code', 'recurrency_period', 'recurrency',
  'subscription_status', 'signature_status', 'subscription_date_next_charge', 'cms_marketplace', 'cms_vendor', 'cms_aff', 'cms_aff_currency',
  'aff_cms_rate_currency', 'aff_cms_rate_commission', 'aff_cms_rate_conversion', 'coupon_code', 'callback_type', 'purchase_date',
  'confirmation_purchase_date', 'billet_url', 'billet_barcode', 'currency', 'currency_code_from', 'currency_code_from_',
  'original_offer_price', 'full_price', 'refusal_reason', 'warranty_date', 'product_support_email', 'producer_name',
  'producer_document', 'producer_legal_nature', 'installments_number', 'has_co_production', 'receiver_type', 'funnel', 'order_bump',
  'parent_purchase_transaction', 'business_model', 'amount', 'productOfferPaymentMode',
];

test('1.0.0 completeness: every known legacy field is sent by the purchase form or documented as not sent, with why', () => {
  const sent = new Set(legacyFieldsOf('PURCHASE_APPROVED').map((field) => field.field));
  const unsent = new Map(unsentLegacyFieldsOf('purchase').map((field) => [field.name, field.why]));
  assert.deepEqual(knownLegacyFields.filter((name) => !sent.has(name) && !unsent.has(name)), []);
  assert.deepEqual([...unsent.keys()].filter((name) => sent.has(name)), [], 'a field is either sent or not');
  for (const [name, why] of unsent) assert.ok(why.length > 40, `${name} says why`);
  assert.deepEqual([...unsent.keys()].sort(), ['hotkey', 'productOfferPaymentMode', 'receiver_type', 'recurrency_period', 'transaction_ext']);
});

test('the derivable legacy fields carry their 2.0.0 sources: tickets, signature status, currencies, the affiliate commission and its conversion, UTM tags', () => {
  const data = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  data.purchase.event_tickets = { amount: 2 };
  data.purchase.original_offer_price = { value: 99, currency_value: 'USD' };
  data.purchase.origin = { src: 'mgid', sck: 'mgid_1a', utm_source: 'mgid', utm_campaign: 'black-friday' };
  data.subscription.status = 'CANCELLED_BY_CUSTOMER';
  data.commissions[2].currency_conversion = { converted_value: 27.38, converted_to_currency: 'USD', conversion_rate: 5.446153 };
  const fields = fieldsOf(renderLegacyForm('PURCHASE_APPROVED', data, hottok));
  assert.deepEqual(
    [fields.amount, fields.signature_status, fields.subscription_status, fields.currency, fields.currency_code_from, fields.currency_code_from_],
    ['2', 'Canceled by client', 'cancelled_by_customer', 'BRL', 'USD', 'BRL'],
  );
  assert.deepEqual([fields.cms_aff, fields.cms_aff_currency, fields.aff_cms_rate_currency, fields.aff_cms_rate_commission, fields.aff_cms_rate_conversion], ['149.11', 'BRL', 'USD', '27.38', '5.446153']);
  assert.deepEqual([fields.utm_source, fields.utm_campaign, fields.utm_medium], ['mgid', 'black-friday', '']);
  for (const name of unsentLegacyFieldsOf('purchase').map((field) => field.name)) assert.equal(fields[name], undefined, `${name} is never sent`);
  data.subscription.status = 'SOMETHING_NEW';
  assert.equal(fieldsOf(renderLegacyForm('PURCHASE_APPROVED', data, hottok)).signature_status, '', 'an unknown status is sent empty, not guessed');
});

test('every field of an event\'s table is in its form, in table order, whatever the data holds', () => {
  for (const event of eventNames) {
    const names = legacyFieldsOf(event).map((field) => field.field);
    for (const data of [sampleData(event), {}]) {
      const form = new URLSearchParams(renderLegacyForm(event, data as Record<string, unknown>, hottok));
      assert.deepEqual([...form.keys()], names, `${event} with ${Object.keys(data).length === 0 ? 'no data' : 'its sample'}`);
    }
  }
});
