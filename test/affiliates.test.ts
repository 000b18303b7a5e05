// Affiliates end to end: a producer affiliates a product to an affiliate account under an affiliate code; the
// affiliate's webhooks receive exactly the sales attributed to that code, without the buyer's data unless the
// producer shares it, in both formats, signed with the affiliate's own secret and hottok.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { redactForAffiliates, sampleData, validateEnvelope, validateLegacyForm } from '../src/catalog/index.ts';
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

/** The parties, and a second affiliate of the same product under `otherCode`. */
const otherCode = 'B22222222B';
async function twoAffiliates(platform: Platform) {
  const { producer, affiliate } = await parties(platform);
  const other = await platform.tenant('Second affiliate', 'affiliate');
  assert.equal((await producer.call('POST', `/api/v1/products/${productId}/affiliations`, { affiliate_account_id: other.account_id, affiliate_code: otherCode })).status, 201);
  return { producer, affiliate, other };
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
  await subscribe(affiliate, receiver, '2.0.0');
  // what the switch does not release: the producer's own tax document (a CPF here), and what the buyer's device left
  const natural = { ...boleto.producer, document: '12345678909', legal_nature: 'Pessoa Física' };
  const traces = { buyer_ip: '189.45.112.37', buyer_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)', checkout_page_url: 'https://lp.example.com/oferta?fbclid=abc', device_extra: 'x' };
  const sharedSale = sale('HP0000000000012', code);
  await publish(producer, { ...sharedSale, data: { ...sharedSale.data, producer: natural, purchase: { ...sharedSale.data.purchase, ...traces } } });
  const [legacy, json] = (await arrivals(receiver, 3)).slice(1).sort((a, b) => Number(a.headers['content-type']?.includes('json')) - Number(b.headers['content-type']?.includes('json')));
  const shared = new URLSearchParams(legacy!.body.toString('utf8'));
  assert.deepEqual([shared.get('email'), shared.get('billet_url'), shared.get('billet_barcode')], [buyerEmail, billetUrl, boleto.purchase.payment.billet_barcode]);
  assert.equal(shared.get('producer_document'), '', "1.0.0: never the producer's document");
  assert.ok(validateLegacyForm(legacy!.body.toString('utf8'), 'PURCHASE_BILLET_PRINTED', 'affiliate').ok);
  const body = JSON.parse(json!.body.toString('utf8'));
  assert.equal(body.data.buyer.email, buyerEmail, 'shared: the buyer');
  assert.equal(body.data.purchase.payment.billet_url, billetUrl, 'shared: the boleto link');
  assert.deepEqual(body.data.producer, { name: boleto.producer.name, legal_nature: 'Pessoa Física' }, "shared: never the producer's document");
  for (const key of Object.keys(traces)) assert.equal(body.data.purchase[key], undefined, `shared: never purchase.${key}`);
  const raw = json!.body.toString('utf8');
  assert.ok(!raw.includes('12345678909') && !raw.includes('fbclid') && !raw.includes('Mozilla'), raw);
});

test("a sale credited to two affiliates: each one's copy names only its own code, in 2.0.0, 1.0.0 and a hook; the producer's names both", async () => {
  await using platform = await startPlatform();
  await using producerReceiver = await startHttpReceiver((_req, res) => res.end('ok'));
  await using first = await startHttpReceiver((_req, res) => res.end('ok'));
  await using second = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate, other } = await twoAffiliates(platform);
  await subscribe(producer, producerReceiver);
  await subscribe(affiliate, first);
  await subscribe(other, second, '2.0.0');
  await subscribe(other, second, '1.0.0');
  const hook = await other.call('POST', '/api/v1/hooks', { target_url: `${second.url}/zap`, event: 'order', products: [productId] });
  assert.equal(hook.status, 201, hook.text);

  const both = [{ affiliate_code: code, name: 'Alice Afiliada' }, { affiliate_code: otherCode, name: 'Bruno Afiliado' }];
  const credited = sale('HP0000000000031', code);
  await publish(producer, { ...credited, data: { ...credited.data, affiliates: both } });
  const [own] = await arrivals(first, 1);
  assert.deepEqual(JSON.parse(own!.body.toString('utf8')).data.affiliates, [both[0]], "the first affiliate's copy: its entry alone");
  const received = await arrivals(second, 3);
  const isJson = (request: Receiver['requests'][number]) => String(request.headers['content-type']).includes('json');
  const text = (path: string, json: boolean) => received.find((request) => request.url === path && isJson(request) === json)!.body.toString('utf8');
  assert.deepEqual(JSON.parse(text('/hook', true)).data.affiliates, [both[1]], '2.0.0: its entry alone');
  const form = new URLSearchParams(text('/hook', false));
  assert.deepEqual([form.get('aff'), form.get('aff_name')], [otherCode, 'Bruno Afiliado'], '1.0.0: aff names the affiliate the copy is for');
  const item = JSON.parse(text('/zap', true));
  assert.deepEqual([item.affiliate_code, item.affiliate_name], [otherCode, 'Bruno Afiliado'], "the hook's flat fields too");
  for (const request of received) assert.ok(!request.body.toString('utf8').includes('Alice'), 'never the other affiliate');
  const [producerCopy] = await arrivals(producerReceiver, 1);
  assert.deepEqual(JSON.parse(producerCopy!.body.toString('utf8')).data.affiliates, both, "the producer's event is untouched");
});

/** Each arrival's body by `<transaction> <version>`: 2.0.0 parsed, 1.0.0 as its form. */
function byTransaction(requests: Receiver['requests']) {
  const bodies = new Map<string, any>();
  for (const request of requests) {
    const text = request.body.toString('utf8');
    if (String(request.headers['content-type']).includes('json')) {
      const body = JSON.parse(text);
      bodies.set(`${body.data.purchase.transaction} 2.0.0`, { body, text });
    } else {
      const form = new URLSearchParams(text);
      bodies.set(`${form.get('transaction')} 1.0.0`, { form, text });
    }
  }
  return bodies;
}

test("a sale credited to two affiliates: each one's copy keeps only its own AFFILIATE commission, and 1.0.0's cms_aff is it; unattributable ones are dropped", async () => {
  await using platform = await startPlatform();
  await using first = await startHttpReceiver((_req, res) => res.end('ok'));
  await using second = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate, other } = await twoAffiliates(platform);
  for (const [tenant, receiver] of [[affiliate, first], [other, second]] as const) {
    await subscribe(tenant, receiver, '2.0.0');
    await subscribe(tenant, receiver, '1.0.0');
  }
  const both = [{ affiliate_code: code, name: 'Joao Afiliado' }, { affiliate_code: otherCode, name: 'Maria Afiliada' }];
  const producerShare = { value: 300, source: 'PRODUCER', currency_value: 'BRL' };
  const joaos = { value: 100, source: 'AFFILIATE', currency_value: 'BRL' };
  const marias = { value: 50, source: 'AFFILIATE', currency_value: 'BRL' };
  const credited = (transaction: string, commissions: unknown[]) => {
    const base = sale(transaction, code);
    return { ...base, data: { ...base.data, affiliates: both, commissions } };
  };
  await publish(producer, credited('HP0000000000051', [producerShare, joaos, marias]));
  // one AFFILIATE commission for two affiliates: whose it is cannot be told, so neither copy gets it
  await publish(producer, credited('HP0000000000052', [producerShare, joaos]));

  const firstBodies = byTransaction(await arrivals(first, 4));
  const secondBodies = byTransaction(await arrivals(second, 4));
  for (const [bodies, own, ownCms] of [[firstBodies, joaos, '100.00'], [secondBodies, marias, '50.00']] as const) {
    const json = bodies.get('HP0000000000051 2.0.0');
    assert.deepEqual(json.body.data.commissions, [producerShare, own], "2.0.0: the producer's share as before, and its own commission alone");
    assert.ok(validateEnvelope(json.body, 'affiliate').ok);
    const legacy = bodies.get('HP0000000000051 1.0.0');
    assert.deepEqual([legacy.form.get('cms_aff'), legacy.form.get('cms_vendor')], [ownCms, '300.00'], "1.0.0: cms_aff is its own commission");
    assert.ok(validateLegacyForm(legacy.text, 'PURCHASE_BILLET_PRINTED', 'affiliate').ok);
    assert.deepEqual(bodies.get('HP0000000000052 2.0.0').body.data.commissions, [producerShare], 'unattributable: no AFFILIATE commission at all');
    assert.equal(bodies.get('HP0000000000052 1.0.0').form.get('cms_aff'), '', 'nor a cms_aff');
  }
  assert.ok(!firstBodies.get('HP0000000000051 2.0.0').text.includes('"value":50,'), "never the other affiliate's commission");
  assert.ok(!secondBodies.get('HP0000000000051 2.0.0').text.includes('"value":100,'), "never the other affiliate's commission");
});

test("a sale credited to one affiliate reaches it as before: the redacted data byte for byte, every commission kept", async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate } = await parties(platform);
  await subscribe(affiliate, receiver, '2.0.0');
  const plain = sale('HP0000000000061', code);
  // two AFFILIATE commissions for one affiliate: the copy hides no other affiliate, so nothing is trimmed
  const twoShares = sale('HP0000000000062', code);
  const extra = { ...twoShares, data: { ...twoShares.data, commissions: [...boleto.commissions, { value: 20, source: 'AFFILIATE', currency_value: 'BRL' }] } };
  await publish(producer, plain);
  await publish(producer, extra);
  const bodies = byTransaction(await arrivals(receiver, 2));
  for (const sent of [plain, extra]) {
    const { text } = bodies.get(`${sent.data.purchase.transaction} 2.0.0`);
    const expected = JSON.stringify(redactForAffiliates('PURCHASE_BILLET_PRINTED', sent.data));
    assert.ok(text.includes(`"data":${expected}`), `${text}\nshould carry\n${expected}`);
  }
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

test("a purchase's later events go to the affiliate its first event went to, while still affiliated; never to a new holder of the code", async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate, affiliation } = await parties(platform);
  const successor = await platform.tenant('Successor', 'affiliate');
  for (const tenant of [affiliate, successor]) {
    assert.equal((await tenant.call('POST', '/api/v1/webhooks', { name: 'all sales', url: `${receiver.url}/sales`, events: ['PURCHASE_APPROVED', 'PURCHASE_PROTEST', 'PURCHASE_REFUNDED'] })).status, 201);
  }
  const approve = async (transaction: string) => {
    const created = await producer.call('POST', '/api/v1/purchases', { status: 'approved', data: { ...sampleData('PURCHASE_APPROVED'), product: { ...boleto.product }, purchase: { ...sampleData('PURCHASE_APPROVED').purchase as object, transaction }, affiliates: [{ affiliate_code: code, name: 'Alice' }] } });
    assert.equal(created.status, 202, created.text);
  };
  const move = async (transaction: string, status: string) => assert.equal((await producer.call('POST', `/api/v1/purchases/${transaction}/status`, { status })).status, 202);
  // committed before each 202: the histories hold every delivery these events will ever make
  const history = async (tenant: Tenant) => ((await tenant.call('GET', '/api/v1/deliveries')).body.items as { event: string; transaction: string }[])
    .map((d) => `${d.transaction} ${d.event}`).sort();

  await approve('HP0000000000041');
  await approve('HP0000000000042');
  await move('HP0000000000042', 'refund_claimed');
  assert.deepEqual(await history(affiliate), ['HP0000000000041 PURCHASE_APPROVED', 'HP0000000000042 PURCHASE_APPROVED', 'HP0000000000042 PURCHASE_PROTEST'], 'while affiliated, its sales\' later events reach it');
  assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliation.id}`)).status, 204);
  assert.equal((await producer.call('POST', `/api/v1/products/${productId}/affiliations`, { affiliate_account_id: successor.account_id, affiliate_code: code })).status, 201, 'the code is given to another affiliate');
  await move('HP0000000000041', 'refund_claimed');
  await move('HP0000000000042', 'refunded');
  assert.deepEqual(await history(successor), [], "the new holder of the code gets none of the sales it never made");
  assert.equal((await history(affiliate)).length, 3, 'nor does the affiliate that left');
  await approve('HP0000000000043');
  await move('HP0000000000043', 'refund_claimed');
  assert.deepEqual(await history(successor), ['HP0000000000043 PURCHASE_APPROVED', 'HP0000000000043 PURCHASE_PROTEST'], 'its own sales under the code, and their later events');
});

test("a sale through the hosted checkout on an affiliate's link fires the affiliate's own conversion postback with the link's click id", async () => {
  // the affiliate runs MGID ads to its link (/checkout/<offer>?aff=<code>&sck=<click id>): its postback reports the
  // sale to its own MGID account; a sale of the producer's own ads (no aff) never reaches it
  await using platform = await startPlatform();
  await using affiliateMgid = await startHttpReceiver((_req, res) => res.end('ok'));
  await using producerMgid = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, affiliate } = await parties(platform);
  const offer = await producer.call('POST', '/api/v1/offers', { product_id: productId, price: 497 });
  assert.equal(offer.status, 201, offer.text);
  for (const [tenant, network] of [[affiliate, affiliateMgid], [producer, producerMgid]] as const) {
    const postback = await tenant.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${network.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } } });
    assert.equal(postback.status, 201, postback.text);
  }
  const buy = async (query: string) => {
    const placed = await fetch(`${platform.url}${offer.body.checkout_path}?${query}`, { method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'Ana Souza', email: 'ana@example.com', payment: 'card' }) });
    assert.equal(placed.status, 303);
  };
  await buy(`aff=${code}&sck=AFF_MGID_Click_1`);
  await buy('sck=PRODUCER_MGID_Click_2');
  await eventually('the producer\'s two postbacks', () => (producerMgid.requests.length === 2 ? true : undefined));
  await eventually('the affiliate\'s postback', () => (affiliateMgid.requests.length === 1 ? true : undefined));
  const query = (request: { url: string }) => Object.fromEntries(new URL(request.url, 'http://mgid').searchParams);
  assert.deepEqual(affiliateMgid.requests.map(query), [{ c: 'AFF_MGID_Click_1', e: 'purchase', r: '497.00' }], 'its click id, unchanged; nothing of the producer\'s own sale');
  assert.deepEqual(producerMgid.requests.map(query).map((sent) => sent.c).sort(), ['AFF_MGID_Click_1', 'PRODUCER_MGID_Click_2'], 'the producer\'s postback reports every sale, as for any affiliated sale');
  // committed before each 303: the affiliate's history holds every delivery these sales will make
  const history = (await affiliate.call('GET', '/api/v1/deliveries')).body.items as { event: string }[];
  assert.deepEqual(history.map((item) => item.event), ['PURCHASE_APPROVED']);
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

test("a test send follows the product it samples: an affiliate account's own product whole, one it promotes redacted", async () => {
  await using platform = await startPlatform();
  const { affiliate } = await parties(platform);
  assert.equal((await affiliate.call('POST', '/api/v1/products', { id: '7770001', name: 'My own course' })).status, 201, 'an affiliate may sell products of its own');
  const sampleOf = async (products: string[] | 'all') => {
    const created = await affiliate.call('POST', '/api/v1/webhooks', { name: 'scoped', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'], products });
    assert.equal(created.status, 201, created.text);
    const answer = await affiliate.call('GET', `/api/v1/webhooks/${created.body.id}/test-sample?event=PURCHASE_APPROVED`);
    assert.equal(answer.status, 200, answer.text);
    return answer.body.data as Record<string, any>;
  };
  const own = await sampleOf(['7770001']);
  assert.deepEqual([own.product.id, typeof own.buyer?.email], [7770001, 'string'], 'its own sales reach it with the buyer');
  const promoted = await sampleOf([productId]);
  assert.deepEqual([String(promoted.product.id), promoted.buyer], [productId, undefined], 'a promoted product: as affiliates get it');
  assert.equal((await sampleOf('all')).buyer, undefined, 'all products: as an affiliate account gets most of its sales');
});

test("an affiliate's test sample and test send are credited to its own affiliate code and name; a producer's stay the catalogue's", async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const { producer, other } = await twoAffiliates(platform);
  // a second product the same affiliate promotes under another code: a webhook scoped to it samples that code
  const secondProduct = '7770002';
  assert.equal((await producer.call('POST', '/api/v1/products', { id: secondProduct, name: 'Outro curso' })).status, 201);
  assert.equal((await producer.call('POST', `/api/v1/products/${secondProduct}/affiliations`, { affiliate_account_id: other.account_id, affiliate_code: 'C33333333C' })).status, 201);
  const sampleOf = async (tenant: Tenant, products: string[] | 'all', url = 'https://example.com/h') => {
    const created = await tenant.call('POST', '/api/v1/webhooks', { name: 'sample', url, events: ['PURCHASE_APPROVED'], products });
    assert.equal(created.status, 201, created.text);
    const answer = await tenant.call('GET', `/api/v1/webhooks/${created.body.id}/test-sample?event=PURCHASE_APPROVED`);
    assert.equal(answer.status, 200, answer.text);
    return { id: created.body.id as string, data: answer.body.data as Record<string, any> };
  };
  const ownEntry = [{ affiliate_code: otherCode, name: 'Second affiliate' }];
  const catalogue = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  assert.notEqual(otherCode, catalogue.affiliates[0].affiliate_code, "not the catalogue's code");

  const all = await sampleOf(other, 'all', `${receiver.url}/hook`);
  assert.deepEqual(all.data.affiliates, ownEntry, 'all products: its oldest affiliation');
  assert.deepEqual((await sampleOf(other, [productId])).data.affiliates, ownEntry, "a promoted product: that product's code");
  assert.deepEqual((await sampleOf(other, [secondProduct])).data.affiliates, [{ affiliate_code: 'C33333333C', name: 'Second affiliate' }], 'the other promoted product: its own code');

  assert.equal((await other.call('POST', `/api/v1/webhooks/${all.id}/test`, { event: 'PURCHASE_APPROVED' })).status, 202);
  const sent = JSON.parse((await arrivals(receiver, 1))[0]!.body.toString('utf8'));
  assert.deepEqual(sent.data.affiliates, ownEntry, 'the test send carries it too');
  assert.ok(validateEnvelope(sent, 'affiliate').ok);
  const hookSample = (await other.call('GET', '/api/v1/hooks/samples/order')).body.items[0];
  assert.deepEqual([hookSample.affiliate_code, hookSample.affiliate_name], [otherCode, 'Second affiliate'], "a hook's sample, before any real sale");

  assert.deepEqual((await sampleOf(producer, 'all')).data, catalogue, "the producer's sample is the catalogue's, affiliate and all");
  const alone = await platform.tenant('No affiliation yet', 'affiliate');
  assert.deepEqual((await sampleOf(alone, 'all')).data.affiliates, catalogue.affiliates, "an affiliate that promotes nothing yet: the catalogue's");
});

test('making and ending an affiliation are written to both parties\' audit logs, naming the product, the code and the counterpart', async () => {
  await using platform = await startPlatform();
  const { producer, affiliate, affiliation } = await parties(platform);
  const [made] = ((await affiliate.call('GET', '/api/v1/audit')).body.items as any[]).filter((entry) => entry.action === 'affiliation.created');
  assert.deepEqual([made?.actor, made?.target.name, made?.detail.affiliate_code, made?.detail.producer], ['account:Producer', 'Curso', code, 'Producer'], 'the affiliate hears it was affiliated');
  const ended = async (tenant: Tenant) => ((await tenant.call('GET', '/api/v1/audit')).body.items as any[]).filter((entry) => entry.action === 'affiliation.ended');
  const named = { product_id: productId, affiliate_code: code, producer: 'Producer', affiliate: 'Affiliate' };
  assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliation.id}`)).status, 204);
  const [byProducer] = await ended(producer);
  assert.deepEqual([byProducer.actor, byProducer.target, byProducer.detail], [`client:${producer.client_id}`, { type: 'affiliation', id: affiliation.id, name: 'Curso' }, named]);
  const [told] = await ended(affiliate);
  assert.deepEqual([told?.actor, told?.target, told?.detail], ['account:Producer', byProducer.target, named], "the affiliate's log says which producer ended it, never who in its team");

  const again = await producer.call('POST', `/api/v1/products/${productId}/affiliations`, { affiliate_account_id: affiliate.account_id, affiliate_code: code });
  assert.equal((await affiliate.call('DELETE', `/api/v1/affiliations/${again.body.id}`)).status, 204, 'the affiliate ends it this time');
  assert.deepEqual((await ended(producer)).map((entry) => [entry.actor, entry.target.id, entry.detail.affiliate_code]), [['account:Affiliate', again.body.id, code], [`client:${producer.client_id}`, affiliation.id, code]]);
  assert.deepEqual((await ended(affiliate)).map((entry) => entry.actor), [`client:${affiliate.client_id}`, 'account:Producer']);
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
