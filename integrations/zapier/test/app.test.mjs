// The Zapier app against a LIVE `postback serve` (a real process on 127.0.0.1), driven by zapier-platform-core's app
// tester as Zapier would: authenticate, subscribe, publish a sale, see it reach the (local) target URL in the flat
// shape, perform and performList, find the purchase, resend the delivery, unsubscribe, and see nothing more arrive.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import zapier from 'zapier-platform-core';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import App from '../index.js';
import { eventually, startHttpReceiver, startLivePostback } from '../../../test/helpers/live-postback.ts';
import { triggerEvents } from '../../../src/hooks/triggers.ts';

const appTester = zapier.createAppTester(App);
let postback;
let target;
let sentinel;
let authData;

before(async () => {
  postback = await startLivePostback();
  // stands in for hooks.zapier.com: the URL Zapier gives performSubscribe as bundle.targetUrl
  target = await startHttpReceiver((_req, res) => res.end('{"status":"success"}'));
  // a hand-made webhook on every purchase: when it has a sale, the hook would have had it too
  sentinel = await startHttpReceiver((_req, res) => res.end('ok'));
  const webhook = await postback.call('POST', '/api/v1/webhooks', { name: 'sentinel', url: sentinel.url, events: ['PURCHASE_APPROVED'] });
  assert.equal(webhook.status, 201, webhook.text);
});
after(async () => {
  await target?.[Symbol.asyncDispose]();
  await sentinel?.[Symbol.asyncDispose]();
  await postback?.[Symbol.asyncDispose]();
});

const sale = async (transaction) => {
  const sample = (await postback.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  const data = { ...sample, purchase: { ...sample.purchase, transaction, status: undefined, origin: { sck: 'zap_test', utm_source: 'instagram' } } };
  const answer = await postback.call('POST', '/api/v1/purchases', { data });
  assert.equal(answer.status, 202, answer.text);
  return answer.body;
};
const bodies = (receiver) => receiver.requests.map((request) => JSON.parse(request.body.toString('utf8')));

test('the app definition is valid for Zapier', async () => {
  const handler = zapier.createAppHandler(App);
  const errors = await new Promise((resolve, reject) => handler({ command: 'validate' }, {}, (error, answer) => (error ? reject(error) : resolve(answer.results))));
  assert.deepEqual(errors, []);
});

test('session auth: exchanges URL + Client ID + Client Secret for a token; a 401 asks Zapier to refresh; a wrong secret is a clear error', async () => {
  const given = { url: `${postback.url}/`, client_id: postback.account.client_id, client_secret: postback.account.client_secret };
  const session = await appTester(App.authentication.sessionConfig.perform, { authData: given });
  assert.match(session.access_token, /\S{20,}/);
  authData = { ...given, ...session };
  const account = await appTester(App.authentication.test, { authData });
  assert.equal(account.name, 'Escola de Fotografia', 'the connection label');
  // an expired or revoked token: Zapier runs sessionConfig.perform again and retries when it sees this error
  await assert.rejects(appTester(App.authentication.test, { authData: { ...authData, access_token: 'expired-token' } }), { name: 'RefreshAuthError' });
  await assert.rejects(appTester(App.authentication.sessionConfig.perform, { authData: { ...given, client_secret: 'wrong' } }), /did not accept this Client ID and Client Secret/);
});

test('subscribe the order trigger, get a sale at the target in the flat shape, perform and performList, search, resend, unsubscribe', async () => {
  assert.ok(authData, 'authenticated by the test above');
  const order = App.triggers.order.operation;
  const listed = await appTester(order.performList, { authData, inputData: {} });
  assert.equal(listed[0].id, 'sample-PURCHASE_APPROVED', 'before any sale: the catalogue sample');

  const subscribeData = await appTester(order.performSubscribe, { authData, inputData: {}, targetUrl: `${target.url}/hooks/catch/1/abc` });
  assert.equal(subscribeData.event, 'order');
  assert.equal((await postback.call('GET', `/api/v1/hooks/${subscribeData.id}`)).status, 200);

  const purchase = await sale('HP9911000001');
  await eventually('the sale at the target', () => (target.requests.length === 1 ? true : undefined));
  const [request] = target.requests;
  assert.equal(request.url, '/hooks/catch/1/abc');
  const delivered = new StandardWebhook(subscribeData.secret).verify(request.body.toString('utf8'), request.headers);
  assert.equal(delivered.transaction, 'HP9911000001');
  assert.equal(delivered.status, 'APPROVED');
  assert.equal(delivered.sck, 'zap_test');
  assert.equal(delivered.utm_source, 'instagram');
  assert.deepEqual(Object.keys(delivered).filter((key) => key !== 'data'), order.outputFields.map((field) => field.key), 'every delivered field is labelled, in order');

  const [item] = await appTester(order.perform, { authData, inputData: {}, cleanedRequest: delivered });
  assert.deepEqual(item, delivered);
  const latest = await appTester(order.performList, { authData, inputData: {} });
  assert.deepEqual(latest[0], delivered, 'performList shows the real sale, as delivered');

  const [found] = await appTester(App.searches.purchase.operation.perform, { authData, inputData: { transaction: 'HP9911000001' } });
  assert.equal(found.id, 'HP9911000001');
  assert.equal(found.status, purchase.status);
  assert.equal(found.last_event_id, delivered.id);
  assert.deepEqual(await appTester(App.searches.purchase.operation.perform, { authData, inputData: { transaction: 'HP0000000000' } }), []);

  const deliveries = await appTester(App.triggers.delivery.operation.perform, { authData, inputData: {} });
  const hookDelivery = deliveries.find((delivery) => delivery.webhook_id === subscribeData.id);
  assert.ok(hookDelivery, 'the hook delivery is in the dropdown');
  const resent = await appTester(App.creates.resend_delivery.operation.perform, { authData, inputData: { delivery_id: hookDelivery.id } });
  assert.equal(resent.id, hookDelivery.id);
  await eventually('the resend at the target', () => (target.requests.length === 2 ? true : undefined));
  assert.equal(bodies(target)[1].id, delivered.id, 'the same event id, so Zapier can dedupe');

  await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData });
  assert.equal((await postback.call('GET', `/api/v1/hooks/${subscribeData.id}`)).status, 404);
  // unsubscribing a hook that is already gone is not an error (its target may have answered 410)
  await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData });
  const sentinelBefore = sentinel.requests.length;
  await sale('HP9911000002');
  await eventually('the next sale at the sentinel', () => (sentinel.requests.length > sentinelBefore ? true : undefined));
  assert.equal(target.requests.length, 2, 'nothing more reaches the unsubscribed target');
});

test('the other three triggers subscribe to their own Postback triggers, with a product filter', async () => {
  const product = await postback.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso' });
  assert.equal(product.status, 201, product.text);
  for (const [key, trigger] of [['cart_abandonment', 'cart_abandonment'], ['plan_change', 'plan_change'], ['subscription_cancellation', 'subscription_cancellation']]) {
    const operation = App.triggers[key].operation;
    const hook = await appTester(operation.performSubscribe, { authData, inputData: { products: ['3718245'] }, targetUrl: `${target.url}/${key}` });
    assert.deepEqual([hook.event, hook.products], [trigger, ['3718245']]);
    const [sample] = await appTester(operation.performList, { authData, inputData: {} });
    assert.deepEqual(Object.keys(sample).filter((k) => k !== 'data'), operation.outputFields.map((field) => field.key));
    await appTester(operation.performUnsubscribe, { authData, inputData: {}, subscribeData: hook });
  }
  assert.deepEqual((await postback.call('GET', '/api/v1/hooks')).body.items, []);
});

/** What a rejected operation threw, with the AppError's JSON message read back (z.errors.Error keeps message, code, status). */
const failureOf = async (promise) => {
  const error = await promise.then(() => assert.fail('expected the operation to fail'), (thrown) => thrown);
  let parsed = null;
  try { parsed = JSON.parse(error.message); } catch { /* not an AppError */ }
  return { name: error.name, message: error.message, parsed };
};

test('subscribing twice to the same target URL (Zapier retried a subscribe) gives the same hook, so each sale runs the Zap once', async () => {
  const order = App.triggers.order.operation;
  const targetUrl = `${target.url}/dup`;
  const first = await appTester(order.performSubscribe, { authData, inputData: {}, targetUrl });
  const second = await appTester(order.performSubscribe, { authData, inputData: {}, targetUrl });
  assert.deepEqual([second.id, second.secret], [first.id, first.secret]);
  assert.deepEqual((await postback.call('GET', '/api/v1/hooks')).body.items.map((hook) => hook.id), [first.id]);
  await sale('HP9911000010');
  await eventually('the sale at the target', () => (target.requests.some((request) => request.url === '/dup') ? true : undefined));
  const sentinelBefore = sentinel.requests.length;
  await sale('HP9911000011');
  await eventually('the next sale at the sentinel', () => (sentinel.requests.length > sentinelBefore ? true : undefined));
  await eventually('the next sale at the target', () => (target.requests.filter((request) => request.url === '/dup').length >= 2 ? true : undefined));
  assert.deepEqual(target.requests.filter((request) => request.url === '/dup').map((request) => JSON.parse(request.body.toString('utf8')).transaction), ['HP9911000010', 'HP9911000011'], 'once each');
  await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData: first });
  assert.deepEqual((await postback.call('GET', '/api/v1/hooks')).body.items, []);
});

test('Find Purchase finds a sale that reached Postback through POST /api/v1/events, as the Zap received it', async () => {
  const order = App.triggers.order.operation;
  const hook = await appTester(order.performSubscribe, { authData, inputData: {}, targetUrl: `${target.url}/events` });
  const approved = (await postback.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  approved.purchase.transaction = 'HP9911000020';
  const published = await postback.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: approved });
  assert.equal(published.status, 202, published.text);
  const [found] = await appTester(App.searches.purchase.operation.perform, { authData, inputData: { transaction: ' HP9911000020 ' } });
  assert.ok(found, 'found, not "nothing found"');
  assert.deepEqual([found.id, found.transaction, found.status, found.last_event, found.last_event_id], ['HP9911000020', 'HP9911000020', 'approved', 'PURCHASE_APPROVED', published.body.id]);
  assert.deepEqual([found.buyer_email, found.buyer_name, found.product_id, found.product_name], [approved.buyer.email, approved.buyer.name, String(approved.product.id), approved.product.name]);
  assert.equal(found.data.purchase.transaction, 'HP9911000020', 'the sale\'s data, as the last event carried it');
  const refunded = (await postback.call('GET', '/api/v1/catalog/PURCHASE_REFUNDED')).body.sample;
  refunded.purchase.transaction = 'HP9911000020';
  const refund = await postback.call('POST', '/api/v1/events', { event: 'PURCHASE_REFUNDED', data: refunded });
  const [later] = await appTester(App.searches.purchase.operation.perform, { authData, inputData: { transaction: 'HP9911000020' } });
  assert.deepEqual([later.status, later.last_event, later.last_event_id], ['refunded', 'PURCHASE_REFUNDED', refund.body.id]);
  assert.deepEqual(later.timeline.map((event) => [event.id, event.event]), [[published.body.id, 'PURCHASE_APPROVED'], [refund.body.id, 'PURCHASE_REFUNDED']]);
  assert.deepEqual(Object.keys(later).sort(), Object.keys(App.searches.purchase.operation.sample).sort(), 'the same fields as a purchase Postback manages');
  await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData: hook });
});

test('errors reach the Zap editor as Postback\'s own sentence, not a raw HTTP response; product ids are trimmed', async () => {
  const order = App.triggers.order.operation;
  const unknown = await failureOf(appTester(order.performSubscribe, { authData, inputData: { products: ['9999999'] }, targetUrl: `${target.url}/unknown` }));
  assert.equal(unknown.name, 'AppError', unknown.message);
  assert.deepEqual([unknown.parsed.code, unknown.parsed.status], ['validation_failed', 422]);
  assert.match(unknown.parsed.message, /^Unknown product ids: 9999999\./, 'Postback\'s detail, as it wrote it');
  // pasted with spaces: the id that exists
  const spaced = await appTester(order.performSubscribe, { authData, inputData: { products: [' 3718245 '] }, targetUrl: `${target.url}/spaced` });
  assert.deepEqual(spaced.products, ['3718245']);
  // a resend to a disabled hook: Postback's 409 says what to do
  const gone = await appTester(order.performSubscribe, { authData, inputData: {}, targetUrl: `${target.url}/disabled` });
  await sale('HP9911000030');
  const delivery = await eventually('the delivery to the hook', async () => (await postback.call('GET', `/api/v1/deliveries?webhook_id=${gone.id}`)).body.items[0]);
  assert.equal((await postback.call('PATCH', `/api/v1/webhooks/${gone.id}`, { enabled: false })).status, 200);
  const resend = await failureOf(appTester(App.creates.resend_delivery.operation.perform, { authData, inputData: { delivery_id: delivery.id } }));
  assert.equal(resend.name, 'AppError', resend.message);
  assert.equal(resend.parsed.code, 'webhook_disabled');
  assert.equal(resend.parsed.status, 409);
  assert.match(resend.parsed.message, /disabled/);
  // a 401 still asks Zapier to refresh the session, and a missing hook is still no error for unsubscribe
  await assert.rejects(appTester(App.authentication.test, { authData: { ...authData, access_token: 'expired-token' } }), { name: 'RefreshAuthError' });
  for (const hook of [spaced, gone]) await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData: hook });
  await appTester(order.performUnsubscribe, { authData, inputData: {}, subscribeData: gone });
});

test('a Client ID and Client Secret pasted with spaces around them connect, as the URL does', async () => {
  const padded = { url: ` ${postback.url} `, client_id: ` ${postback.account.client_id} `, client_secret: `${postback.account.client_secret}\n` };
  const session = await appTester(App.authentication.sessionConfig.perform, { authData: padded });
  assert.match(session.access_token, /\S{20,}/);
  // a URL with a path (a dashboard page copied from the address bar) is no token endpoint: say which field to fix
  const withPath = await failureOf(appTester(App.authentication.sessionConfig.perform, { authData: { ...padded, url: `${postback.url}/history` } }));
  assert.equal(withPath.name, 'AppError', withPath.message);
  assert.match(withPath.parsed.message, /check the Postback URL/);
});

test('dropdowns: products from Postback for the trigger\'s filter; deliveries labelled with their configuration\'s name', async () => {
  const field = App.triggers.order.operation.inputFields.find((input) => input.key === 'products');
  assert.equal(field.dynamic, 'product.id.name');
  assert.equal(App.triggers.product.display.hidden, true);
  const products = await appTester(App.triggers.product.operation.perform, { authData, inputData: {} });
  assert.deepEqual(products.map((product) => [product.id, product.name]), [['3718245', 'Curso']]);
  const deliveries = await appTester(App.triggers.delivery.operation.perform, { authData, inputData: {} });
  const toSentinel = deliveries.find((delivery) => delivery.transaction === 'HP9911000002');
  assert.ok(toSentinel, 'the sentinel\'s delivery is listed');
  assert.equal(toSentinel.label, 'sentinel: PURCHASE_APPROVED HP9911000002 (delivered)');
});

test('every catalogue event reaches at least one Zapier trigger', async () => {
  const catalogue = (await postback.call('GET', '/api/v1/catalog')).body.events.map((event) => event.name);
  const covered = new Set();
  for (const [key, trigger] of Object.entries(App.triggers)) {
    if (trigger.operation.type !== 'hook') continue;
    const hook = await appTester(trigger.operation.performSubscribe, { authData, inputData: {}, targetUrl: `${target.url}/cover/${key}` });
    for (const event of triggerEvents(hook.event)) covered.add(event);
    const [sample] = await appTester(trigger.operation.performList, { authData, inputData: {} });
    assert.deepEqual(Object.keys(sample).filter((k) => k !== 'data'), trigger.operation.outputFields.map((field) => field.key), key);
    await appTester(trigger.operation.performUnsubscribe, { authData, inputData: {}, subscribeData: hook });
  }
  assert.deepEqual(catalogue.filter((event) => !covered.has(event)), []);
});
