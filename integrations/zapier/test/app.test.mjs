// The Zapier app against a LIVE `postback serve` (a real process on 127.0.0.1), driven by zapier-platform-core's app
// tester as Zapier would: authenticate, subscribe, publish a sale, see it reach the (local) target URL in the flat
// shape, perform and performList, find the purchase, resend the delivery, unsubscribe, and see nothing more arrive.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import zapier from 'zapier-platform-core';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import App from '../index.js';
import { eventually, startHttpReceiver, startLivePostback } from '../../../test/helpers/live-postback.ts';

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
