// Conversion postbacks end to end: webhooks of version "postback" configured through the API, sales moved through
// the purchase lifecycle API, a fake ad network on 127.0.0.1 that records what arrives, and the history.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { sampleData } from '../src/catalog/index.ts';
import { asWebhookId } from '../src/domain/ids.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { ReceivedRequest } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { ApiAnswer, Tenant } from './helpers/platform.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';

after(stopTestPostgres);

/** A sale as a checkout reports it, carrying `origin`. */
function sale(origin: Record<string, string>) {
  const data = structuredClone(sampleData('PURCHASE_APPROVED')) as { purchase: Record<string, unknown> };
  delete data.purchase.status;
  delete data.purchase.approved_date;
  delete data.purchase.transaction;
  data.purchase.origin = origin;
  return data;
}

async function buy(tenant: Tenant, origin: Record<string, string>, status = 'approved'): Promise<string> {
  const created = await tenant.call('POST', '/api/v1/purchases', { status, data: sale(origin) });
  assert.equal(created.status, 202, created.text);
  return created.body.transaction as string;
}

const query = (request: ReceivedRequest) => Object.fromEntries(new URL(request.url, 'http://network').searchParams);

test('MGID postbacks: one GET per goal with the click id unchanged, signed, without the hottok; no click id: skipped with the reason', async () => {
  await using platform = await startPlatform();
  await using mgid = await startHttpReceiver((_request, response) => response.end('ok'));
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'MGID', version: 'postback',
    postback: { preset: 'mgid', base_url: `${mgid.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase', PURCHASE_COMPLETE: 'complete', PURCHASE_REFUNDED: { goal: 'refund', negative_value: true } } },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.url, `${mgid.url}/postback?c={click_id}&e={goal}&r={price}`);
  assert.deepEqual(created.body.events, ['PURCHASE_APPROVED', 'PURCHASE_COMPLETE', 'PURCHASE_REFUNDED']);
  assert.equal(created.body.postback.click_id_required, true);

  const transaction = await buy(tenant, { sck: 'MGID_ClickId_AbC', utm_source: 'mgid' });
  for (const status of ['completed']) assert.equal((await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status })).status, 202);
  const refunded = await buy(tenant, { sck: 'MGID_Other_xYz' });
  assert.equal((await tenant.call('POST', `/api/v1/purchases/${refunded}/status`, { status: 'refunded' })).status, 202);
  const clickless = await buy(tenant, { utm_source: 'newsletter' });

  await eventually('four postbacks', () => (mgid.requests.length === 4 ? true : undefined));
  const sent = mgid.requests.map(query).sort((a, b) => `${a.c}${a.e}`.localeCompare(`${b.c}${b.e}`));
  assert.deepEqual(sent, [
    { c: 'MGID_ClickId_AbC', e: 'complete', r: '497.00' },
    { c: 'MGID_ClickId_AbC', e: 'purchase', r: '497.00' },
    { c: 'MGID_Other_xYz', e: 'purchase', r: '497.00' },
    { c: 'MGID_Other_xYz', e: 'refund', r: '-497.00' },
  ]);
  const verifier = new StandardWebhook(created.body.secret);
  for (const request of mgid.requests) {
    assert.equal(request.method, 'GET');
    assert.equal(request.body.length, 0);
    assert.equal(request.headers['x-hotmart-hottok'], undefined, 'the hottok never goes to an ad network');
    assert.equal(request.headers['content-type'], undefined);
    assert.doesNotThrow(() => verifier.verify('', request.headers as Record<string, string>), 'Standard Webhooks headers, as on every delivery');
  }

  // the network has answered; each answer is recorded just after
  const history = await eventually('four delivered and one skipped in the history', async () => {
    const answer = await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`);
    const statuses = answer.body.items.map((item: { status: string }) => item.status).sort().join();
    return statuses === 'delivered,delivered,delivered,delivered,skipped' ? answer : undefined;
  });
  const skipped = history.body.items.find((item: { transaction: string }) => item.transaction === clickless);
  assert.deepEqual([skipped.status, skipped.last_error, skipped.attempts], ['skipped', 'no_click_id', 0]);
  const resend = await tenant.call('POST', `/api/v1/deliveries/${skipped.id}/resend`);
  assert.equal(resend.status, 409);
  assert.match(resend.body.detail, /no click id/);
  const delivered = history.body.items.find((item: { transaction: string; event: string }) => item.transaction === transaction && item.event === 'PURCHASE_APPROVED');
  const detail = await tenant.call('GET', `/api/v1/deliveries/${delivered.id}`);
  assert.equal(detail.body.request.method, 'GET');
  assert.equal(detail.body.request.url, `${mgid.url}/postback?c=MGID_ClickId_AbC&e=purchase&r=497.00`);
  assert.deepEqual(detail.body.payload, { c: 'MGID_ClickId_AbC', e: 'purchase', r: '497.00' });
  assert.equal(detail.body.attempt_history[0].status_code, 200);
  assert.equal(mgid.requests.length, 4, 'the skipped sale posted nothing');

  // a test follows the same rule: without a click id it is skipped, not sent with an empty c=, so it cannot say a
  // set-up works that real sales would never reach
  const withoutClick = sale({ utm_source: 'newsletter' });
  const test = await tenant.call('POST', `/api/v1/webhooks/${created.body.id}/test`, { event: 'PURCHASE_APPROVED', data: { ...withoutClick, purchase: { ...withoutClick.purchase, status: 'APPROVED', approved_date: 1_741_616_685_000, transaction: 'HP0000000000999' } } });
  assert.equal(test.status, 202, test.text);
  assert.deepEqual([test.body.delivery.status, test.body.delivery.last_error, test.body.delivery.test], ['skipped', 'no_click_id', true]);
  const withClick = await tenant.call('POST', `/api/v1/webhooks/${created.body.id}/test`, { event: 'PURCHASE_APPROVED' });
  await eventually('the sample\'s test, with its click id, sent', () => (mgid.requests.length === 5 ? true : undefined));
  assert.equal(withClick.body.delivery.status, 'pending');
});

test('a network that fails is retried and each attempt recorded, as any delivery', async () => {
  await using platform = await startPlatform();
  let calls = 0;
  await using network = await startHttpReceiver((_request, response) => { calls += 1; response.statusCode = calls === 1 ? 503 : 200; response.end(); });
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Voluum', version: 'postback', postback: { preset: 'voluum', base_url: `${network.url}/postback`, goals: { PURCHASE_APPROVED: 'sale' } },
  });
  assert.equal(created.status, 201, created.text);
  const transaction = await buy(tenant, { click_id: 'vlm-123' });
  const done = await eventually('delivered after a retry', async () => {
    const items = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items;
    return items[0]?.status === 'delivered' ? items[0] : undefined;
  });
  assert.equal(done.attempts, 2);
  assert.deepEqual(network.requests.map(query), [1, 2].map(() => ({ cid: 'vlm-123', payout: '497.00', txid: transaction, et: 'sale' })), 'the same request each time');
  assert.equal(new Set(network.requests.map((request) => request.headers['webhook-id'])).size, 1, 'one event id on every attempt');
});

test('Meta Conversions API through the API: a JSON POST, hashed user data, and the token masked in answers and history', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const token = 'EAABsbCS1iHgBAZCZD-token-9876';
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Meta', version: 'postback',
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: token, goals: { PURCHASE_APPROVED: 'Purchase' } },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.url, `${graph.url}/v21.0/1234567890/events`);
  assert.deepEqual(created.body.postback.secrets, { access_token: '********9876' });
  assert.ok(!JSON.stringify((await tenant.call('GET', `/api/v1/webhooks/${created.body.id}`)).body).includes(token));
  await buy(tenant, { fbclid: 'IwAR2xYz_AbC' });
  await eventually('one event at the graph', () => (graph.requests.length === 1 ? true : undefined));
  const [request] = graph.requests;
  assert.equal(request!.method, 'POST');
  assert.equal(request!.url, '/v21.0/1234567890/events');
  const body = JSON.parse(request!.body.toString('utf8'));
  assert.equal(body.access_token, token);
  assert.equal(body.data[0].user_data.em[0], createHash('sha256').update('ana.carolina.souza@example.com').digest('hex'));
  assert.match(body.data[0].user_data.fbc, /^fb\.1\.\d+\.IwAR2xYz_AbC$/);
  const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items;
  const detail = await eventually('delivered', async () => {
    const answer = await tenant.call('GET', `/api/v1/deliveries/${item.id}`);
    return answer.body.status === 'delivered' ? answer.body : undefined;
  });
  assert.ok(!JSON.stringify(detail).includes(token), 'the history masks the token');
  assert.equal(detail.payload.access_token, '********9876');
});

/** A Meta webhook posting to `graph` (a local fake Graph API), its approval as Purchase. */
async function metaAt(tenant: Tenant, graphUrl: string, settings: Record<string, unknown> = {}): Promise<string> {
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Meta', version: 'postback',
    postback: { preset: 'meta', base_url: `${graphUrl}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: 'EAAB-stored-token-7788', goals: { PURCHASE_APPROVED: 'Purchase' }, ...settings },
  });
  assert.equal(created.status, 201, created.text);
  return created.body.id as string;
}

test('a Meta test is refused until the webhook has its Test Events code, then carries it (and so does its resend); a sale never does', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const id = await metaAt(tenant, graph.url);
  const refused = await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(refused.status, 422, refused.text);
  assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.match(refused.body.detail, /Test Events code/);
  assert.deepEqual(refused.body.errors.map((error: { path: string }) => error.path), ['body.postback.test_event_code']);
  assert.deepEqual((await tenant.call('GET', `/api/v1/deliveries?webhook_id=${id}`)).body.items, [], 'nothing recorded');

  const changed = await tenant.call('PATCH', `/api/v1/webhooks/${id}`, {
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', test_event_code: 'TEST4821', goals: { PURCHASE_APPROVED: 'Purchase' } },
  });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.postback.test_event_code, 'TEST4821');
  const sent = await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(sent.status, 202, sent.text);
  await eventually('the test at the graph', () => (graph.requests.length === 1 ? true : undefined));
  const test = JSON.parse(graph.requests[0]!.body.toString('utf8'));
  assert.equal(test.test_event_code, 'TEST4821');
  assert.equal(test.access_token, 'EAAB-stored-token-7788', 'same host: the stored token is kept');
  assert.equal(graph.requests[0]!.headers['x-postback-test'], '1');
  await eventually('the test delivered', async () => ((await tenant.call('GET', `/api/v1/deliveries/${sent.body.delivery.id}`)).body.status === 'delivered' ? true : undefined));
  const resent = await tenant.call('POST', `/api/v1/deliveries/${sent.body.delivery.id}/resend`);
  assert.equal(resent.status, 202, resent.text);
  await eventually('the resend at the graph', () => (graph.requests.length === 2 ? true : undefined));
  assert.equal(JSON.parse(graph.requests[1]!.body.toString('utf8')).test_event_code, 'TEST4821');

  await buy(tenant, { fbclid: 'IwAR2xYz_AbC' });
  await eventually('the sale at the graph', () => (graph.requests.length === 3 ? true : undefined));
  const real = JSON.parse(graph.requests[2]!.body.toString('utf8'));
  assert.equal(real.test_event_code, undefined, 'a real sale is never sent as a test');
  assert.equal(graph.requests[2]!.headers['x-postback-test'], undefined);
});

test('PUT test-event-code sets and removes a Meta postback\'s code alone, keeping its token; other webhooks have none', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const id = await metaAt(tenant, graph.url, { goals: { PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: 'Refund' } });
  const before = (await tenant.call('GET', `/api/v1/webhooks/${id}`)).body;
  const set = await tenant.call('PUT', `/api/v1/webhooks/${id}/test-event-code`, { test_event_code: ' TEST4821 ' });
  assert.equal(set.status, 200, set.text);
  assert.equal(set.body.postback.test_event_code, 'TEST4821');
  const { test_event_code: _code, ...kept } = set.body.postback;
  assert.deepEqual([kept, set.body.url, set.body.events], [before.postback, before.url, before.events], 'nothing else changed');
  const sent = await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(sent.status, 202, sent.text);
  await eventually('the test at the graph', () => (graph.requests.length === 1 ? true : undefined));
  const test = JSON.parse(graph.requests[0]!.body.toString('utf8'));
  assert.deepEqual([test.test_event_code, test.access_token], ['TEST4821', 'EAAB-stored-token-7788'], 'the code, and the stored token kept');

  for (const bad of [{ test_event_code: 'TEST 12' }, { test_event_code: '' }, {}, { test_event_code: 'T1', extra: 1 }]) {
    const refused = await tenant.call('PUT', `/api/v1/webhooks/${id}/test-event-code`, bad);
    assert.equal(refused.status, 422, `${JSON.stringify(bad)}: ${refused.text}`);
    assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
  }
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${id}`)).body.postback.test_event_code, 'TEST4821', 'a refused change changes nothing');

  const removed = await tenant.call('PUT', `/api/v1/webhooks/${id}/test-event-code`, { test_event_code: null });
  assert.equal(removed.status, 200, removed.text);
  assert.deepEqual(removed.body.postback, before.postback);
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event: 'PURCHASE_APPROVED' })).status, 422, 'tests are refused again');

  const mgid = await mgidAt(tenant, graph.url);
  const hotmart = await tenant.call('POST', '/api/v1/webhooks', { name: 'Members', url: `${graph.url}/hotmart`, events: ['PURCHASE_APPROVED'] });
  assert.equal(hotmart.status, 201, hotmart.text);
  for (const other of [mgid, hotmart.body.id]) {
    const refused = await tenant.call('PUT', `/api/v1/webhooks/${other}/test-event-code`, { test_event_code: 'TEST4821' });
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(refused.body.errors.map((error: { path: string }) => error.path), ['body.test_event_code']);
  }
  const stranger = await platform.tenant();
  assert.equal((await stranger.call('PUT', `/api/v1/webhooks/${id}/test-event-code`, { test_event_code: 'TEST1' })).status, 404, 'another account\'s webhook does not exist');
});

/** A Graph API error as Meta answers it: `{"error": {...}}`. */
const graphError = (error: Record<string, unknown>) => JSON.stringify({ error: { fbtrace_id: 'AQ3kYvTz9fX', ...error } });

test('Meta refusing the access token fails the delivery at once with Meta\'s words; a transient error is retried; a Hotmart receiver\'s 400 is retried as ever', async () => {
  await using platform = await startPlatform();
  // the graph refuses the first sale's token for good, calls the second's error transient once, then takes it
  const answers = [
    { status: 400, body: graphError({ message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 }) },
    { status: 400, body: graphError({ message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true }) },
    { status: 200, body: '{"events_received":1}' },
  ];
  await using graph = await startHttpReceiver((_request, response) => {
    const answer = answers[Math.min(graph.requests.length, answers.length) - 1]!;
    response.statusCode = answer.status;
    response.setHeader('content-type', 'application/json');
    response.end(answer.body);
  });
  await using members = await startHttpReceiver((_request, response) => { response.statusCode = 400; response.setHeader('content-type', 'application/json'); response.end(answers[0]!.body); });
  const tenant = await platform.tenant();
  const webhookId = await metaAt(tenant, graph.url);
  const hotmart = await tenant.call('POST', '/api/v1/webhooks', { name: 'Members', url: `${members.url}/hotmart`, events: ['PURCHASE_APPROVED'], max_attempts: 2 });
  assert.equal(hotmart.status, 201, hotmart.text);
  await buy(tenant, { fbclid: 'IwAR_refused' });
  const refused = await eventually('the refused conversion settled', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}`)).body.items;
    return item && item.status !== 'pending' ? item : undefined;
  });
  assert.deepEqual([refused.status, refused.attempts, refused.last_status_code, refused.last_error], ['failed', 1, 400, 'network_refused'], 'no retry burns the other four attempts');
  assert.equal(graph.requests.length, 1);
  const [attempt] = (await tenant.call('GET', `/api/v1/deliveries/${refused.id}`)).body.attempt_history;
  assert.deepEqual([attempt.status_code, attempt.error, attempt.error_detail], [400, 'network_refused', 'Meta answered 400, OAuthException code 190: Invalid OAuth access token - Cannot parse access token']);
  assert.equal((await platform.store.getWebhook(tenant.account_id, asWebhookId(webhookId)))?.failureStreak, 1, 'a refused token is the webhook\'s failure');

  await buy(tenant, { fbclid: 'IwAR_transient' });
  const retried = await eventually('the transient error retried and delivered', async () => {
    const items = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}`)).body.items as { status: string; attempts: number }[];
    return items.length === 2 && items[0]!.status === 'delivered' ? items[0] : undefined;
  });
  assert.equal(retried!.attempts, 2);
  // only a Meta conversion reads Graph API errors: a Hotmart-format receiver's 400 is retried until its attempts are spent
  const members400 = await eventually('the Hotmart delivery failed', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${hotmart.body.id}&status=failed`)).body.items;
    return item;
  });
  assert.deepEqual([members400.attempts, members400.last_status_code, members400.last_error], [2, 400, null]);
});

test('a Meta conversion whose sale is older than Meta\'s 7 days is not sent, nor recovered, and its resend is refused saying why', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const webhookId = await metaAt(tenant, graph.url);
  const sample = structuredClone(sampleData('PURCHASE_APPROVED')) as { purchase: Record<string, unknown> };
  sample.purchase.origin = { fbclid: 'IwAR_old' };
  const eightDaysAgo = Date.now() - 8 * 86_400_000;
  const published = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sample, creation_date: eightDaysAgo });
  assert.equal(published.status, 202, published.text);
  const old = await eventually('the old conversion settled', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}`)).body.items;
    return item && item.status !== 'pending' ? item : undefined;
  });
  assert.deepEqual([old.status, old.last_error, old.attempts], ['failed', 'event_too_old', 1]);
  const [notSent] = (await tenant.call('GET', `/api/v1/deliveries/${old.id}`)).body.attempt_history;
  assert.deepEqual([notSent.error, notSent.status_code, notSent.url], ['event_too_old', null, null], 'an attempt that went nowhere');
  assert.equal(graph.requests.length, 0, 'Meta was sent nothing it would refuse');
  assert.equal((await platform.store.getWebhook(tenant.account_id, asWebhookId(webhookId)))?.failureStreak, 0, 'the network was not asked');

  const resend = await tenant.call('POST', `/api/v1/deliveries/${old.id}/resend`);
  assert.equal(resend.status, 409, resend.text);
  assert.match(resend.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(resend.body.code, 'conflict');
  assert.match(resend.body.detail, new RegExp(`event is from ${new Date(eightDaysAgo).toISOString()}: Meta Conversions API refuses events more than 7 days old`));
  // a recovery leaves it out: it can only get older
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${webhookId}/recoverable?since=0`)).body.count, 0);
  const recovered = await tenant.call('POST', `/api/v1/webhooks/${webhookId}/recover`, { since: new Date(0).toISOString() });
  assert.equal(recovered.status, 200, recovered.text);
  const after = (await tenant.call('GET', `/api/v1/deliveries/${old.id}`)).body;
  assert.deepEqual([after.status, after.attempts], ['failed', 1], 'recover left it');
  // a sale of now goes as ever
  await buy(tenant, { fbclid: 'IwAR_new' });
  await eventually('the new sale at the graph', () => (graph.requests.length === 1 ? true : undefined));
  assert.equal(JSON.parse(graph.requests[0]!.body.toString('utf8')).data[0].user_data.fbc.endsWith('IwAR_new'), true, 'only the new sale went out');
});

test('a resend of a Meta test whose Test Events code was removed is refused for that reason, not for a click id', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const id = await metaAt(tenant, graph.url, { test_event_code: 'TEST4821' });
  const sent = await tenant.call('POST', `/api/v1/webhooks/${id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(sent.status, 202, sent.text);
  await eventually('the test delivered', async () => ((await tenant.call('GET', `/api/v1/deliveries/${sent.body.delivery.id}`)).body.status === 'delivered' ? true : undefined));
  const removed = await tenant.call('PATCH', `/api/v1/webhooks/${id}`, { postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', goals: { PURCHASE_APPROVED: 'Purchase' } } });
  assert.equal(removed.status, 200, removed.text);
  assert.equal(removed.body.postback.test_event_code, undefined);
  const resend = await tenant.call('POST', `/api/v1/deliveries/${sent.body.delivery.id}/resend`);
  assert.equal(resend.status, 409, resend.text);
  assert.match(resend.body.detail, /no Test Events code now \(postback\.test_event_code\)/);
  assert.doesNotMatch(resend.body.detail, /click id/);
  assert.equal(graph.requests.length, 1, 'the test was not posted again as a real purchase');
});

test('Meta: a refund goes as its own event with its own event_id; a negative Purchase is refused when saved', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const tenant = await platform.tenant();
  const negative = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Meta', version: 'postback',
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: 'EAAB-token', goals: { PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: { goal: 'Purchase', negative_value: true } } },
  });
  assert.equal(negative.status, 422, negative.text);
  assert.deepEqual(negative.body.errors.map((error: { path: string }) => error.path), ['body.postback.goals']);
  assert.match(negative.body.errors[0].message, /custom event/);
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);

  await metaAt(tenant, graph.url, { goals: { PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: 'Refund' } });
  const transaction = await buy(tenant, { fbclid: 'IwAR2xYz_AbC' });
  await eventually('the sale at the graph', () => (graph.requests.length === 1 ? true : undefined));
  const refunded = await tenant.call('POST', `/api/v1/purchases/${transaction}/status`, { status: 'refunded' });
  assert.equal(refunded.status, 202, refunded.text);
  await eventually('the refund at the graph', () => (graph.requests.length === 2 ? true : undefined));
  const [sold, refund] = graph.requests.map((request) => JSON.parse(request.body.toString('utf8')).data[0]);
  assert.deepEqual([sold.event_name, sold.event_id], ['Purchase', transaction], 'the browser pixel\'s order id, for dedup');
  assert.deepEqual([refund.event_name, refund.event_id, refund.custom_data.value], ['Refund', `${transaction}-PURCHASE_REFUNDED`, 497]);
});

test('moving a postback to another host needs its stored access token again: it is never sent to a host it was not given for', async () => {
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  await using elsewhere = await startHttpReceiver((_request, response) => response.end('{}'));
  const tenant = await platform.tenant();
  const id = await metaAt(tenant, graph.url, { app_secret: 'app-secret-xyz' });
  const settings = { preset: 'meta', base_url: `${elsewhere.url}/attacker/{pixel_id}`, pixel_id: '1234567890', goals: { PURCHASE_APPROVED: 'Purchase' } };
  const moved = await tenant.call('PATCH', `/api/v1/webhooks/${id}`, { postback: settings });
  assert.equal(moved.status, 422, moved.text);
  assert.match(moved.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.deepEqual(moved.body.errors.map((error: { path: string }) => error.path).sort(), ['body.postback.access_token', 'body.postback.app_secret']);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${id}`)).body.url, `${graph.url}/v21.0/1234567890/events`, 'nothing changed');
  const given = await tenant.call('PATCH', `/api/v1/webhooks/${id}`, { postback: { ...settings, access_token: 'EAAB-new-token-1234', app_secret: 'new-secret' } });
  assert.equal(given.status, 200, given.text);
  await buy(tenant, {});
  await eventually('the sale at the new host', () => (elsewhere.requests.length === 1 ? true : undefined));
  assert.equal(JSON.parse(elsewhere.requests[0]!.body.toString('utf8')).access_token, 'EAAB-new-token-1234');
  assert.equal(graph.requests.length, 0);
});

test('postback settings are checked before anything is written', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const attempts: [unknown, string][] = [
    [{ name: 'x', version: 'postback' }, 'body.postback'],
    [{ name: 'x', version: 'postback', postback: { preset: 'mgid', goals: { PURCHASE_APPROVED: 'a', PURCHASE_COMPLETE: 'b', PURCHASE_REFUNDED: 'c', PURCHASE_CHARGEBACK: 'd' } } }, 'body.postback.goals'],
    [{ name: 'x', version: 'postback', postback: { preset: 'custom', goals: { PURCHASE_APPROVED: 'a' } } }, 'body.url'],
    [{ name: 'x', version: 'postback', url: 'https://t.example/pb?id={clickid}', postback: { goals: { PURCHASE_APPROVED: 'a' } } }, 'body.url'],
    [{ name: 'x', version: 'postback', url: 'http://127.0.0.2/pb?id={click_id}', postback: { goals: { PURCHASE_APPROVED: 'a' } } }, 'body.url'],
    [{ name: 'x', version: 'postback', postback: { preset: 'redtrack', goals: { PURCHASE_APPROVED: 'a' } } }, 'body.postback.base_url'],
    // a preset's URL is built from base_url: a private address there is named by that field, the one the user filled
    [{ name: 'x', version: 'postback', postback: { preset: 'mgid', base_url: 'http://127.0.0.2/postback', goals: { PURCHASE_APPROVED: 'a' } } }, 'body.postback.base_url'],
    [{ name: 'x', version: 'postback', postback: { preset: 'mgid', goals: { PURCHASE_EXPLODED: 'a' } } }, 'body.postback.goals'],
    [{ name: 'x', url: 'https://receiver.example/hook', events: ['PURCHASE_APPROVED'], postback: { goals: { PURCHASE_APPROVED: 'a' } } }, 'body.postback'],
  ];
  for (const [body, path] of attempts) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', body);
    assert.equal(answer.status, 422, `${JSON.stringify(body)}: ${answer.text}`);
    assert.ok(answer.body.errors.some((error: { path: string }) => error.path === path), `${path} in ${answer.text}`);
  }
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);
  const mgid = await tenant.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', goals: { PURCHASE_APPROVED: 'purchase' } } });
  assert.equal(mgid.status, 201, mgid.text);
  // a form that sends every field back (the dashboard's) may rename it; another URL for a preset is refused
  const renamed = await tenant.call('PATCH', `/api/v1/webhooks/${mgid.body.id}`, { name: 'MGID launch', url: mgid.body.url, events: ['PURCHASE_APPROVED'], version: 'postback' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal((await tenant.call('PATCH', `/api/v1/webhooks/${mgid.body.id}`, { url: 'https://elsewhere.example/pb' })).status, 422);
  const uncovered = await tenant.call('PATCH', `/api/v1/webhooks/${mgid.body.id}`, { events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] });
  assert.equal(uncovered.status, 422, 'an event without a goal');
  const more = await tenant.call('PATCH', `/api/v1/webhooks/${mgid.body.id}`, { postback: { preset: 'mgid', goals: { PURCHASE_APPROVED: 'purchase', PURCHASE_REFUNDED: 'refund' } } });
  assert.equal(more.status, 200, more.text);
  assert.deepEqual(more.body.events, ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED']);
  // a postback never becomes a Hotmart-format webhook, nor the reverse: its retries, resends and recoveries would have
  // sent a Hotmart body with the hottok and the buyer's data to the ad network (or a conversion to a receiver)
  const back = await tenant.call('PATCH', `/api/v1/webhooks/${mgid.body.id}`, { version: '2.0.0', url: 'https://members.example.com/hotmart' });
  assert.equal(back.status, 422, back.text);
  assert.ok(back.body.errors.some((error: { path: string }) => error.path === 'body.version'), back.text);
  const hotmart = await tenant.call('POST', '/api/v1/webhooks', { name: 'Members', url: 'https://members.example.com/hotmart', events: ['PURCHASE_APPROVED'] });
  const toPostback = await tenant.call('PATCH', `/api/v1/webhooks/${hotmart.body.id}`, { version: 'postback', postback: { preset: 'mgid', goals: { PURCHASE_APPROVED: 'purchase' } } });
  assert.equal(toPostback.status, 422, toPostback.text);
  assert.ok(toPostback.body.errors.some((error: { path: string }) => error.path === 'body.version'), toPostback.text);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${mgid.body.id}`)).body.version, 'postback');
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${hotmart.body.id}`)).body.version, '2.0.0');
  // a custom template's new URL is checked as at creation: macros known, none in the host; click_id_required follows it
  const custom = await tenant.call('POST', '/api/v1/webhooks', { name: 'Tracker', version: 'postback', url: 'https://t.example/pb?cid={click_id}', postback: { goals: { PURCHASE_APPROVED: 'sale' } } });
  assert.equal(custom.status, 201, custom.text);
  assert.equal(custom.body.postback.click_id_required, true);
  for (const url of ['https://t.example/pb?cid={clickid}', 'https://{sck}/pb']) {
    const refused = await tenant.call('PATCH', `/api/v1/webhooks/${custom.body.id}`, { url });
    assert.equal(refused.status, 422, `${url}: ${refused.text}`);
    assert.ok(refused.body.errors.some((error: { path: string }) => error.path === 'body.url'), refused.text);
  }
  const moved = await tenant.call('PATCH', `/api/v1/webhooks/${custom.body.id}`, { url: 'https://t.example/pb?event={event}' });
  assert.equal(moved.status, 200, moved.text);
  assert.deepEqual([moved.body.url, moved.body.postback.click_id_required], ['https://t.example/pb?event={event}', false]);
});

test('a sale is reported once per goal: a declined refund claim, or a second APPROVED under another id, posts nothing more', async () => {
  await using platform = await startPlatform();
  await using mgid = await startHttpReceiver((_request, response) => response.end('ok'));
  await using members = await startHttpReceiver((_request, response) => response.end('ok'));
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${mgid.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } },
  });
  assert.equal(created.status, 201, created.text);
  // a Hotmart-format receiver gets every event: it can dedupe on the transaction, as an ad network's postback cannot
  assert.equal((await tenant.call('POST', '/api/v1/webhooks', { name: 'Members', url: `${members.url}/hotmart`, events: ['PURCHASE_APPROVED'] })).status, 201);

  // approved -> refund_claimed -> approved: the buyer's claim declined, the lifecycle's path back
  const reclaimed = await buy(tenant, { sck: 'MGID_Reclaim' });
  for (const status of ['refund_claimed', 'approved']) {
    const moved = await tenant.call('POST', `/api/v1/purchases/${reclaimed}/status`, { status });
    assert.equal(moved.status, 202, moved.text);
  }
  // a marketplace that publishes one sale's approval twice, under two event ids
  const twice = sale({ sck: 'MGID_Twice' });
  const data = { ...twice, purchase: { ...twice.purchase, status: 'APPROVED', approved_date: 1_741_616_685_000, transaction: 'HP0000000000777' } };
  for (const id of ['approval-1', 'approval-2']) {
    const published = await tenant.call('POST', '/api/v1/events', { id, event: 'PURCHASE_APPROVED', data });
    assert.equal(published.status, 202, published.text);
  }

  const items = await eventually('the four deliveries of the postback settled', async () => {
    const listed = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items as { status: string; last_error: string; attempts: number; transaction: string }[];
    return listed.length === 4 && listed.every((item) => item.status !== 'pending') ? listed : undefined;
  });
  assert.deepEqual(mgid.requests.map(query).sort((a, b) => a.c!.localeCompare(b.c!)), [
    { c: 'MGID_Reclaim', e: 'purchase', r: '497.00' },
    { c: 'MGID_Twice', e: 'purchase', r: '497.00' },
  ], 'one purchase per sale');
  const skipped = items.filter((item) => item.status === 'skipped');
  assert.deepEqual(skipped.map((item) => [item.transaction, item.last_error, item.attempts]).sort(), [[reclaimed, 'already_reported', 0], ['HP0000000000777', 'already_reported', 0]].sort());
  await eventually('the members area got all four approvals', () => (members.requests.length === 4 ? true : undefined));
  // neither a resend nor a recovery sends a repeat: the network would count the sale twice
  const resent = await tenant.call('POST', `/api/v1/deliveries/${(skipped[0] as unknown as { id: string }).id}/resend`);
  assert.deepEqual([resent.status, resent.body.code], [409, 'conflict'], resent.text);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${created.body.id}/recoverable?since=0`)).body.count, 0);
  assert.equal(mgid.requests.length, 2);
});

test('on PostgreSQL, one approval published twice at once, under two ids, on two API processes, posts one conversion', async () => {
  const databaseUrl = await freshDatabase();
  const settings = { databaseUrl, secretKey: randomBytes(32).toString('base64') };
  await using platform = await startPlatform(settings);
  await using other = await startPlatform({ ...settings, role: 'api' });
  await using mgid = await startHttpReceiver((_request, response) => response.end('ok'));
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${mgid.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } },
  });
  assert.equal(created.status, 201, created.text);
  const twice = sale({ sck: 'MGID_AtOnce' });
  const data = { ...twice, purchase: { ...twice.purchase, status: 'APPROVED', approved_date: 1_741_616_685_000, transaction: 'HP0000000000888' } };
  const publish = (on: typeof other, id: string) => on.request('POST', '/api/v1/events', {
    headers: { authorization: `Bearer ${tenant.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id, event: 'PURCHASE_APPROVED', data }),
  });

  // the same instant, forced: a session of the test's own holds the webhook's row, which each publish's delivery
  // (its foreign key) must wait for; both publishes are in the database, each in its own statement, before it is let go
  const [admin, watcher] = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all([admin.connect(), watcher.connect()]);
  // the publish statement, by the start of its text (pg_stat_activity keeps the first 1 KiB)
  const publishesWaiting = async () => Number((await watcher.query(`SELECT COUNT(*) AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%json_to_recordset($1::json) AS (account_id text, id text, event text, creation_date%'`)).rows[0].n);
  let published: Promise<ApiAnswer>[] = [];
  try {
    await admin.query('BEGIN');
    await admin.query('SELECT id FROM webhooks WHERE id = $1 FOR UPDATE', [created.body.id]);
    published = [publish(platform, 'approval-1'), publish(other, 'approval-2')];
    await eventually('both publishes waiting in the database', async () => ((await publishesWaiting()) === 2 ? true : undefined));
  } finally {
    await admin.query('COMMIT');
    await Promise.all([admin.end(), watcher.end()]);
  }
  for (const answer of await Promise.all(published)) assert.equal(answer.status, 202, answer.text);

  const items = await eventually('both deliveries of the postback settled', async () => {
    const listed = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items as { status: string; last_error: string | null; attempts: number }[];
    return listed.length === 2 && listed.every((item) => item.status !== 'pending') ? listed : undefined;
  });
  assert.deepEqual(items.map((item) => [item.status, item.last_error, item.attempts]).sort(), [['delivered', null, 1], ['skipped', 'already_reported', 0]]);
  assert.deepEqual(mgid.requests.map(query), [{ c: 'MGID_AtOnce', e: 'purchase', r: '497.00' }], 'the network counts the sale once');
});

test('a test of an event the postback has no goal for is refused, as saving such a webhook is, and posts nothing', async () => {
  await using platform = await startPlatform();
  await using mgid = await startHttpReceiver((_request, response) => response.end('ok'));
  const tenant = await platform.tenant();
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${mgid.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } },
  });
  assert.equal(created.status, 201, created.text);
  const refused = await tenant.call('POST', `/api/v1/webhooks/${created.body.id}/test`, { event: 'PURCHASE_REFUNDED' });
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.body.errors, [{ path: 'body.event', message: 'PURCHASE_REFUNDED has no goal in postback.goals' }]);
  assert.deepEqual((await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items, [], 'nothing recorded');
  // an event it has a goal for still goes
  const sent = await tenant.call('POST', `/api/v1/webhooks/${created.body.id}/test`, { event: 'PURCHASE_APPROVED' });
  assert.equal(sent.status, 202, sent.text);
  await eventually('the test posted', () => (mgid.requests.length === 1 ? true : undefined));
  assert.equal(query(mgid.requests[0]!).e, 'purchase');
});

/** An MGID webhook at `network`, its approved sale's goal "purchase", the click id from sck (the preset's default). */
async function mgidAt(tenant: Tenant, networkUrl: string): Promise<string> {
  const created = await tenant.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${networkUrl}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } } });
  assert.equal(created.status, 201, created.text);
  return created.body.id as string;
}

/** The owner changes what the webhook posts: another goal, and a click id from xcod, which the test's sales lack. */
async function switchToXcod(tenant: Tenant, webhookId: string, networkUrl: string): Promise<void> {
  const changed = await tenant.call('PATCH', `/api/v1/webhooks/${webhookId}`, { postback: { preset: 'mgid', base_url: `${networkUrl}/postback`, goals: { PURCHASE_APPROVED: 'sale' }, click_id_from: ['xcod'] } });
  assert.equal(changed.status, 200, changed.text);
}

test('a resend after the owner changed goals and click_id_from that finds no click id in the sale is refused: nothing is posted', async () => {
  await using platform = await startPlatform();
  await using mgid = await startHttpReceiver((_request, response) => response.end('ok'));
  const tenant = await platform.tenant();
  const webhookId = await mgidAt(tenant, mgid.url);
  await buy(tenant, { sck: 'CLICK_BEFORE_1' });
  const delivered = await eventually('the conversion delivered', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}`)).body.items;
    return item?.status === 'delivered' ? item : undefined;
  });
  await switchToXcod(tenant, webhookId, mgid.url);
  const resend = await tenant.call('POST', `/api/v1/deliveries/${delivered.id}/resend`);
  assert.equal(resend.status, 409, resend.text);
  assert.match(resend.body.detail, /no click id/);
  assert.deepEqual(mgid.requests.map(query), [{ c: 'CLICK_BEFORE_1', e: 'purchase', r: '497.00' }], 'no postback with an empty click id');
  assert.equal((await tenant.call('GET', `/api/v1/deliveries/${delivered.id}`)).body.status, 'delivered', 'the delivery is left as it was');

  // the history and the Ad tracking list tell what went out, not what the settings of now would send
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${delivered.id}`)).body;
  const sentUrl = `${mgid.url}/postback?c=CLICK_BEFORE_1&e=purchase&r=497.00`;
  assert.deepEqual([detail.request.url, detail.attempt_history.map((attempt: { url: string }) => attempt.url)], [sentUrl, [sentUrl]]);
  assert.deepEqual(detail.payload, { c: 'CLICK_BEFORE_1', e: 'purchase', r: '497.00' });
  // a sale after the change, skipped at fan-out for its missing xcod, was never sent: told under the settings of now
  const later = await buy(tenant, { sck: 'CLICK_AFTER' });
  const conversions = (await tenant.call('GET', '/api/v1/tracking/conversions')).body.items as { transaction: string; status: string; goal: string; click_id: string }[];
  assert.deepEqual(conversions.map((item) => [item.transaction === later ? 'later' : 'first', item.status, item.goal, item.click_id]), [
    ['later', 'skipped', 'sale', ''],
    ['first', 'delivered', 'purchase', 'CLICK_BEFORE_1'],
  ]);
});

test('a retry waiting when the owner changes click_id_from is not sent without a click id: it ends no_click_id, untouched by recover and resend', async () => {
  await using platform = await startPlatform();
  // the first attempt is held until the settings have changed, then fails: its retry is rendered under the new ones
  let releaseFirst: () => void = () => {};
  const firstHeld = new Promise<void>((resolve) => { releaseFirst = resolve; });
  await using mgid = await startHttpReceiver((_request, response) => {
    if (mgid.requests.length > 1) { response.end('ok'); return; }
    void firstHeld.then(() => { response.statusCode = 503; response.end(); });
  });
  const tenant = await platform.tenant();
  const webhookId = await mgidAt(tenant, mgid.url);
  await buy(tenant, { sck: 'CLICK_BEFORE_2' });
  await eventually('the first attempt at the network', () => (mgid.requests.length === 1 ? true : undefined));
  await switchToXcod(tenant, webhookId, mgid.url);
  releaseFirst();
  const settled = await eventually('the retry settled', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhookId}`)).body.items;
    return item && item.status !== 'pending' ? item : undefined;
  });
  assert.deepEqual([settled.status, settled.last_error, settled.attempts], ['failed', 'no_click_id', 2]);
  assert.deepEqual(mgid.requests.map(query), [{ c: 'CLICK_BEFORE_2', e: 'purchase', r: '497.00' }], 'the retry posted nothing');
  assert.equal((await platform.store.getWebhook(tenant.account_id, asWebhookId(webhookId)))?.failureStreak, 1, 'the 503 counts; the attempt that asked no one does not');
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${settled.id}`)).body;
  const notSent = detail.attempt_history[1];
  assert.deepEqual([notSent.error, notSent.status_code, notSent.url, notSent.request_headers], ['no_click_id', null, null, {}], 'an attempt that went nowhere');
  assert.equal(detail.attempt_history[0].url, `${mgid.url}/postback?c=CLICK_BEFORE_2&e=purchase&r=497.00`);
  assert.equal(detail.request.url, detail.attempt_history[0].url, 'the request its last attempt that went out sent');
  const [conversion] = (await tenant.call('GET', '/api/v1/tracking/conversions')).body.items;
  assert.deepEqual([conversion.goal, conversion.click_id], ['purchase', 'CLICK_BEFORE_2']);
  assert.equal((await tenant.call('POST', `/api/v1/deliveries/${settled.id}/resend`)).status, 409);
  const recovered = await tenant.call('POST', `/api/v1/webhooks/${webhookId}/recover`, { since: new Date(0).toISOString() });
  assert.equal(recovered.status, 200, recovered.text);
  assert.equal((await tenant.call('GET', `/api/v1/deliveries/${settled.id}`)).body.status, 'failed', 'recover leaves it, as a sale skipped for its click id');
  assert.equal(mgid.requests.length, 1);
});

test('a postback attempt records the URL it went to with its credentials masked, and still counts toward its webhook\'s health', async () => {
  await using platform = await startPlatform();
  await using network = await startHttpReceiver((_request, response) => { response.statusCode = 500; response.end(); });
  const tenant = await platform.tenant();
  const token = 'tracker-token-0123456789';
  const created = await tenant.call('POST', '/api/v1/webhooks', {
    name: 'Tracker', version: 'postback', url: `${network.url}/pb?cid={click_id}&goal={goal}&key={access_token}`, max_attempts: 1,
    postback: { access_token: token, goals: { PURCHASE_APPROVED: 'sale' } },
  });
  assert.equal(created.status, 201, created.text);
  await buy(tenant, { click_id: 'trk-1' });
  const failed = await eventually('the attempt failed', async () => {
    const [item] = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${created.body.id}`)).body.items;
    return item?.status === 'failed' ? item : undefined;
  });
  assert.deepEqual(network.requests.map(query), [{ cid: 'trk-1', goal: 'sale', key: token }]);
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${failed.id}`)).body;
  assert.equal(detail.attempt_history[0].url, `${network.url}/pb?cid=trk-1&goal=sale&key=********6789`);
  assert.ok(!JSON.stringify(detail).includes(token), 'the history masks the token');
  assert.equal((await platform.store.getWebhook(tenant.account_id, created.body.id))?.failureStreak, 1, 'the network failed: counted as any receiver\'s failure');
});
