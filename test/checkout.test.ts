// The hosted checkout over HTTP against a real Postback: offers through the API, the public pages in the buyer's
// language, the link's tracking parameters recorded as the purchase's origin and carried by both payload formats.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Platform, Tenant } from './helpers/platform.ts';

async function offerFor(tenant: Tenant): Promise<{ code: string; checkout_path: string }> {
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' })).status, 201);
  const offer = await tenant.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Oferta de lançamento', price: 497 });
  assert.equal(offer.status, 201, offer.text);
  return offer.body;
}

/** Submits the checkout form as a browser does (form-encoded), without following the redirect. */
const submit = (platform: Platform, path: string, fields: Record<string, string>, language = 'pt-BR', headers: Record<string, string> = {}) =>
  fetch(`${platform.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': language, ...headers }, body: new URLSearchParams(fields) });

const page = async (platform: Platform, path: string, language?: string) => {
  const response = await fetch(`${platform.url}${path}`, { headers: language ? { 'accept-language': language } : {} });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

test('offers: made for a numeric product of the account, listed, refused otherwise', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/products', { id: 'curso-foto', name: 'Slug product' });
  const offer = await offerFor(tenant);
  assert.match(offer.code, /^[a-z2-9]{10}$/);
  assert.equal(offer.checkout_path, `/checkout/${offer.code}`);
  assert.deepEqual((await tenant.call('GET', '/api/v1/offers')).body.items.map((item: { code: string; price: number; currency: string }) => [item.code, item.price, item.currency]), [[offer.code, 497, 'BRL']]);
  for (const [body, path] of [[{ product_id: 'curso-foto', price: 10 }, 'body.product_id'], [{ product_id: '999', price: 10 }, 'body.product_id'], [{ product_id: '3718245', price: 9.999 }, 'body.price'], [{ product_id: '3718245', price: 0 }, 'body.price']] as const) {
    const answer = await tenant.call('POST', '/api/v1/offers', body);
    assert.equal(answer.status, 422, JSON.stringify(body));
    assert.equal(answer.body.errors[0].path, path);
  }
  const other = await platform.tenant('Other');
  assert.deepEqual((await other.call('GET', '/api/v1/offers')).body.items, []);
  assert.equal((await other.call('POST', '/api/v1/offers', { product_id: '3718245', price: 1 })).status, 422, 'another account\'s product');
});

test('the checkout keeps the origin: sck, src, xcod, utm_* and click ids reach both payload formats; a card is approved at once', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_request, response) => response.end());
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  await tenant.call('POST', '/api/v1/webhooks', { name: 'json', url: `${receiver.url}/json`, events: ['PURCHASE_APPROVED'] });
  await tenant.call('POST', '/api/v1/webhooks', { name: 'form', url: `${receiver.url}/form`, events: ['PURCHASE_APPROVED'], version: '1.0.0' });
  const origin = { sck: 'MGID_ClickId_AbC', src: 'mgid', xcod: 'lp2', utm_source: 'mgid', utm_campaign: 'lançamento', fbclid: 'IwAR2x', gclid: 'Cj0KCQ', ttclid: 'E.C.P', ob_click_id: 'OB00a', click_id: 'cid-1' };
  const form = await page(platform, `${offer.checkout_path}?${new URLSearchParams({ ...origin, other: 'not kept', sck2: 'x' })}`);
  assert.equal(form.status, 200);
  assert.match(form.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'self'; form-action 'self'/);
  assert.match(form.html, /<html lang="pt-BR">/);
  assert.match(form.html, /R\$\s497,00/);
  const hidden = [...form.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1], match[2]!.replace(/&#231;/g, 'ç')]);
  assert.deepEqual(Object.fromEntries(hidden.filter(([name]) => name !== 'order_key')), origin, 'the known parameters ride along, nothing else (beside the order key)');

  const placed = await submit(platform, offer.checkout_path, { ...origin, name: 'Ana Carolina Souza', email: 'ana@example.com', payment: 'card' });
  assert.equal(placed.status, 303);
  const orderPath = placed.headers.get('location')!;
  const transaction = orderPath.split('/').at(-1)!;
  const order = await page(platform, orderPath);
  assert.match(order.html, /Pagamento aprovado/);
  assert.match(order.html, /Obrigado, Ana Carolina Souza!/);
  const purchase = await tenant.call('GET', `/api/v1/purchases/${transaction}`);
  assert.equal(purchase.body.status, 'approved');
  assert.deepEqual(purchase.body.data.purchase.origin, origin);
  assert.deepEqual(purchase.body.data.purchase.offer, { code: offer.code, name: 'Oferta de lançamento' });
  assert.equal(purchase.body.data.product.id, 3718245);

  await eventually('both formats delivered', () => (receiver.requests.length === 2 ? true : undefined));
  const json = JSON.parse(receiver.requests.find((request) => request.url === '/json')!.body.toString('utf8'));
  assert.deepEqual(json.data.purchase.origin, origin);
  const legacy = new URLSearchParams(receiver.requests.find((request) => request.url === '/form')!.body.toString('utf8'));
  assert.deepEqual([legacy.get('sck'), legacy.get('src'), legacy.get('xcod'), legacy.get('transaction')], ['MGID_ClickId_AbC', 'mgid', 'lp2', transaction]);
  // what the checkout records is what the catalogue (the Documentation tab) documents
  const documented = (await tenant.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.fields.map((field: { name: string }) => field.name);
  for (const key of Object.keys(origin)) assert.ok(documented.includes(`purchase.origin.${key}`), `purchase.origin.${key} is documented`);
});

test('the checkout records the buyer\'s IP (behind a trusted proxy), User-Agent and page, and the Meta preset sends them; what a request does not tell is left out', async () => {
  await using platform = await startPlatform({ trustedProxies: ['127.0.0.1'] });
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const meta = await tenant.call('POST', '/api/v1/webhooks', { name: 'Meta', version: 'postback',
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: 'EAABsbCS1iHgBAZCZD-token-9876', goals: { PURCHASE_APPROVED: 'Purchase' } } });
  assert.equal(meta.status, 201, meta.text);
  const pageUrl = `${platform.url}${offer.checkout_path}?fbclid=IwAR2xYz_AbC`;
  const form = await page(platform, `${offer.checkout_path}?fbclid=IwAR2xYz_AbC`);
  assert.equal(form.headers.get('referrer-policy'), 'same-origin', 'the form\'s POST carries its page\'s address, and only to Postback');
  const userAgent = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
  const placed = await submit(platform, offer.checkout_path, { fbclid: 'IwAR2xYz_AbC', name: 'Ana', email: 'ana@example.com', payment: 'card' }, 'pt-BR',
    { 'user-agent': userAgent, referer: pageUrl, 'x-forwarded-for': '189.45.112.37' });
  const transaction = placed.headers.get('location')!.split('/').at(-1)!;
  const recorded = (await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.data.purchase;
  assert.deepEqual([recorded.buyer_ip, recorded.buyer_user_agent, recorded.checkout_page_url], ['189.45.112.37', userAgent, pageUrl]);
  await eventually('the sale at the graph', () => (graph.requests.length === 1 ? true : undefined));
  const sent = JSON.parse(graph.requests[0]!.body.toString('utf8')).data[0];
  assert.equal(sent.action_source, 'website');
  assert.equal(sent.event_source_url, pageUrl);
  assert.equal(sent.user_data.client_ip_address, '189.45.112.37');
  assert.equal(sent.user_data.client_user_agent, userAgent);

  // the proxy (127.0.0.1, trusted) names no client and the page sent no Referer: neither is made up
  const bare = await submit(platform, offer.checkout_path, { name: 'Bia', email: 'bia@example.com', payment: 'card' }, 'pt-BR', { 'user-agent': userAgent });
  const bareData = (await tenant.call('GET', `/api/v1/purchases/${bare.headers.get('location')!.split('/').at(-1)}`)).body.data.purchase;
  assert.deepEqual([bareData.buyer_ip, bareData.buyer_user_agent, bareData.checkout_page_url], [undefined, userAgent, undefined]);
  await eventually('the second sale at the graph', () => (graph.requests.length === 2 ? true : undefined));
  const second = JSON.parse(graph.requests[1]!.body.toString('utf8')).data[0];
  assert.deepEqual([second.event_source_url, second.user_data.client_ip_address, second.user_data.client_user_agent], [undefined, undefined, userAgent]);
});

test('a parameter the link repeats keeps its first non-empty value (?sck=ONE&sck=TWO, ?sck=&sck=TWO), in the query and the form', async () => {
  // Fastify makes an array of a repeated key; an ad template that appends &sck={click_id} to a URL holding sck= repeats it
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const hiddenOf = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((match) => match[1] !== 'order_key').map((match) => [match[1], match[2]]));
  for (const [query, expected] of [
    ['sck=ONE&sck=TWO&utm_source=x', { sck: 'ONE', utm_source: 'x' }],
    ['sck=ONE&sck=&utm_source=x', { sck: 'ONE', utm_source: 'x' }],
    ['sck=&sck=TWO&gclid=g&gclid=h&gclid=i', { sck: 'TWO', gclid: 'g' }],
  ] as const) {
    assert.deepEqual(hiddenOf((await page(platform, `${offer.checkout_path}?${query}`)).html), expected, query);
  }
  // a mistake re-renders the form with the origin it read: the form's fields first, then the action's query
  const fields = new URLSearchParams([['sck', ''], ['sck', 'FORM'], ['name', ' ']]);
  const wrong = await fetch(`${platform.url}${offer.checkout_path}?sck=Q1&utm_source=q&utm_source=r`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields });
  assert.equal(wrong.status, 422);
  assert.deepEqual(hiddenOf(await wrong.text()), { sck: 'FORM', utm_source: 'q' });
});

test('pages in pt-BR, es or en from Accept-Language; mistakes answered on the form in that language, nothing written', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const cases: [string | undefined, string, RegExp][] = [
    [undefined, 'pt-BR', /Comprar agora/], ['es-AR,es;q=0.9', 'es', /Comprar ahora/], ['en-US,en;q=0.9', 'en', /Buy now/], ['fr-FR, en;q=0.5', 'en', /Buy now/], ['de', 'pt-BR', /Comprar agora/],
  ];
  for (const [header, lang, text] of cases) {
    const answer = await page(platform, offer.checkout_path, header);
    assert.match(answer.html, new RegExp(`<html lang="${lang}">`), String(header));
    assert.match(answer.html, text);
  }
  const wrong = await submit(platform, offer.checkout_path, { name: ' ', email: 'not-an-email', sck: 'keep_me' }, 'es');
  assert.equal(wrong.status, 422);
  const html = await wrong.text();
  assert.match(html, /Escribe tu nombre/);
  assert.match(html, /Escribe un correo válido/);
  assert.match(html, /Elige una forma de pago/);
  assert.match(html, /name="sck" value="keep_me"/, 'the origin survives the correction');
  assert.deepEqual((await tenant.call('GET', '/api/v1/deliveries')).body.items, []);
  assert.equal((await page(platform, '/checkout/nosuchoffer', 'en')).status, 404);
  assert.match((await page(platform, '/checkout/nosuchoffer', 'en')).html, /Offer not found/);
});

test('PIX and boleto wait for payment; without demo mode the buyer cannot move an order', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const pix = await submit(platform, offer.checkout_path, { name: 'Ana', email: 'ana@example.com', payment: 'pix' });
  const pixOrder = await page(platform, pix.headers.get('location')!);
  assert.match(pixOrder.html, /Aguardando o pagamento do PIX/);
  assert.match(pixOrder.html, /postback-demo-pix-/);
  assert.match(pixOrder.html, /http-equiv="refresh"/);
  assert.doesNotMatch(pixOrder.html, /Simular o pagamento/);
  const pay = await fetch(`${platform.url}${pix.headers.get('location')}/pay`, { method: 'POST', redirect: 'manual' });
  assert.equal(pay.status, 404);
  const transaction = pix.headers.get('location')!.split('/').at(-1)!;
  assert.equal((await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.status, 'waiting_payment');
  const billet = await submit(platform, offer.checkout_path, { name: 'Ana', email: 'ana@example.com', payment: 'billet' });
  const billetData = (await tenant.call('GET', `/api/v1/purchases/${billet.headers.get('location')!.split('/').at(-1)}`)).body;
  assert.equal(billetData.status, 'waiting_payment');
  assert.equal(billetData.data.purchase.payment.type, 'BILLET');
  assert.equal(billetData.timeline[0].event, 'PURCHASE_BILLET_PRINTED');
});

test('demo mode: the order page pays, completes and refunds through the purchase lifecycle', async () => {
  await using platform = await startPlatform({ checkoutDemo: true });
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const placed = await submit(platform, offer.checkout_path, { name: 'Ana', email: 'ana@example.com', payment: 'pix' }, 'en');
  const orderPath = placed.headers.get('location')!;
  assert.match((await page(platform, orderPath, 'en')).html, /Simulate the payment/);
  for (const [action, shows] of [['pay', /Payment approved/], ['complete', /Purchase complete/]] as const) {
    const moved = await fetch(`${platform.url}${orderPath}/${action}`, { method: 'POST', redirect: 'manual' });
    assert.equal(moved.status, 303);
    assert.match((await page(platform, orderPath, 'en')).html, shows);
  }
  const transaction = orderPath.split('/').at(-1)!;
  const timeline = (await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.timeline.map((entry: { event: string }) => entry.event);
  assert.deepEqual(timeline, ['PURCHASE_BILLET_PRINTED', 'PURCHASE_APPROVED', 'PURCHASE_COMPLETE']);
  const other = await platform.tenant('Other');
  const otherOffer = (await (async () => { await other.call('POST', '/api/v1/products', { id: '42', name: 'Other' }); return other.call('POST', '/api/v1/offers', { product_id: '42', price: 10 }); })()).body;
  assert.equal((await page(platform, `${otherOffer.checkout_path}/orders/${transaction}`)).status, 404, 'an order is only seen under its own offer');
});

test('an order body the checkout cannot read is refused in its own terms: the form\'s 16 KiB limit, a form\'s media type; nothing written', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const oversized = await submit(platform, offer.checkout_path, { name: 'Ana', email: 'ana@example.com', payment: 'pix', sck: 'x'.repeat(17 * 1024) });
  assert.equal(oversized.status, 413);
  assert.match(oversized.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(((await oversized.json()) as { detail: string }).detail, 'The body exceeds 16384 bytes.', 'the form\'s limit, not POSTBACK_MAX_EVENT_BYTES');
  const form = new FormData();
  form.set('name', 'Ana');
  const multipart = await fetch(`${platform.url}${offer.checkout_path}`, { method: 'POST', redirect: 'manual', body: form });
  assert.equal(multipart.status, 415);
  assert.equal(((await multipart.json()) as { detail: string }).detail, 'Send the body as an HTML form (application/x-www-form-urlencoded).');
  // the API keeps its own terms
  const api = await tenant.call('POST', '/api/v1/events', 'not json', { 'content-type': 'text/plain' });
  assert.equal(api.status, 415);
  assert.equal(api.body.detail, 'Send the body as application/json.');
  assert.deepEqual((await tenant.call('GET', '/api/v1/deliveries')).body.items, []);
});

// The order key: each render of the form carries a fresh one, and the orders sent with it are one order.
after(stopTestPostgres);
const orderKeyIn = (html: string): string | undefined => /<input type="hidden" name="order_key" value="([^"]*)">/.exec(html)?.[1];
const transactionOf = (answer: Response): string => answer.headers.get('location')?.split('/').at(-1) ?? '';
/** The transaction of every delivery: one webhook on PURCHASE_APPROVED, so one per purchase placed by card. */
const deliveredTransactions = async (tenant: Tenant): Promise<string[]> =>
  ((await tenant.call('GET', '/api/v1/deliveries')).body.items as { transaction: string }[]).map((item) => item.transaction).sort();
const order = { name: 'Ana Souza', email: 'ana@example.com', payment: 'card' };
const salesWebhook = async (tenant: Tenant, url: string) =>
  assert.equal((await tenant.call('POST', '/api/v1/webhooks', { name: 'sales', url, events: ['PURCHASE_APPROVED'] })).status, 201);

test('the form sent twice places one order: its key answers the same 303, one purchase, one event; another page\'s key, or none, a new order', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_request, response) => response.end());
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  await salesWebhook(tenant, `${receiver.url}/sales`);
  const blank = await page(platform, `${offer.checkout_path}?sck=MGID_1`);
  const key = orderKeyIn(blank.html) ?? '';
  assert.match(key, /^[A-Za-z0-9_-]{22}$/, 'a 128-bit key in base64url');
  // kept by the buyer's browser alone, checked again on a load: Back shows the page left, its key with it
  assert.equal(blank.headers.get('cache-control'), 'private, no-cache');
  const otherKey = orderKeyIn((await page(platform, `${offer.checkout_path}?sck=MGID_1`)).html) ?? '';
  assert.notEqual(otherKey, key, 'a fresh key per page');

  // a mistake first: the form comes back with its key, nothing placed
  const wrong = await submit(platform, offer.checkout_path, { ...order, name: ' ', sck: 'MGID_1', order_key: key });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.headers.get('cache-control'), 'no-store', 'what the buyer typed is never kept');
  assert.equal(orderKeyIn(await wrong.text()), key, 'the corrected form keeps its key');

  const first = await submit(platform, offer.checkout_path, { ...order, sck: 'MGID_1', order_key: key });
  const again = await submit(platform, offer.checkout_path, { ...order, sck: 'MGID_1', order_key: key });
  assert.deepEqual([first.status, again.status], [303, 303]);
  assert.equal(again.headers.get('location'), first.headers.get('location'), 'the same order');
  const transaction = transactionOf(first);
  assert.match(transaction, /^HP\d{14}$/, 'Hotmart\'s shape of a transaction');
  const timeline = (await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.timeline.map((entry: { event: string }) => entry.event);
  assert.deepEqual(timeline, ['PURCHASE_APPROVED'], 'one event');
  assert.deepEqual(await deliveredTransactions(tenant), [transaction], 'one purchase: one delivery');

  // another page's key is another order; a form without one (an old page, a script) places an order each time, as before
  const second = await submit(platform, offer.checkout_path, { ...order, order_key: otherKey });
  const keyless = [await submit(platform, offer.checkout_path, order), await submit(platform, offer.checkout_path, order)];
  assert.deepEqual([second, ...keyless].map((answer) => answer.status), [303, 303, 303]);
  const all = [transaction, ...[second, ...keyless].map(transactionOf)];
  assert.equal(new Set(all).size, 4, 'four orders');
  assert.deepEqual(await deliveredTransactions(tenant), all.sort());
  await eventually('four sales at the receiver', () => (receiver.requests.length === 4 ? true : undefined));
});

for (const backend of ['SQLite', 'PostgreSQL'] as const) {
  test(`a double click on ${backend}: sends of one key at once make one purchase, each answered with the 303 to it`, async () => {
    const store = backend === 'SQLite' ? {} : { databaseUrl: await freshDatabase(), secretKey: randomBytes(32).toString('base64') };
    await using platform = await startPlatform(store);
    await using receiver = await startHttpReceiver((_request, response) => response.end());
    const tenant = await platform.tenant();
    const offer = await offerFor(tenant);
    await salesWebhook(tenant, `${receiver.url}/sales`);
    const key = orderKeyIn((await page(platform, offer.checkout_path)).html) ?? '';
    const answers = await Promise.all(Array.from({ length: 8 }, () => submit(platform, offer.checkout_path, { ...order, order_key: key })));
    assert.deepEqual(answers.map((answer) => answer.status), Array(8).fill(303));
    assert.equal(new Set(answers.map((answer) => answer.headers.get('location'))).size, 1, 'one order for all');
    const transaction = transactionOf(answers[0]!);
    assert.deepEqual(await deliveredTransactions(tenant), [transaction]);
    assert.deepEqual((await tenant.call('GET', `/api/v1/purchases/${transaction}`)).body.timeline.length, 1);
  });
}

test('a key never reaches another offer\'s order: elsewhere it is a new order; a hostile one is no key; an order moved away answers 409', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const offer = await offerFor(tenant);
  const sibling = (await tenant.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Outra oferta', price: 297 })).body as { code: string; checkout_path: string };
  const stranger = await platform.tenant('Other');
  const strangerOffer = await offerFor(stranger);
  const key = orderKeyIn((await page(platform, offer.checkout_path)).html) ?? '';
  const placed = transactionOf(await submit(platform, offer.checkout_path, { ...order, order_key: key }));
  // the same key sent to another offer of the producer, or of another producer: that offer's own new order
  for (const [other, owner] of [[sibling, tenant], [strangerOffer, stranger]] as const) {
    const answer = await submit(platform, other.checkout_path, { ...order, order_key: key });
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location') ?? '', new RegExp(`^${other.checkout_path}/orders/HP\\d{14}$`));
    assert.notEqual(transactionOf(answer), placed);
    assert.equal((await owner.call('GET', `/api/v1/purchases/${transactionOf(answer)}`)).body.data.purchase.offer.code, other.code);
  }
  // what no page of ours sends (a repeated key, 10 KB, not ASCII, another shape) places an order as a form without one
  const hostile = [[key, key], ['k'.repeat(10 * 1024)], ['ключ-ñ-🙂-0123456789abcdef'], ['short'], [`${key}=`], [`../${key}`]];
  for (const values of hostile) {
    const body = new URLSearchParams([...Object.entries(order), ...values.map((value): [string, string] => ['order_key', value])]);
    const answer = await fetch(`${platform.url}${sibling.checkout_path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(answer.status, 303, values[0]!.slice(0, 40));
    assert.match(answer.headers.get('location') ?? '', new RegExp(`^${sibling.checkout_path}/orders/HP\\d{14}$`));
    assert.notEqual(transactionOf(answer), placed);
  }
  // the key's order moved to another offer (a producer's edit through the API): never shown under this one
  const moved = await tenant.call('POST', `/api/v1/purchases/${placed}/status`, { status: 'completed', purchase: { offer: { code: sibling.code, name: 'Outra oferta' } } });
  assert.equal(moved.status, 202, moved.text);
  const before = await deliveredTransactions(tenant);
  const taken = await submit(platform, offer.checkout_path, { ...order, sck: 'MGID_9', order_key: key }, 'es');
  assert.equal(taken.status, 409);
  assert.equal(taken.headers.get('location'), null);
  const html = await taken.text();
  assert.match(html, /<html lang="es">/);
  assert.match(html, /No se pudo realizar este pedido/);
  assert.match(html, new RegExp(`<a href="${offer.checkout_path}\\?sck=MGID_9">`), 'a fresh form, the ad\'s parameters kept');
  assert.doesNotMatch(html, new RegExp(placed), 'nothing of the other order');
  assert.deepEqual(await deliveredTransactions(tenant), before, 'nothing placed');
});

// Affiliates' links: /checkout/<offer>?aff=<affiliate code> credits the affiliate the offer's product is affiliated to
// under exactly that code (README "The hosted checkout", "Affiliates").
const affiliateCode = 'Q58388177J';
const noAffiliate = [{ affiliate_code: '', name: '' }];
const hiddenAffOf = (html: string): string | undefined => /<input type="hidden" name="aff" value="([^"]*)">/.exec(html)?.[1];

/** A producer's offer whose product is affiliated to an affiliate account under `affiliateCode`. */
async function affiliatedOffer(platform: Platform) {
  const producer = await platform.tenant('Loja da Bia');
  const affiliate = await platform.tenant('Rafael Afiliado', 'affiliate');
  const offer = await offerFor(producer);
  const made = await producer.call('POST', '/api/v1/products/3718245/affiliations', { affiliate_account_id: affiliate.account_id, affiliate_code: affiliateCode });
  assert.equal(made.status, 201, made.text);
  return { producer, affiliate, offer, affiliation: made.body as { id: string } };
}

/** The affiliate's history: transaction and event of each delivery, committed before the checkout's 303. */
const affiliateHistory = async (affiliate: Tenant): Promise<string[]> =>
  ((await affiliate.call('GET', '/api/v1/deliveries')).body.items as { transaction: string; event: string }[]).map((item) => `${item.transaction} ${item.event}`).sort();

test('an affiliate\'s link credits the sale: its code and name in data.affiliates, its copy at its webhook, one order for the form sent twice, its refund too', async () => {
  await using platform = await startPlatform({ checkoutDemo: true });
  await using receiver = await startHttpReceiver((_request, response) => response.end());
  const { producer, affiliate, offer } = await affiliatedOffer(platform);
  assert.equal((await affiliate.call('POST', '/api/v1/webhooks', { name: 'my sales', url: `${receiver.url}/affiliate`, events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] })).status, 201);
  await salesWebhook(producer, `${receiver.url}/producer`);

  const form = await page(platform, `${offer.checkout_path}?aff=${affiliateCode}&sck=AFF_CLICK_1`);
  assert.equal(form.status, 200);
  assert.equal(hiddenAffOf(form.html), affiliateCode, 'the code rides along in the form, as sck does');
  const key = orderKeyIn(form.html) ?? '';
  const fields = { ...order, sck: 'AFF_CLICK_1', aff: affiliateCode, order_key: key };
  // a mistake first: the corrected form keeps the code
  const wrong = await submit(platform, offer.checkout_path, { ...fields, name: ' ' });
  assert.equal(wrong.status, 422);
  assert.equal(hiddenAffOf(await wrong.text()), affiliateCode);
  const first = await submit(platform, offer.checkout_path, fields);
  const again = await submit(platform, offer.checkout_path, fields);
  assert.deepEqual([first.status, again.status], [303, 303]);
  assert.equal(again.headers.get('location'), first.headers.get('location'), 'the same order');
  const transaction = transactionOf(first);

  const purchase = (await producer.call('GET', `/api/v1/purchases/${transaction}`)).body;
  assert.deepEqual(purchase.data.affiliates, [{ affiliate_code: affiliateCode, name: 'Rafael Afiliado' }], 'as Hotmart names an affiliate');
  assert.equal(purchase.data.commissions, undefined, 'an affiliation has no rate: no commission is made up');
  assert.deepEqual(purchase.timeline.map((entry: { event: string }) => entry.event), ['PURCHASE_APPROVED'], 'one event');
  assert.deepEqual(await affiliateHistory(affiliate), [`${transaction} PURCHASE_APPROVED`], 'one copy for the affiliate');

  const copy = await eventually('the affiliate\'s copy', () => receiver.requests.find((request) => request.url === '/affiliate'));
  assert.equal(copy.headers['x-hotmart-hottok'], affiliate.hottok, 'the affiliate\'s own hottok');
  const body = JSON.parse(copy.body.toString('utf8'));
  assert.equal(body.data.purchase.transaction, transaction);
  assert.deepEqual(body.data.affiliates, [{ affiliate_code: affiliateCode, name: 'Rafael Afiliado' }]);
  assert.equal(body.data.buyer, undefined, 'without the buyer\'s data: the product does not share it');
  assert.equal(body.data.purchase.origin.sck, 'AFF_CLICK_1', 'with the click id of its link');

  // the purchase remembers its affiliate: the refund (the demo's payment provider) reaches it too
  assert.equal((await fetch(`${platform.url}${first.headers.get('location')}/refund`, { method: 'POST', redirect: 'manual' })).status, 303);
  assert.deepEqual(await affiliateHistory(affiliate), [`${transaction} PURCHASE_APPROVED`, `${transaction} PURCHASE_REFUNDED`]);

  // a POST form whose action the carrier script decorated (?aff= in the action's query) credits it as well
  const decorated = await submit(platform, `${offer.checkout_path}?aff=${affiliateCode}`, order);
  assert.equal(decorated.status, 303);
  assert.deepEqual((await producer.call('GET', `/api/v1/purchases/${transactionOf(decorated)}`)).body.data.affiliates[0].affiliate_code, affiliateCode);
});

test('a code that names no affiliation of the offer\'s product credits nobody and the order is placed: unknown, another product\'s, another case, hostile, ended', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_request, response) => response.end());
  const { producer, affiliate, offer, affiliation } = await affiliatedOffer(platform);
  // the same affiliate promotes another product of the producer under another code
  assert.equal((await producer.call('POST', '/api/v1/products', { id: '4000001', name: 'Outro curso' })).status, 201);
  assert.equal((await producer.call('POST', '/api/v1/products/4000001/affiliations', { affiliate_account_id: affiliate.account_id, affiliate_code: 'OTHER0001' })).status, 201);
  // another producer's affiliate, under the very code: codes are per product
  const stranger = await platform.tenant('Outra loja');
  const strangerAffiliate = await platform.tenant('Afiliado de outra loja', 'affiliate');
  await stranger.call('POST', '/api/v1/products', { id: '5000001', name: 'Curso alheio' });
  assert.equal((await stranger.call('POST', '/api/v1/products/5000001/affiliations', { affiliate_account_id: strangerAffiliate.account_id, affiliate_code: 'STRANGER1' })).status, 201);
  for (const tenant of [affiliate, strangerAffiliate]) await salesWebhook(tenant, `${receiver.url}/affiliate`);
  // the control: the affiliation's own code credits, so each case below is a refusal, not a checkout that credits no one
  const credited = transactionOf(await submit(platform, offer.checkout_path, { ...order, aff: affiliateCode }));
  assert.deepEqual((await producer.call('GET', `/api/v1/purchases/${credited}`)).body.data.affiliates, [{ affiliate_code: affiliateCode, name: 'Rafael Afiliado' }]);
  assert.deepEqual(await affiliateHistory(affiliate), [`${credited} PURCHASE_APPROVED`]);

  const creditsNobody = async (value: string, why: string) => {
    const form = await page(platform, `${offer.checkout_path}?${new URLSearchParams({ aff: value, sck: 'CLICK' })}`);
    assert.equal(form.status, 200, `${why}: never an error page`);
    const placed = await submit(platform, offer.checkout_path, { ...order, sck: 'CLICK', aff: value });
    assert.equal(placed.status, 303, `${why}: the order is placed`);
    const data = (await producer.call('GET', `/api/v1/purchases/${transactionOf(placed)}`)).body.data;
    assert.deepEqual(data.affiliates, noAffiliate, `${why}: credited to nobody`);
    assert.equal(data.purchase.origin.sck, 'CLICK', `${why}: the rest of the link still counts`);
    return form.html;
  };
  await creditsNobody('Z99999999Z', 'an unknown code');
  await creditsNobody('OTHER0001', 'the code of another product');
  await creditsNobody('STRANGER1', 'another producer\'s code');
  await creditsNobody(affiliateCode.toLowerCase(), 'another case');
  for (const hostile of ['"><script>alert(1)</script>', 'x'.repeat(5000), `${affiliateCode}' OR '1'='1`, `${affiliateCode} `, 'Q58388177J\u0000', 'афилиат', '../../admin']) {
    const html = await creditsNobody(hostile, `hostile ${JSON.stringify(hostile.slice(0, 30))}`);
    assert.equal(hiddenAffOf(html), undefined, 'a value no code has is not carried');
    assert.ok(!html.includes('<script>alert'), 'nor echoed');
  }
  assert.deepEqual(await affiliateHistory(affiliate), [`${credited} PURCHASE_APPROVED`], 'no other copy reached the affiliate');
  assert.deepEqual(await affiliateHistory(strangerAffiliate), []);

  // an ended affiliation no longer credits its code (its old page's hidden field included)
  const oldPage = await page(platform, `${offer.checkout_path}?aff=${affiliateCode}`);
  assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliation.id}`)).status, 204);
  const ended = await submit(platform, offer.checkout_path, { ...order, aff: affiliateCode, order_key: orderKeyIn(oldPage.html) ?? '' });
  assert.equal(ended.status, 303);
  assert.deepEqual((await producer.call('GET', `/api/v1/purchases/${transactionOf(ended)}`)).body.data.affiliates, noAffiliate);
  assert.deepEqual(await affiliateHistory(affiliate), [`${credited} PURCHASE_APPROVED`]);
});

test('an affiliate lists its own link to each offer of a product it promotes; the producer\'s other products\' offers are not listed', async () => {
  await using platform = await startPlatform();
  const { producer, affiliate, offer, affiliation } = await affiliatedOffer(platform);
  const second = (await producer.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Parcelado', price: 597 })).body as { code: string };
  await producer.call('POST', '/api/v1/products', { id: '4000001', name: 'Outro curso' });
  assert.equal((await producer.call('POST', '/api/v1/offers', { product_id: '4000001', price: 97 })).status, 201);
  const links = await affiliate.call('GET', `/api/v1/affiliations/${affiliation.id}/offers`);
  assert.equal(links.status, 200, links.text);
  assert.deepEqual(links.body.items.map((item: { code: string; name: string; price: number; checkout_path: string }) => [item.code, item.name, item.price, item.checkout_path]), [
    [offer.code, 'Oferta de lançamento', 497, `/checkout/${offer.code}?aff=${affiliateCode}`],
    [second.code, 'Parcelado', 597, `/checkout/${second.code}?aff=${affiliateCode}`],
  ]);
  assert.deepEqual((await producer.call('GET', `/api/v1/affiliations/${affiliation.id}/offers`)).body, links.body, 'the producer reads the same links, to hand them over');
  const outsider = await platform.tenant('Outro afiliado', 'affiliate');
  assert.equal((await outsider.call('GET', `/api/v1/affiliations/${affiliation.id}/offers`)).status, 404);
  // the link as listed credits the affiliate
  const placed = await submit(platform, links.body.items[1].checkout_path, order);
  assert.deepEqual((await producer.call('GET', `/api/v1/purchases/${transactionOf(placed)}`)).body.data.affiliates, [{ affiliate_code: affiliateCode, name: 'Rafael Afiliado' }]);
});
