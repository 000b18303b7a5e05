// Affiliates end to end: a producer affiliates a product to an affiliate account under an affiliate code; the
// affiliate's webhooks receive exactly the sales attributed to that code, without the buyer's data unless the
// producer shares it, in both formats, signed with the affiliate's own secret and hottok.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { sampleData, validateEnvelope, validateLegacyForm } from '../src/catalog/index.ts';
import { affiliateCopyId } from '../src/store/publish-rules.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Platform, Tenant } from './helpers/platform.ts';
import { asEventId } from '../src/domain/ids.ts';

const boleto = sampleData('PURCHASE_BILLET_PRINTED') as Record<string, any>;
const productId = String(boleto.product.id);
const code = boleto.affiliates[0].affiliate_code as string;
const buyerEmail = boleto.buyer.email as string;
const billetUrl = boleto.purchase.payment.billet_url as string;

/** A sale of the product with its own transaction, attributed to `affiliateCode` (or to no affiliate). */
const sale = (transaction: string, affiliateCode: string | null) => ({
  event: 'PURCHASE_BILLET_PRINTED',
  data: { ...boleto, purchase: { ...boleto.purchase, transaction }, affiliates: affiliateCode === null ? [] : [{ ...boleto.affiliates[0], affiliate_code: affiliateCode }] },
});

async function subscribe(tenant: Tenant, receiver: Receiver, version = '2.0.0', extra: Record<string, unknown> = {}) {
  const answer = await tenant.call('POST', '/api/v1/webhooks', { name: `affiliate ${version}`, url: `${receiver.url}/hook`, events: ['PURCHASE_BILLET_PRINTED'], version, ...extra });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { id: string; secret: string };
}

async function parties(platform: Platform) {
  const producer = await platform.tenant('Producer');
  const affiliate = await platform.tenant('Affiliate', 'affiliate');
  const product = await producer.call('POST', '/api/v1/products', { id: productId, name: 'Curso' });
  assert.equal(product.status, 201, product.text);
  assert.equal(product.body.share_buyer_data, false, 'off unless the producer turns it on');
  const affiliation = await producer.call('POST', `/api/v1/products/${productId}/affiliations`, { affiliate_account_id: affiliate.account_id, affiliate_code: code });
  assert.equal(affiliation.status, 201, affiliation.text);
  return { producer, affiliate, affiliation: affiliation.body as { id: string } };
}

async function publish(tenant: Tenant, body: unknown) {
  const answer = await tenant.call('POST', '/api/v1/events', body);
  assert.equal(answer.status, 202, answer.text);
  return answer.body as { id: string; deliveries: unknown[] };
}

const arrivals = (receiver: Receiver, count: number) => eventually(`${count} arrivals`, async () => (receiver.requests.length >= count ? receiver.requests : undefined));

test("an affiliate's webhooks get only the sales attributed to its code, redacted, signed with its own secret and hottok", async () => {
  await using platform = await startPlatform();
  await using producerReceiver = await startHttpReceiver((_req, res) => res.end('ok'));
  await using affiliateReceiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate } = await parties(platform);
  await subscribe(producer, producerReceiver);
  const webhook = await subscribe(affiliate, affiliateReceiver, '2.0.0', { products: [productId] });

  const attributed = await publish(producer, sale('HP0000000000001', code));
  assert.equal(attributed.deliveries.length, 1, "the producer's answer lists only the producer's deliveries");
  await publish(producer, sale('HP0000000000002', 'Z99999999Z'));
  await publish(producer, sale('HP0000000000003', null));
  // Deliveries are committed before the 202, so each side's history now holds every delivery there will ever be:
  // sales of other codes, or of no affiliate, have none for the affiliate and so can never reach it.
  const affiliateHistory = (await affiliate.call('GET', '/api/v1/deliveries')).body.items as { event_id: string; transaction: string }[];
  assert.deepEqual(affiliateHistory.map((d) => [d.event_id, d.transaction]), [[affiliateCopyId(producer.account_id, asEventId(attributed.id)), 'HP0000000000001']]);
  assert.equal((await producer.call('GET', '/api/v1/deliveries')).body.items.length, 3);
  await arrivals(producerReceiver, 3);
  const [received] = await arrivals(affiliateReceiver, 1);

  const raw = received!.body.toString('utf8');
  const headers = received!.headers as Record<string, string>;
  assert.doesNotThrow(() => new StandardWebhook(webhook.secret).verify(raw, headers), "signed with the affiliate webhook's secret");
  assert.equal(headers['x-hotmart-hottok'], affiliate.hottok, "the affiliate's hottok, not the producer's");
  const body = JSON.parse(raw);
  assert.equal(body.id, affiliateCopyId(producer.account_id, asEventId(attributed.id)), "the copy's own id, derived from the producer's account and event id");
  assert.equal(body.data.purchase.transaction, 'HP0000000000001');
  assert.equal(body.data.buyer, undefined, 'no buyer data');
  assert.equal(body.data.purchase.payment.billet_url, undefined, 'no boleto link');
  assert.equal(body.data.purchase.payment.billet_barcode, undefined, 'no boleto code');
  assert.equal(body.data.producer.document, undefined);
  assert.equal(body.data.affiliates[0].affiliate_code, code, 'the sale, product and affiliate stay');
  assert.equal(body.data.product.id, boleto.product.id);
  assert.ok(!raw.includes(buyerEmail) && !raw.includes(billetUrl));
  assert.ok(validateEnvelope(body, 'affiliate').ok, "valid for affiliates against the catalogue");
});

test('"share buyer data" on: the affiliate gets the buyer and the boleto link and code; in 1.0.0 too, and redacted when off', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate } = await parties(platform);
  await subscribe(affiliate, receiver, '1.0.0');

  await publish(producer, sale('HP0000000000011', code));
  const [redacted] = await arrivals(receiver, 1);
  const form = new URLSearchParams(redacted!.body.toString('utf8'));
  for (const field of ['email', 'name', 'first_name', 'doc', 'phone_number', 'address', 'address_zip_code', 'billet_url', 'billet_barcode']) {
    assert.equal(form.get(field), '', `1.0.0 with ${field} empty`);
  }
  assert.deepEqual([form.get('hottok'), form.get('aff'), form.get('transaction'), form.get('status')], [affiliate.hottok, code, 'HP0000000000011', 'billet_printed']);
  assert.ok(validateLegacyForm(redacted!.body.toString('utf8'), 'PURCHASE_BILLET_PRINTED', 'affiliate').ok);

  const switched = await producer.call('PATCH', `/api/v1/products/${productId}`, { share_buyer_data: true });
  assert.equal(switched.status, 200, switched.text);
  assert.equal(switched.body.share_buyer_data, true);
  await publish(producer, sale('HP0000000000012', code));
  const shared = new URLSearchParams((await arrivals(receiver, 2))[1]!.body.toString('utf8'));
  assert.deepEqual([shared.get('email'), shared.get('billet_url'), shared.get('billet_barcode')], [buyerEmail, billetUrl, boleto.purchase.payment.billet_barcode]);
  assert.ok(validateLegacyForm((await arrivals(receiver, 2))[1]!.body.toString('utf8'), 'PURCHASE_BILLET_PRINTED').ok, 'shared: a full producer body');
});

test('the purchase lifecycle routes to affiliates too, and ending the affiliation (either side) stops it', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate, affiliation } = await parties(platform);
  await affiliate.call('POST', '/api/v1/webhooks', { name: 'all sales', url: `${receiver.url}/all`, events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] });

  const created = await producer.call('POST', '/api/v1/purchases', { status: 'approved', data: { ...sampleData('PURCHASE_APPROVED'), product: { ...boleto.product }, affiliates: [{ affiliate_code: code, name: 'Rafael' }] } });
  assert.equal(created.status, 202, created.text);
  const [approved] = await arrivals(receiver, 1);
  const body = JSON.parse(approved!.body.toString('utf8'));
  assert.equal(body.event, 'PURCHASE_APPROVED');
  assert.equal(body.data.buyer, undefined);

  const listed = (await affiliate.call('GET', '/api/v1/affiliations')).body.items;
  assert.deepEqual(listed.map((a: any) => [a.id, a.role, a.affiliate_code, a.product.id]), [[affiliation.id, 'affiliate', code, productId]]);
  assert.equal((await producer.call('GET', `/api/v1/products/${productId}/affiliations`)).body.items[0].role, 'producer');
  assert.equal((await affiliate.call('DELETE', `/api/v1/affiliations/${affiliation.id}`)).status, 204, 'the affiliate may end it');
  assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliation.id}`)).status, 404, 'gone for both');
  const moved = await producer.call('POST', `/api/v1/purchases/${created.body.transaction}/status`, { status: 'refunded' });
  assert.equal(moved.status, 202, moved.text);
  // committed before the 202: the refund made deliveries for the producer's webhooks only, none for the affiliate
  const affiliateHistory = (await affiliate.call('GET', '/api/v1/deliveries')).body.items as { event: string }[];
  assert.deepEqual(affiliateHistory.map((d) => d.event), ['PURCHASE_APPROVED'], 'no more sales after the affiliation ended');
});

test("an affiliate's test send carries the sample as affiliates receive it", async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const affiliate = await platform.tenant('Affiliate', 'affiliate');
  const webhook = await subscribe(affiliate, receiver);
  assert.equal((await affiliate.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_BILLET_PRINTED' })).status, 202);
  const body = JSON.parse((await arrivals(receiver, 1))[0]!.body.toString('utf8'));
  assert.equal(body.data.buyer, undefined);
  assert.ok(validateEnvelope(body, 'affiliate').ok);
});

test('affiliation input: bad bodies, unknown products and accounts, producers as affiliates, taken codes, other tenants', async () => {
  await using platform = await startPlatform();
  const { producer, affiliate } = await parties(platform);
  const otherProducer = await platform.tenant('Other producer');
  const secondAffiliate = await platform.tenant('Second affiliate', 'affiliate');
  const path = `/api/v1/products/${productId}/affiliations`;
  const cases: [string, Tenant, string, unknown, number, string?][] = [
    ['no body', producer, path, undefined, 422],
    ['not an object', producer, path, '[1]', 422],
    ['unknown field', producer, path, { affiliate_account_id: affiliate.account_id, admin: true }, 422, 'admin'],
    ['hostile code', producer, path, { affiliate_account_id: affiliate.account_id, affiliate_code: '<script>' }, 422, 'affiliate_code'],
    ['oversized code', producer, path, { affiliate_account_id: affiliate.account_id, affiliate_code: 'A'.repeat(65) }, 422, 'affiliate_code'],
    ['unknown account', producer, path, { affiliate_account_id: 'nobody' }, 422, 'affiliate_account_id'],
    ['a producer account', producer, path, { affiliate_account_id: otherProducer.account_id }, 422, 'affiliate_account_id'],
    ['its own account', producer, path, { affiliate_account_id: producer.account_id }, 422, 'affiliate_account_id'],
    ['taken code', producer, path, { affiliate_account_id: secondAffiliate.account_id, affiliate_code: code }, 409, 'affiliate_code'],
    ['the same affiliate again', producer, path, { affiliate_account_id: affiliate.account_id, affiliate_code: 'ANOTHER1' }, 409, 'affiliate_account_id'],
    ['unknown product', producer, '/api/v1/products/424242/affiliations', { affiliate_account_id: affiliate.account_id }, 404],
    ['bad product id', producer, '/api/v1/products/..%2F..%2Fx/affiliations', { affiliate_account_id: affiliate.account_id }, 422],
    ["another producer's product", otherProducer, path, { affiliate_account_id: affiliate.account_id }, 404],
  ];
  for (const [what, tenant, url, body, status, field] of cases) {
    const answer = await tenant.call('POST', url, body);
    assert.equal(answer.status, status, `${what}: ${answer.text}`);
    assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/, what);
    if (field) assert.ok(answer.text.includes(field), `${what} names ${field}: ${answer.text}`);
  }
  const generated = await producer.call('POST', path, { affiliate_account_id: secondAffiliate.account_id });
  assert.equal(generated.status, 201);
  assert.match(generated.body.affiliate_code, /^[A-Z]\d{8}[A-Z]$/, 'a hotlink-like code is made up');
  assert.equal((await producer.call('PATCH', `/api/v1/products/${productId}`, { share_buyer_data: 'yes' })).status, 422);
  assert.equal((await producer.call('PATCH', `/api/v1/products/${productId}`, {})).status, 422);
  assert.equal((await otherProducer.call('PATCH', `/api/v1/products/${productId}`, { share_buyer_data: true })).status, 404, "not another producer's switch");
  assert.equal((await affiliate.call('PATCH', `/api/v1/products/${productId}`, { share_buyer_data: true })).status, 404, "not the affiliate's switch");
  assert.deepEqual((await otherProducer.call('GET', '/api/v1/affiliations')).body.items, [], 'a third account sees none');
  assert.equal((await otherProducer.call('GET', `/api/v1/products/${productId}/affiliations`)).status, 404);
  const [first] = (await producer.call('GET', '/api/v1/affiliations')).body.items;
  assert.equal((await otherProducer.call('DELETE', `/api/v1/affiliations/${first.id}`)).status, 404, 'a third account cannot end it');
  // the affiliate scopes its webhooks to the products it promotes; unknown ids stay refused
  assert.equal((await affiliate.call('POST', '/api/v1/webhooks', { name: 'scoped', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'], products: [productId] })).status, 201);
  assert.equal((await affiliate.call('POST', '/api/v1/webhooks', { name: 'scoped', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'], products: ['999'] })).status, 422);
});
