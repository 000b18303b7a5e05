// Tenant isolation: every registered route is tried by another account. A new route fails this suite until it is
// classified below, so isolation cannot be forgotten.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';

type Ids = { webhook: string; hook: string; delivery: string; transaction: string; affiliation: string; affiliate: string };
/** Routes that address one row by id: another account must get 404 and change nothing. */
const byId: Record<string, (ids: Ids) => [path: string, body?: unknown]> = {
  'GET /api/v1/webhooks/:id': (ids) => [`/api/v1/webhooks/${ids.webhook}`],
  'PATCH /api/v1/webhooks/:id': (ids) => [`/api/v1/webhooks/${ids.webhook}`, { name: 'pwned', url: 'https://evil.example/h' }],
  'DELETE /api/v1/webhooks/:id': (ids) => [`/api/v1/webhooks/${ids.webhook}`],
  'POST /api/v1/webhooks/:id/test': (ids) => [`/api/v1/webhooks/${ids.webhook}/test`, { event: 'PURCHASE_APPROVED' }],
  'GET /api/v1/webhooks/:id/recoverable': (ids) => [`/api/v1/webhooks/${ids.webhook}/recoverable?since=0`],
  'POST /api/v1/webhooks/:id/recover': (ids) => [`/api/v1/webhooks/${ids.webhook}/recover`, { since: 0 }],
  'POST /api/v1/webhooks/:id/rotate-secret': (ids) => [`/api/v1/webhooks/${ids.webhook}/rotate-secret`],
  'GET /api/v1/hooks/:id': (ids) => [`/api/v1/hooks/${ids.hook}`],
  'DELETE /api/v1/hooks/:id': (ids) => [`/api/v1/hooks/${ids.hook}`],
  'GET /api/v1/deliveries/:id': (ids) => [`/api/v1/deliveries/${ids.delivery}`],
  'POST /api/v1/deliveries/:id/resend': (ids) => [`/api/v1/deliveries/${ids.delivery}/resend`],
  'POST /api/v1/deliveries/:id/replay': (ids) => [`/api/v1/deliveries/${ids.delivery}/replay`, { url: 'https://example.com/replay' }],
  'GET /api/v1/webhooks/:id/test-sample': (ids) => [`/api/v1/webhooks/${ids.webhook}/test-sample?event=PURCHASE_APPROVED`],
  'PUT /api/v1/webhooks/:id/test-event-code': (ids) => [`/api/v1/webhooks/${ids.webhook}/test-event-code`, { test_event_code: 'PWNED1' }],
  'DELETE /api/v1/team/invitations/:id': (ids) => [`/api/v1/team/invitations/${ids.webhook}`],
  'PATCH /api/v1/team/members/:id': (ids) => [`/api/v1/team/members/${ids.webhook}`, { role: 'viewer' }],
  'DELETE /api/v1/team/members/:id': (ids) => [`/api/v1/team/members/${ids.webhook}`],
  'POST /api/v1/webhooks/:id/reveal-secret': (ids) => [`/api/v1/webhooks/${ids.webhook}/reveal-secret`],
  'GET /api/v1/purchases/:transaction': (ids) => [`/api/v1/purchases/${ids.transaction}`],
  'POST /api/v1/purchases/:transaction/status': (ids) => [`/api/v1/purchases/${ids.transaction}/status`, { status: 'refunded' }],
  'PATCH /api/v1/products/:id': () => ['/api/v1/products/555', { share_buyer_data: true }],
  'GET /api/v1/products/:id': () => ['/api/v1/products/555'],
  'DELETE /api/v1/products/:id': () => ['/api/v1/products/555'],
  'GET /api/v1/products/:id/members-area/check': () => ['/api/v1/products/555/members-area/check'],
  'POST /api/v1/products/:id/members-area/webhook': () => ['/api/v1/products/555/members-area/webhook', {}],
  'GET /api/v1/products/:id/affiliations': () => ['/api/v1/products/555/affiliations'],
  'POST /api/v1/products/:id/affiliations': (ids) => ['/api/v1/products/555/affiliations', { affiliate_account_id: ids.affiliate, affiliate_code: 'BOB0001' }],
  'DELETE /api/v1/affiliations/:id': (ids) => [`/api/v1/affiliations/${ids.affiliation}`],
  'GET /api/v1/affiliations/:id/offers': (ids) => [`/api/v1/affiliations/${ids.affiliation}/offers`],
};
/** Routes that list or create within the caller's account: another account's rows must never appear. */
const scoped = new Set(['GET /api/v1/webhooks', 'POST /api/v1/webhooks', 'GET /api/v1/hooks', 'POST /api/v1/hooks', 'GET /api/v1/hooks/samples/:trigger', 'GET /api/v1/products', 'POST /api/v1/products',
  'GET /api/v1/deliveries', 'GET /api/v1/stats/webhooks', 'GET /api/v1/stats/overview', 'GET /api/v1/affiliations', 'POST /api/v1/events', 'POST /api/v1/purchases', 'GET /api/v1/account', 'POST /api/v1/account/rotate-hottok', 'POST /api/v1/account/rotate-client-secret',
  'GET /api/v1/session', 'DELETE /api/v1/session', 'GET /api/v1/team', 'GET /api/v1/audit', 'POST /api/v1/team/invitations', 'GET /api/v1/offers', 'POST /api/v1/offers', 'GET /api/v1/tracking/conversions',
  'GET /api/v1/notices', 'GET /api/v1/notification-settings', 'PUT /api/v1/notification-settings']);
/** Routes that hold no tenant data. */
const open = new Set(['GET /health', 'GET /healthz', 'GET /readyz', 'GET /openapi.json', 'GET /api/docs', 'GET /api/docs/init.js', 'GET /api/docs/:asset',
  'POST /oauth/token', 'POST /security/oauth/token', 'GET /api/v1/catalog', 'GET /api/v1/catalog/:event',
  'POST /api/v1/session', 'GET /api/v1/setup', 'POST /api/v1/setup', 'GET /api/v1/invitations/:token', 'POST /api/v1/invitations/:token/accept',
  'POST /api/v1/password-reset', 'POST /api/v1/password-reset/complete', 'GET /*', 'GET /tracking.js', 'GET /checkout/checkout.css',
  // the hosted checkout is public: an offer's random code is its link, and an order is shown only under its own offer (test/checkout.test.ts)
  'GET /checkout/:offer', 'POST /checkout/:offer', 'GET /checkout/:offer/orders/:transaction', 'POST /checkout/:offer/orders/:transaction/:action']);

test('every route is classified for isolation', async () => {
  await using platform = await startPlatform();
  const unclassified = platform.routes.filter((route) => !(route in byId) && !scoped.has(route) && !open.has(route));
  assert.deepEqual(unclassified, [], 'classify each new route in test/isolation.test.ts and cover it');
  const stale = [...Object.keys(byId), ...scoped, ...open].filter((route) => !platform.routes.includes(route));
  assert.deepEqual(stale, [], 'these routes no longer exist');
});

test('another account gets 404 on every id route, sees none of the rows, and changes nothing', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const alice = await platform.tenant('Alice');
  const bob = await platform.tenant('Bob');
  await alice.call('POST', '/api/v1/products', { id: '555', name: 'Alice course' });
  assert.equal((await alice.call('POST', '/api/v1/offers', { product_id: '555', price: 10 })).status, 201);
  const carol = await platform.tenant('Carol', 'affiliate');
  const affiliation = (await alice.call('POST', '/api/v1/products/555/affiliations', { affiliate_account_id: carol.account_id })).body;
  const webhook = (await alice.call('POST', '/api/v1/webhooks', { name: 'alice', url: receiver.url, events: ['PURCHASE_APPROVED'] })).body;
  const sent = (await alice.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' })).body;
  await eventually('alice delivery', () => receiver.requests[0]);
  const sale = (await alice.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  const purchase = (await alice.call('POST', '/api/v1/purchases', { data: { ...sale, purchase: { ...sale.purchase, status: undefined, transaction: 'HP55554444333322' } } })).body;
  assert.equal(purchase.status, 'approved');
  await eventually('alice purchase delivery', () => (receiver.requests.length === 2 ? true : undefined));
  const hook = (await alice.call('POST', '/api/v1/hooks', { target_url: receiver.url, event: 'order' })).body;
  const ids = { webhook: webhook.id, hook: hook.id, delivery: sent.delivery.id, transaction: purchase.transaction, affiliation: affiliation.id, affiliate: carol.account_id };
  const snapshot = async () => JSON.stringify([(await alice.call('GET', `/api/v1/webhooks/${ids.webhook}`)).body, (await alice.call('GET', `/api/v1/hooks/${ids.hook}`)).body,
    (await alice.call('GET', `/api/v1/deliveries/${ids.delivery}`)).body.attempts]);
  const before = await snapshot();
  for (const [route, build] of Object.entries(byId)) {
    const [path, body] = build(ids);
    const answer = await bob.call(route.split(' ')[0]!, path, body);
    assert.equal(answer.status, 404, `${route} answered ${answer.status} to another account`);
  }
  assert.equal(await snapshot(), before, 'Alice\'s webhook, hook and history are untouched');
  assert.equal((await alice.call('GET', `/api/v1/purchases/${ids.transaction}`)).body.status, 'approved', 'Alice\'s purchase did not move');
  const affiliations = (await alice.call('GET', '/api/v1/affiliations')).body.items;
  assert.deepEqual(affiliations.map((a: { id: string; product: { share_buyer_data: boolean } }) => [a.id, a.product.share_buyer_data]), [[ids.affiliation, false]], 'Alice\'s affiliation and switch are untouched');
  assert.deepEqual((await bob.call('GET', '/api/v1/affiliations')).body.items, []);
  assert.equal(receiver.requests.length, 2, 'no test send, resend or purchase move of Bob\'s reached Alice\'s receiver');
  assert.deepEqual((await bob.call('GET', '/api/v1/webhooks')).body.items, []);
  assert.deepEqual((await bob.call('GET', '/api/v1/hooks')).body.items, []);
  assert.deepEqual((await alice.call('GET', '/api/v1/hooks/samples/order')).body.items.map((item: { transaction: string }) => item.transaction), [ids.transaction]);
  assert.deepEqual((await bob.call('GET', '/api/v1/hooks/samples/order')).body.items.map((item: { id: string }) => item.id), ['sample-PURCHASE_APPROVED'], 'Bob\'s samples never show Alice\'s sales');
  assert.deepEqual((await bob.call('GET', '/api/v1/products')).body.items, []);
  assert.deepEqual((await bob.call('GET', '/api/v1/offers')).body.items, []);
  assert.equal((await bob.call('POST', '/api/v1/offers', { product_id: '555', price: 1 })).status, 422, 'Bob cannot sell Alice\'s product');
  assert.deepEqual((await bob.call('GET', '/api/v1/tracking/conversions')).body.items, []);
  assert.deepEqual((await bob.call('GET', '/api/v1/deliveries')).body.items, []);
  assert.equal((await bob.call('GET', `/api/v1/deliveries?webhook_id=${ids.webhook}`)).status, 404, 'Alice\'s webhook is not Bob\'s to filter by');
  assert.notEqual((await bob.call('GET', '/api/v1/account')).body.hottok, alice.hottok);
  assert.equal((await bob.call('POST', '/api/v1/webhooks', { name: 'b', url: receiver.url, events: ['PURCHASE_APPROVED'], products: ['555'] })).status, 422, 'Alice\'s product id is unknown to Bob');
  const published = await bob.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: (await bob.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample });
  assert.deepEqual(published.body.deliveries, [], 'Bob\'s events never fan out to Alice\'s webhooks');
});
