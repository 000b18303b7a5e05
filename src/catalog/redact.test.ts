import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCatalog } from './describe.ts';
import { redactForAffiliates } from './redact.ts';
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
  assert.ok(!JSON.stringify(redacted).includes('buyer@email.com'));
  assert.ok(!JSON.stringify(redacted).includes('123456789"'));
  assert.ok(!JSON.stringify(redacted).includes('billet-link.com'));
  assert.equal(redacted.purchase.payment.billet_url, undefined);
  assert.equal(redacted.purchase.payment.type, 'PICPAY');
  assert.equal(redacted.purchase.transaction, 'HP02316330308193');
  assert.equal(redacted.affiliates[0].affiliate_code, 'Q58388177J');
  assert.equal(data.buyer.email, 'buyer@email.com', 'input untouched');
});

test('an undocumented key next to personal fields is dropped (fails closed); elsewhere it passes', () => {
  const sample = describeCatalog().find((e) => e.name === 'PURCHASE_APPROVED')!.sample as Record<string, any>;
  const data = { ...sample, buyer: { ...sample.buyer, cpf_extra: '000.000.000-00' }, purchase: { ...sample.purchase, sckPaymentLink: 'link' } };
  const redacted = redactForAffiliates('PURCHASE_APPROVED', data) as Record<string, any>;
  assert.equal(redacted.buyer?.cpf_extra, undefined);
  assert.equal(redacted.purchase.sckPaymentLink, undefined, 'purchase holds personal payment data, so its unknown keys are dropped too');
});
