import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleData } from './definitions.ts';
import { describeCatalog } from './describe.ts';
import { validateEnvelope } from './envelope.ts';
import { redactForAffiliates } from './redact.ts';
import { renderLegacyForm } from './v1/render.ts';
import { validateLegacyForm } from './v1/validate.ts';
import { loadFixture } from './test-fixtures.ts';

const has = (data: unknown, path: string): boolean => {
  let node: unknown = data;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) node = node[0];
    if (node === null || typeof node !== 'object' || !(key.replace('[]', '') in node)) return false;
    node = (node as Record<string, unknown>)[key.replace('[]', '')];
  }
  return true;
};

test('every field not sent to affiliates is removed; every field sent to them stays', () => {
  for (const entry of describeCatalog()) {
    const redacted = redactForAffiliates(entry.name, entry.sample);
    for (const field of entry.fields) {
      if (!has(entry.sample, field.name)) continue;
      assert.equal(has(redacted, field.name), field.sent_to_affiliates, `${entry.name} ${field.name}`);
    }
  }
});

test('the docs example: buyer identity, address and boleto/PIX data go; the sale, product and affiliate stay', async () => {
  const data = (await loadFixture('PURCHASE_APPROVED.docs-full.json')).data as Record<string, any>;
  const redacted = redactForAffiliates('PURCHASE_APPROVED', data) as Record<string, any>;
  assert.equal(redacted.buyer, undefined, 'an object left empty is omitted');
  assert.ok(!JSON.stringify(redacted).includes('comprador@example.com'));
  assert.ok(!JSON.stringify(redacted).includes('987654321"'));
  assert.ok(!JSON.stringify(redacted).includes('boleto.example.com'));
  assert.equal(redacted.purchase.payment.billet_url, undefined);
  assert.equal(redacted.purchase.payment.type, 'PICPAY');
  assert.equal(redacted.purchase.transaction, 'HP05918273645012');
  assert.equal(redacted.affiliates[0].affiliate_code, 'T40917253K');
  assert.equal(data.buyer.email, 'comprador@example.com', 'input untouched');
});

test('an undocumented key next to personal fields is dropped (fails closed); elsewhere it passes', () => {
  const sample = describeCatalog().find((e) => e.name === 'PURCHASE_APPROVED')!.sample as Record<string, any>;
  const data = { ...sample, buyer: { ...sample.buyer, cpf_extra: '000.000.000-00' }, purchase: { ...sample.purchase, sck_extra: 'link' } };
  const redacted = redactForAffiliates('PURCHASE_APPROVED', data) as Record<string, any>;
  assert.equal(redacted.buyer?.cpf_extra, undefined);
  assert.equal(redacted.purchase.sck_extra, undefined, 'purchase holds personal payment data, so its unknown keys are dropped too');
  assert.equal(redacted.purchase.sckPaymentLink, sample.purchase.sckPaymentLink, 'a documented tracking code is sent to affiliates');
});

test('every sample as an affiliate receives it validates for affiliates in both formats; the producer check wants what was withheld', () => {
  for (const entry of describeCatalog()) {
    const redacted = redactForAffiliates(entry.name, entry.sample);
    const json = { id: 'evt_1', creation_date: 1_741_616_585_000, event: entry.name, version: '2.0.0', data: redacted };
    const checked = validateEnvelope(json, 'affiliate');
    assert.ok(checked.ok, `${entry.name} 2.0.0: ${JSON.stringify(checked.ok ? [] : checked.issues)}`);
    const form = renderLegacyForm(entry.name, redacted, 'hottok_x');
    const legacy = validateLegacyForm(form, entry.name, 'affiliate');
    assert.ok(legacy.ok, `${entry.name} 1.0.0: ${JSON.stringify(legacy.ok ? [] : legacy.issues)}`);
    // purchases, carts, cancellations and club events always carry a buyer, subscriber or user the producer's schema requires
    if (!['SWITCH_PLAN', 'UPDATE_SUBSCRIPTION_CHARGE_DATE'].includes(entry.name)) {
      assert.equal(validateEnvelope(json).ok, false, `${entry.name}: the producer's check requires the withheld fields`);
      assert.equal(validateLegacyForm(form, entry.name).ok, false, `${entry.name}: the producer's 1.0.0 check requires them too`);
    }
  }
});

test('1.0.0 for affiliates: buyer identity, contact, address, document and boleto fields are sent empty; the sale stays', () => {
  const data = sampleData('PURCHASE_BILLET_PRINTED');
  const full = new URLSearchParams(renderLegacyForm('PURCHASE_BILLET_PRINTED', data, 'hottok_x'));
  const redacted = new URLSearchParams(renderLegacyForm('PURCHASE_BILLET_PRINTED', redactForAffiliates('PURCHASE_BILLET_PRINTED', data), 'hottok_x'));
  const withheld = ['email', 'name', 'first_name', 'last_name', 'doc', 'doc_type', 'phone_local_code', 'phone_number', 'phone_checkout_local_code',
    'phone_checkout_number', 'address', 'address_number', 'address_country', 'address_country_ISO', 'address_district', 'address_comp', 'address_city',
    'address_state', 'address_zip_code', 'billet_url', 'billet_barcode', 'producer_document'];
  for (const field of withheld) {
    assert.ok((full.get(field) ?? '') !== '', `the producer gets ${field}`);
    assert.equal(redacted.get(field), '', `an affiliate gets ${field} empty`);
  }
  const kept = ['hottok', 'prod', 'prod_name', 'price', 'currency', 'aff', 'aff_name', 'transaction', 'status', 'sck', 'src', 'payment_type', 'purchase_date', 'callback_type'];
  for (const field of kept) assert.equal(redacted.get(field), full.get(field), `an affiliate gets ${field}`);
  assert.deepEqual([...redacted.keys()], [...full.keys()], 'the same fields, in the same order');
  for (const [field, value] of full) if (!withheld.includes(field)) assert.equal(redacted.get(field), value, `nothing else changes: ${field}`);
});

test('PIX: the code, QR code and expiry are withheld from affiliates in both formats', () => {
  const sample = sampleData('PURCHASE_BILLET_PRINTED') as Record<string, any>;
  const data = { ...sample, purchase: { ...sample.purchase, payment: { type: 'PIX', installments_number: 1, pix_code: '00020126580014br.gov.bcb.pix', pix_qrcode: 'https://pay.example.com/qr/1', pix_expiration_date: 1_741_702_985_000 } } };
  const redacted = redactForAffiliates('PURCHASE_BILLET_PRINTED', data) as Record<string, any>;
  assert.deepEqual(redacted.purchase.payment, { type: 'PIX', installments_number: 1 });
  const form = renderLegacyForm('PURCHASE_BILLET_PRINTED', redacted, 'hottok_x');
  assert.ok(!form.includes('br.gov.bcb.pix') && !form.includes('qr%2F1'), form);
});

test('sharing buyer data releases the buyer and the boleto/PIX fields, never the producer\'s document, the buyer\'s device traces or unknown keys beside them', () => {
  const sample = sampleData('PURCHASE_BILLET_PRINTED') as Record<string, any>;
  const data = {
    ...sample, buyer: { ...sample.buyer, nickname: 'Ana' }, producer: { ...sample.producer, document: '12345678909', cpf_extra: '1' },
    purchase: { ...sample.purchase, buyer_ip: '189.45.112.37', buyer_user_agent: 'Mozilla/5.0', checkout_page_url: 'https://lp.example.com/?fbclid=1', sck_extra: 'x' },
  };
  const shared = redactForAffiliates('PURCHASE_BILLET_PRINTED', data, { shareBuyerData: true }) as Record<string, any>;
  assert.deepEqual(shared.buyer, data.buyer, 'the buyer whole, an undocumented key of its own too');
  assert.equal(shared.purchase.payment.billet_url, sample.purchase.payment.billet_url);
  assert.deepEqual(shared.producer, { name: sample.producer.name, legal_nature: sample.producer.legal_nature }, "never the producer's document, nor a key beside it");
  for (const key of ['buyer_ip', 'buyer_user_agent', 'checkout_page_url', 'sck_extra']) assert.equal(shared.purchase[key], undefined, key);
  const form = new URLSearchParams(renderLegacyForm('PURCHASE_BILLET_PRINTED', shared, 'hottok_x'));
  assert.deepEqual([form.get('email'), form.get('producer_document')], [sample.buyer.email, '']);
  for (const entry of describeCatalog()) {
    const redacted = redactForAffiliates(entry.name, entry.sample, { shareBuyerData: true });
    for (const field of entry.fields) {
      if (has(entry.sample, field.name)) assert.equal(has(redacted, field.name), field.sent_to_affiliates_when_shared, `${entry.name} ${field.name}`);
      assert.ok(field.sent_to_affiliates_when_shared || !field.sent_to_affiliates, `${entry.name} ${field.name}: what affiliates always get, they get when shared too`);
    }
    const legacy = new Map(entry.legacy_fields.map((field) => [field.name, field]));
    if (legacy.has('producer_document')) assert.equal(legacy.get('producer_document')!.sent_to_affiliates_when_shared, false, entry.name);
    if (legacy.has('email')) assert.equal(legacy.get('email')!.sent_to_affiliates_when_shared, true, entry.name);
  }
});
