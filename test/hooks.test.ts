// REST hooks end to end: subscribe (again: the same hook), deliveries in the flat shape (signed, retried, in the
// history under their hook), samples for a tool's set-up, a 410 that deletes the hook (and says so in the log), a
// secret only the subscribing tool may change, and bad input that writes nothing.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import { accessToken, callJson, createAccountCli, exitWithin, freshDataDir, startServe } from './helpers/process.ts';
import type { Platform, Tenant } from './helpers/platform.ts';

async function sampleOf(tenant: Tenant, event: string): Promise<Record<string, any>> {
  return (await tenant.call('GET', `/api/v1/catalog/${event}`)).body.sample;
}

async function publish(tenant: Tenant, event: string, data: unknown): Promise<{ id: string; deliveries: { id: string; webhook_id: string }[] }> {
  const answer = await tenant.call('POST', '/api/v1/events', { event, data });
  assert.equal(answer.status, 202, answer.text);
  return answer.body;
}

/** A developer of the tenant's account, signed in to the dashboard (cookie and CSRF token): its calls. */
async function developerOf(platform: Platform, tenant: Tenant) {
  const invited = await tenant.call('POST', '/api/v1/team/invitations', { email: 'dev@example.com', role: 'developer' });
  assert.equal(invited.status, 201, invited.text);
  const joined = await platform.request('POST', `/api/v1/invitations/${invited.body.invite_path.split('/').at(-1)}/accept`,
    { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'developer password 1' }) });
  assert.equal(joined.status, 201, joined.text);
  const cookie = (joined.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (method: string, path: string, body: unknown) => platform.request(method, path, {
    headers: { cookie, 'x-csrf-token': joined.body.csrf_token, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
}

async function subscribe(tenant: Tenant, targetUrl: string, event: string, extra: Record<string, unknown> = {}) {
  const answer = await tenant.call('POST', '/api/v1/hooks', { target_url: targetUrl, event, ...extra });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { id: string; secret: string; event: string; target_url: string };
}

test('subscribe, read, list and unsubscribe a hook; GET answers 404 once it is gone; /hooks ignores hand-made webhooks', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const created = await subscribe(tenant, 'https://hooks.zapier.example/hooks/standard/1/abc', 'order');
  assert.match(created.secret, /^whsec_/);
  assert.deepEqual({ ...created, id: undefined, secret: undefined, created_at: undefined, updated_at: undefined }, {
    id: undefined, secret: undefined, created_at: undefined, updated_at: undefined,
    event: 'order', target_url: 'https://hooks.zapier.example/hooks/standard/1/abc', products: 'all', name: 'REST hook: order', enabled: true, disabled_reason: null,
  });
  const read = await tenant.call('GET', `/api/v1/hooks/${created.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.secret, undefined, 'the secret is shown only on subscribe');
  // a hook is a webhook in the flat format, subscribed to every purchase event
  const asWebhook = (await tenant.call('GET', `/api/v1/webhooks/${created.id}`)).body;
  assert.equal(asWebhook.version, 'hook');
  assert.ok(asWebhook.events.includes('PURCHASE_APPROVED') && asWebhook.events.includes('PURCHASE_REFUNDED') && !asWebhook.events.includes('SWITCH_PLAN'));
  const byHand = (await tenant.call('POST', '/api/v1/webhooks', { name: 'members', url: 'https://members.example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  assert.deepEqual((await tenant.call('GET', '/api/v1/hooks')).body.items.map((hook: { id: string }) => hook.id), [created.id]);
  assert.equal((await tenant.call('GET', `/api/v1/hooks/${byHand.id}`)).status, 404);
  assert.equal((await tenant.call('DELETE', `/api/v1/hooks/${byHand.id}`)).status, 404);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${byHand.id}`)).status, 200, 'DELETE /hooks never removes a hand-made webhook');
  // the dashboard edits a hook as a webhook: it stays a hook in the flat format
  const renamed = await tenant.call('PATCH', `/api/v1/webhooks/${created.id}`, { name: 'Zapier: vendas', version: 'hook' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual([(await tenant.call('GET', `/api/v1/hooks/${created.id}`)).body.name, renamed.body.version], ['Zapier: vendas', 'hook']);
  assert.equal((await tenant.call('DELETE', `/api/v1/hooks/${created.id}`)).status, 204);
  assert.equal((await tenant.call('GET', `/api/v1/hooks/${created.id}`)).status, 404);
  assert.equal((await tenant.call('DELETE', `/api/v1/hooks/${created.id}`)).status, 404);
  assert.deepEqual((await tenant.call('GET', '/api/v1/hooks')).body.items, []);
});

test('bad hook input is a 422 naming the field, and nothing is written', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const target = 'https://hooks.example.com/h';
  const cases: [unknown, string][] = [
    [{ target_url: target, event: 'sale' }, 'body.event'],
    [{ target_url: target }, 'body.event'],
    [{ target_url: 'ftp://example.com/h', event: 'order' }, 'body.target_url'],
    [{ target_url: 'http://10.0.0.8/h', event: 'order' }, 'body.target_url'],
    [{ event: 'order' }, 'body.target_url'],
    [{ target_url: target, event: 'order', products: ['404404'] }, 'body.products'],
    [{ target_url: target, event: 'order', url: target }, 'body'],
  ];
  for (const [body, path] of cases) {
    const answer = await tenant.call('POST', '/api/v1/hooks', body);
    assert.equal(answer.status, 422, JSON.stringify(body));
    assert.ok(answer.body.errors.some((error: { path: string }) => error.path === path), `${path} in ${JSON.stringify(answer.body.errors)}`);
  }
  assert.equal((await tenant.call('GET', '/api/v1/hooks/samples/sale')).status, 422);
  assert.equal((await tenant.call('GET', '/api/v1/hooks/samples/order?limit=11')).status, 422);
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);
});

test('a purchase reaches an order hook as signed flat JSON, listed in the history under the hook; samples show the same item', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  // before any sale, the samples are the catalogue's, with a fixed id
  const before = (await tenant.call('GET', '/api/v1/hooks/samples/order')).body.items;
  assert.equal(before.length, 1);
  assert.equal(before[0].id, 'sample-PURCHASE_APPROVED');
  assert.equal(before[0].test, true);
  const hook = await subscribe(tenant, `${receiver.url}/zap`, 'order');
  const sale = await sampleOf(tenant, 'PURCHASE_APPROVED');
  sale.purchase.transaction = 'HP0000000001';
  sale.purchase.origin = { sck: 'fb_ad_7', src: 'facebook', utm_source: 'facebook', utm_campaign: 'lancamento' };
  const published = await publish(tenant, 'PURCHASE_APPROVED', sale);
  const [request] = await eventually('the hook delivery', () => (receiver.requests.length === 1 ? receiver.requests : undefined));
  assert.equal(request!.headers['content-type'], 'application/json');
  const body = new StandardWebhook(hook.secret).verify(request!.body.toString('utf8'), request!.headers as Record<string, string>) as Record<string, unknown>;
  assert.deepEqual({ ...body, creation_date: undefined, data: undefined }, {
    id: published.id, event: 'PURCHASE_APPROVED', creation_date: undefined, test: false, status: 'APPROVED', transaction: 'HP0000000001',
    product_id: String(sale.product.id), product_name: sale.product.name, offer_code: sale.purchase.offer.code,
    buyer_email: sale.buyer.email, buyer_name: sale.buyer.name, buyer_phone: `${sale.buyer.checkout_phone_code}${sale.buyer.checkout_phone}`,
    price: 497, currency: 'BRL', payment_type: 'CREDIT_CARD', installments: 12,
    order_date: new Date(sale.purchase.order_date).toISOString(), approved_date: new Date(sale.purchase.approved_date).toISOString(),
    sck: 'fb_ad_7', src: 'facebook', xcod: null, utm_source: 'facebook', utm_medium: null, utm_campaign: 'lancamento', utm_term: null, utm_content: null,
    affiliate_code: sale.affiliates[0].affiliate_code, affiliate_name: sale.affiliates[0].name,
    subscriber_code: sale.subscription.subscriber.code, subscription_status: sale.subscription.status, plan_name: sale.subscription.plan.name,
    next_charge_date: new Date(sale.purchase.date_next_charge).toISOString(), data: undefined,
  });
  assert.deepEqual(body.data, sale, 'the full Hotmart data rides under data');
  // listed in the history under the hook, delivered
  const history = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${hook.id}`)).body.items;
  assert.deepEqual(history.map((d: { event_id: string; version: string }) => [d.event_id, d.version]), [[published.id, 'hook']]);
  await eventually('delivered in the history', async () => ((await tenant.call('GET', `/api/v1/deliveries/${history[0].id}`)).body.status === 'delivered' ? true : undefined));
  // a second sale: samples list both, newest first, each as it was delivered
  const refund = await sampleOf(tenant, 'PURCHASE_REFUNDED');
  const second = await publish(tenant, 'PURCHASE_REFUNDED', refund);
  await eventually('the second delivery', () => (receiver.requests.length === 2 ? true : undefined));
  const samples = (await tenant.call('GET', '/api/v1/hooks/samples/order')).body.items;
  assert.deepEqual(samples.map((item: { id: string }) => item.id), [second.id, published.id]);
  assert.deepEqual(samples[1], body);
  assert.equal(samples[0].status, 'REFUNDED');
  assert.deepEqual((await tenant.call('GET', '/api/v1/hooks/samples/order?limit=1')).body.items.map((item: { id: string }) => item.id), [second.id]);
  // test sends are no real items
  await tenant.call('POST', `/api/v1/webhooks/${hook.id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal((await tenant.call('GET', '/api/v1/hooks/samples/order')).body.items.length, 2);
});

test('each trigger fires on its own events only: cart abandonment, plan change, subscription cancellation, an event by name', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  const triggers = { cart_abandonment: 'PURCHASE_OUT_OF_SHOPPING_CART', plan_change: 'SWITCH_PLAN', subscription_cancellation: 'SUBSCRIPTION_CANCELLATION', CLUB_FIRST_ACCESS: 'CLUB_FIRST_ACCESS' };
  for (const trigger of Object.keys(triggers)) await subscribe(tenant, `${receiver.url}/${trigger}`, trigger);
  for (const event of Object.values(triggers)) await publish(tenant, event, await sampleOf(tenant, event));
  await publish(tenant, 'PURCHASE_APPROVED', await sampleOf(tenant, 'PURCHASE_APPROVED'));
  await eventually('one delivery per trigger', () => (receiver.requests.length === 4 ? true : undefined));
  const got = Object.fromEntries(receiver.requests.map((request) => [request.url.slice(1), JSON.parse(request.body.toString('utf8'))]));
  for (const [trigger, event] of Object.entries(triggers)) assert.equal(got[trigger]?.event, event, trigger);
  assert.equal(got.cart_abandonment.buyer_email, (await sampleOf(tenant, 'PURCHASE_OUT_OF_SHOPPING_CART')).buyer.email);
  assert.equal(got.plan_change.plan_name, 'Plano Anual', 'the plan switched to');
  assert.equal(got.plan_change.subscriber_code, 'R7PX3K2M');
  assert.equal(got.subscription_cancellation.status, 'CANCELED');
  assert.equal(got.subscription_cancellation.price, 59.9);
  for (const [trigger, event] of Object.entries(triggers)) {
    const items = (await tenant.call('GET', `/api/v1/hooks/samples/${trigger}`)).body.items;
    assert.deepEqual(items, [got[trigger]], `samples of ${trigger} are its ${event}`);
  }
  // the same keys in every item, whatever the event
  const keys = new Set(Object.values(got).map((item) => Object.keys(item).join(',')));
  assert.equal(keys.size, 1);
});

test('a hook is retried like every delivery, and a 410 from its target deletes it at once (a hand-made webhook is only disabled)', async () => {
  await using platform = await startPlatform();
  let answers = [500, 200];
  await using flaky = await startHttpReceiver((_req, res) => { res.statusCode = answers.shift() ?? 200; res.end(); });
  await using gone = await startHttpReceiver((_req, res) => { res.statusCode = 410; res.end(); });
  const tenant = await platform.tenant();
  const retried = await subscribe(tenant, flaky.url, 'PURCHASE_APPROVED');
  const unsubscribed = await subscribe(tenant, gone.url, 'order');
  const byHand = (await tenant.call('POST', '/api/v1/webhooks', { name: 'members', url: gone.url, events: ['PURCHASE_APPROVED'] })).body;
  const published = await publish(tenant, 'PURCHASE_APPROVED', await sampleOf(tenant, 'PURCHASE_APPROVED'));
  const retriedDelivery = published.deliveries.find((d) => d.webhook_id === retried.id)!;
  const detail = await eventually('delivered on the second attempt', async () => {
    const read = (await tenant.call('GET', `/api/v1/deliveries/${retriedDelivery.id}`)).body;
    return read.status === 'delivered' ? read : undefined;
  });
  assert.deepEqual(detail.attempt_history.map((a: { status_code: number }) => a.status_code), [500, 200]);
  assert.deepEqual(flaky.requests.map((r) => r.headers['webhook-id']), [published.id, published.id], 'the same event id on every attempt');
  assert.equal(flaky.requests[0]!.body.toString(), flaky.requests[1]!.body.toString(), 'the same bytes on every attempt');
  await eventually('the hook deleted by its 410', async () => ((await tenant.call('GET', `/api/v1/hooks/${unsubscribed.id}`)).status === 404 ? true : undefined));
  assert.equal(gone.requests.filter((r) => r.headers['content-type'] === 'application/json' && JSON.parse(r.body.toString()).event === 'PURCHASE_APPROVED').length, 2, 'one attempt each, never retried');
  const webhook = await eventually('the hand-made webhook disabled', async () => {
    const read = (await tenant.call('GET', `/api/v1/webhooks/${byHand.id}`)).body;
    return read.enabled === false ? read : undefined;
  });
  assert.equal(webhook.disabled_reason, 'the receiver answered 410 Gone');
  // nothing more reaches the deleted hook's target
  await publish(tenant, 'PURCHASE_APPROVED', await sampleOf(tenant, 'PURCHASE_APPROVED'));
  await eventually('the next sale delivered to the live hook', () => (flaky.requests.length === 3 ? true : undefined));
  assert.equal(gone.requests.length, 2);
});

test('a 410 from the URL a hook had when its attempt went out does not delete it once its owner moved it: the retry goes to the new URL', async () => {
  await using platform = await startPlatform();
  let answerOld: () => void = () => {};
  const oldAnswered = new Promise<void>((resolve) => { answerOld = resolve; });
  // the old target holds the attempt until the URL has moved, then answers 410
  await using old = await startHttpReceiver((_req, res) => { void oldAnswered.then(() => { res.statusCode = 410; res.end(); }); });
  await using moved = await startHttpReceiver((_req, res) => { res.statusCode = 200; res.end(); });
  const tenant = await platform.tenant();
  const created = await subscribe(tenant, old.url, 'order');
  const published = await publish(tenant, 'PURCHASE_APPROVED', await sampleOf(tenant, 'PURCHASE_APPROVED'));
  await eventually('the attempt at the old URL', () => (old.requests.length === 1 ? true : undefined));
  const patched = await tenant.call('PATCH', `/api/v1/webhooks/${created.id}`, { url: moved.url });
  assert.equal(patched.status, 200, patched.text);
  answerOld();
  const detail = await eventually('delivered to the new URL', async () => {
    const read = (await tenant.call('GET', `/api/v1/deliveries/${published.deliveries[0]!.id}`)).body;
    return read.status === 'delivered' ? read : undefined;
  });
  assert.deepEqual(detail.attempt_history.map((a: { status_code: number }) => a.status_code), [410, 200]);
  const hook = await tenant.call('GET', `/api/v1/hooks/${created.id}`);
  assert.equal(hook.status, 200, 'the hook is still subscribed');
  assert.deepEqual([hook.body.enabled, hook.body.target_url], [true, moved.url]);
});

test('subscribing the same target, trigger and products again answers 200 with the existing hook and its secret, not a second hook (409 below owner)', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  for (const id of ['1000001', '1000002']) assert.equal((await tenant.call('POST', '/api/v1/products', { id, name: `Curso ${id}` })).status, 201);
  const target = `${receiver.url}/hooks/catch/1/abc`;
  const first = await subscribe(tenant, target, 'order');
  // what Zapier does when a subscribe timed out after Postback had made the hook: it subscribes again
  const again = await tenant.call('POST', '/api/v1/hooks', { target_url: target, event: 'order', products: 'all', name: 'Zapier: retried' });
  assert.equal(again.status, 200, again.text);
  assert.deepEqual([again.body.id, again.body.secret, again.body.name], [first.id, first.secret, 'REST hook: order'], 'the same hook, its secret to verify with, unchanged');
  // the product scope is compared as a set; another scope, trigger or URL is another subscription
  const scoped = await subscribe(tenant, target, 'order', { products: ['1000002', '1000001'] });
  const scopedAgain = await tenant.call('POST', '/api/v1/hooks', { target_url: target, event: 'order', products: ['1000001', '1000002'] });
  assert.deepEqual([scopedAgain.status, scopedAgain.body.id], [200, scoped.id]);
  const cart = await subscribe(tenant, target, 'cart_abandonment');
  const elsewhere = await subscribe(tenant, `${target}/2`, 'order');
  assert.equal(new Set([first.id, scoped.id, cart.id, elsewhere.id]).size, 4);
  // a sale reaches each subscription once
  await publish(tenant, 'PURCHASE_APPROVED', await sampleOf(tenant, 'PURCHASE_APPROVED'));
  await eventually('the sale at both order hooks with all products', () => (receiver.requests.length >= 2 ? true : undefined));
  const deliveries = (await tenant.call('GET', '/api/v1/deliveries')).body.items;
  assert.deepEqual(deliveries.map((d: { webhook_id: string }) => d.webhook_id).sort(), [first.id, elsewhere.id].sort(), 'one delivery per hook (the sample\'s product is in no scope)');
  // the secret is shown again only to owners (API clients act as owners): a developer's session gets a 409
  const developer = await developerOf(platform, tenant);
  const asDeveloper = await developer('POST', '/api/v1/hooks', { target_url: target, event: 'order' });
  assert.equal(asDeveloper.status, 409, asDeveloper.text);
  assert.equal(asDeveloper.body.secret, undefined);
  assert.match(asDeveloper.body.detail, new RegExp(`${first.id}.*only to owners`));
  // a disabled hook receives nothing: subscribing again makes a new one rather than handing the tool a dead hook
  assert.equal((await tenant.call('PATCH', `/api/v1/webhooks/${first.id}`, { enabled: false })).status, 200);
  const fresh = await subscribe(tenant, target, 'order');
  assert.notEqual(fresh.id, first.id);
  assert.equal((await tenant.call('GET', '/api/v1/hooks')).body.items.length, 5);
});

test('a hook\'s signing secret cannot be rotated (409: the tool that subscribed it owns it); a hand-made webhook\'s can', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const hook = await subscribe(tenant, 'https://n8n.example.com/webhook/1/webhook', 'order');
  const refused = await tenant.call('POST', `/api/v1/webhooks/${hook.id}/rotate-secret`, { overlap_hours: 0 });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(refused.body.code, 'conflict');
  assert.match(refused.body.detail, /REST hook/);
  assert.match(refused.body.detail, /unsubscribe.*subscribe again/i);
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${hook.id}/reveal-secret`)).body.secret, hook.secret, 'the secret the tool verifies with is unchanged');
  const byHand = (await tenant.call('POST', '/api/v1/webhooks', { name: 'members', url: 'https://members.example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${byHand.id}/rotate-secret`, { overlap_hours: 0 })).status, 200);
  assert.equal((await tenant.call('POST', '/api/v1/webhooks/00000000-0000-7000-8000-000000000000/rotate-secret')).status, 404);
});

test('a 410 that deletes a hook is logged as an unsubscribe, not as a webhook disabled automatically', { timeout: 60_000 }, async () => {
  const dataDir = await freshDataDir('postback-hook-log-');
  await using gone = await startHttpReceiver((_req, res) => { res.statusCode = 410; res.end(); });
  const account = await createAccountCli(dataDir);
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, LOG_LEVEL: 'info', POSTBACK_RETRY_JITTER: '0', POSTBACK_POLL_INTERVAL: '200ms' });
  try {
    const auth = { authorization: `Bearer ${await accessToken(server.url, account.basic)}` };
    const hook = await callJson('POST', `${server.url}/api/v1/hooks`, { headers: auth, body: { target_url: gone.url, event: 'order' } });
    assert.equal(hook.status, 201, hook.text);
    const sale = (await callJson('GET', `${server.url}/api/v1/catalog/PURCHASE_APPROVED`, { headers: auth })).body.sample;
    assert.equal((await callJson('POST', `${server.url}/api/v1/events`, { headers: auth, body: { event: 'PURCHASE_APPROVED', data: sale } })).status, 202);
    await eventually('the hook deleted by its 410', async () => ((await callJson('GET', `${server.url}/api/v1/hooks/${hook.body.id}`, { headers: auth })).status === 404 ? true : undefined));
    const logged = () => server.output().stdout.split('\n').filter((line) => line.includes(hook.body.id)).map((line) => JSON.parse(line) as { level: number; msg: string });
    const line = await eventually('the log line about the hook', () => logged().find((entry) => /unsubscribed/.test(entry.msg)));
    assert.match(line.msg, /REST hook unsubscribed.*410 Gone.*deleted/);
    assert.equal(line.level, 30, 'info: a tool unsubscribing is no failure');
    assert.deepEqual(logged().filter((entry) => entry.msg.includes('disabled automatically')), []);
  } finally {
    server.kill('SIGTERM');
    await exitWithin(server, 15_000).catch(() => server.kill('SIGKILL'));
    await rm(dataDir, { recursive: true, force: true });
  }
});
