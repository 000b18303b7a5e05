// The delivery contract, end to end: real receivers on 127.0.0.1, signatures checked by `standardwebhooks`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { validateEnvelope } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';
import { approvedSaleData } from '../src/catalog/test-fixtures.ts';

const approved = approvedSaleData();

async function subscribe(tenant: Tenant, url: string, extra: Record<string, unknown> = {}) {
  const answer = await tenant.call('POST', '/api/v1/webhooks', { name: 'receiver', url, events: ['PURCHASE_APPROVED'], ...extra });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { id: string; secret: string };
}

async function publish(tenant: Tenant, data: unknown = approved) {
  const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data });
  assert.equal(answer.status, 202, answer.text);
  return answer.body as { id: string; deliveries: { id: string }[] };
}

const detailOf = async (tenant: Tenant, deliveryId: string) => (await tenant.call('GET', `/api/v1/deliveries/${deliveryId}`)).body;
const settled = (tenant: Tenant, deliveryId: string, status: string) => eventually(`delivery ${status}`, async () => {
  const detail = await detailOf(tenant, deliveryId);
  return detail.status === status ? detail : undefined;
});

test('a delivery carries the Hotmart 2.0.0 body, the hottok and a Standard Webhooks signature that verifies', async () => {
  await using platform = await startPlatform();
  const rawNames: string[] = [];
  await using receiver = await startHttpReceiver((req, res) => { rawNames.push(...req.rawHeaders.filter((_, index) => index % 2 === 0)); res.end('ok'); });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, `${receiver.url}/hotmart`);
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'delivered');
  const [request] = receiver.requests;
  assert.ok(request);
  assert.equal(request.url, '/hotmart');
  // the token header as Hotmart spells it on the wire (a gateway that keeps header case shows it so); the history
  // keeps every header by its lower-cased name, masked
  assert.ok(rawNames.includes('X-HOTMART-HOTTOK'), rawNames.join());
  assert.equal(detail.attempt_history[0].request_headers['x-hotmart-hottok'], `********${tenant.hottok.slice(-4)}`);
  assert.equal(request.headers['content-type'], 'application/json');
  assert.match(String(request.headers['user-agent']), /^Postback\/\d+\.\d+\.\d+$/);
  assert.equal(request.headers['x-hotmart-hottok'], tenant.hottok);
  assert.equal(request.headers['webhook-id'], event.id);
  const verified = new StandardWebhook(webhook.secret).verify(request.body.toString('utf8'), request.headers as Record<string, string>) as Record<string, unknown>;
  assert.equal(verified.id, event.id);
  assert.equal(verified.event, 'PURCHASE_APPROVED');
  assert.equal(verified.version, '2.0.0');
  assert.deepEqual(verified.data, approved);
  assert.equal(validateEnvelope(verified).ok, true, 'what we send validates against our own catalogue');
  assert.throws(() => new StandardWebhook(webhook.secret).verify(request.body.toString('utf8').replace('APPROVED', 'REFUNDED'), request.headers as Record<string, string>));
});

test('failed attempts are retried on the schedule with the same event id and the same body bytes, then delivered', async () => {
  await using platform = await startPlatform({ retrySchedule: [0, 150, 150, 150, 150] });
  let calls = 0;
  await using receiver = await startHttpReceiver((_req, res) => { calls += 1; res.statusCode = calls <= 2 ? 500 : 200; res.end(calls <= 2 ? 'try later' : 'ok'); });
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url);
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'delivered');
  assert.equal(receiver.requests.length, 3);
  assert.equal(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size, 1);
  assert.equal(new Set(receiver.requests.map((r) => r.body.toString('hex'))).size, 1, 'identical bytes on every attempt');
  assert.deepEqual(detail.attempt_history.map((a: { status_code: number }) => a.status_code), [500, 500, 200]);
  assert.deepEqual(detail.attempt_history.map((a: { number: number }) => a.number), [1, 2, 3]);
  assert.equal(detail.attempt_history[0].response_body, 'try later');
  const gaps = detail.attempt_history.slice(1).map((a: { started_at: string }, i: number) => Date.parse(a.started_at) - Date.parse(detail.attempt_history[i].started_at));
  for (const gap of gaps) assert.ok(gap >= 150, `a retry came ${gap} ms after the previous attempt, before the scheduled 150 ms`);
  assert.equal(detail.attempts, 3);
  assert.equal(detail.next_attempt_at, null);
});

test('when every attempt fails the delivery ends failed after max attempts, with each cause in the history', async () => {
  await using platform = await startPlatform({ retrySchedule: [0, 50, 50] });
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 503; res.end('down'); });
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url);
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'failed');
  assert.equal(receiver.requests.length, 3);
  assert.equal(detail.attempts, 3);
  assert.equal(detail.last_status_code, 503);
  const perWebhook = await subscribe(tenant, receiver.url, { max_attempts: 1, name: 'one shot' });
  const second = await publish(tenant);
  const oneShot = second.deliveries.find((d: { id: string; webhook_id?: string }) => (d as { webhook_id: string }).webhook_id === perWebhook.id)!;
  assert.equal((await settled(tenant, oneShot.id, 'failed')).attempts, 1, 'a per-webhook max_attempts overrides the schedule length');
});

test('Retry-After on 429 and 503 is honoured up to POSTBACK_RETRY_AFTER_MAX', async () => {
  await using platform = await startPlatform({ retrySchedule: [0, 100, 100], retryAfterMaxMs: 60_000 });
  let seconds = '30';
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 429; res.setHeader('retry-after', seconds); res.end(); });
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url);
  const first = await publish(tenant);
  const waiting = await eventually('first attempt', async () => { const d = await detailOf(tenant, first.deliveries[0]!.id); return d.attempts === 1 ? d : undefined; });
  const delay = Date.parse(waiting.next_attempt_at) - Date.parse(waiting.attempt_history[0].started_at);
  assert.ok(delay >= 30_000 && delay < 35_000, `next attempt ${delay} ms later; Retry-After asked for 30 s`);
  seconds = '86400';
  const second = await publish(tenant, { ...approved, purchase: { ...approved.purchase, transaction: 'HP000000002' } });
  const capped = await eventually('first attempt', async () => { const d = await detailOf(tenant, second.deliveries[0]!.id); return d.attempts === 1 ? d : undefined; });
  const cappedDelay = Date.parse(capped.next_attempt_at) - Date.parse(capped.attempt_history[0].started_at);
  assert.ok(cappedDelay >= 60_000 && cappedDelay < 65_000, `a day-long Retry-After is bounded to 60 s, got ${cappedDelay} ms`);
});

test('redirects are not followed: a 3xx is a failed attempt and the target gets nothing', async () => {
  await using platform = await startPlatform({ retrySchedule: [0] });
  await using target = await startHttpReceiver((_req, res) => res.end('ok'));
  await using redirector = await startHttpReceiver((_req, res) => { res.statusCode = 302; res.setHeader('location', `${target.url}/elsewhere`); res.end(); });
  const tenant = await platform.tenant();
  await subscribe(tenant, redirector.url);
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'failed');
  assert.equal(detail.attempt_history[0].status_code, 302);
  assert.match(detail.attempt_history[0].error_detail, /redirect to .*elsewhere not followed/);
  assert.equal(target.requests.length, 0);
});

test('an attempt has one total deadline, and only a capped prefix of the response body is kept', async () => {
  await using platform = await startPlatform({ retrySchedule: [0], attemptDeadlineMs: 300, maxKeptResponseBytes: 1024 });
  await using silent = await startHttpReceiver(() => { /* never answers */ });
  await using chatty = await startHttpReceiver((_req, res) => res.end('y'.repeat(100_000)));
  const tenant = await platform.tenant();
  const slowHook = await subscribe(tenant, silent.url, { name: 'silent' });
  await subscribe(tenant, chatty.url, { name: 'chatty' });
  const event = await publish(tenant);
  const slow = event.deliveries.find((d) => (d as unknown as { webhook_id: string }).webhook_id === slowHook.id)!;
  const fast = event.deliveries.find((d) => d !== slow)!;
  const timedOut = await settled(tenant, slow.id, 'failed');
  assert.equal(timedOut.attempt_history[0].error, 'timeout');
  assert.equal(timedOut.attempt_history[0].status_code, null);
  assert.ok(timedOut.attempt_history[0].duration_ms < 5000);
  const kept = await settled(tenant, fast.id, 'delivered');
  assert.equal(kept.attempt_history[0].response_body, 'y'.repeat(1024));
});

test('history: filters, cursor pagination, sent payload and masked request headers', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, receiver.url);
  const published = [];
  for (let i = 0; i < 5; i++) published.push(await publish(tenant, { ...approved, purchase: { ...approved.purchase, transaction: `HP1000${i}` } }));
  for (const event of published) await settled(tenant, event.deliveries[0]!.id, 'delivered');
  const seen: string[] = [];
  let token: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; next_page_token: string | null } } = await tenant.call('GET', `/api/v1/deliveries?limit=2${token ? `&page_token=${token}` : ''}`);
    assert.ok(page.body.items.length <= 2);
    seen.push(...page.body.items.map((item) => item.id));
    token = page.body.next_page_token;
  } while (token);
  assert.deepEqual(seen, published.map((e) => e.deliveries[0]!.id).reverse(), 'newest first, each exactly once');
  const byTransaction = await tenant.call('GET', '/api/v1/deliveries?transaction=HP10003');
  assert.deepEqual(byTransaction.body.items.map((d: { event_id: string }) => d.event_id), [published[3]!.id]);
  assert.equal((await tenant.call('GET', `/api/v1/deliveries?webhook_id=${webhook.id}&status=delivered&event=PURCHASE_APPROVED`)).body.items.length, 5);
  assert.equal((await tenant.call('GET', '/api/v1/deliveries?status=failed')).body.items.length, 0);
  assert.equal((await tenant.call('GET', `/api/v1/deliveries?from=${new Date(Date.now() + 60_000).toISOString()}`)).body.items.length, 0);
  assert.equal((await tenant.call('GET', `/api/v1/deliveries?to=${Date.now() + 60_000}&from=0`)).body.items.length, 5);
  for (const bad of ['status=lost', 'limit=0', 'limit=1000', 'from=yesterday', 'page_token=forged', 'event=NOPE', 'surprise=1']) {
    const answer = await tenant.call('GET', `/api/v1/deliveries?${bad}`);
    assert.equal(answer.status, 422, bad);
  }
  const detail = await detailOf(tenant, published[0]!.deliveries[0]!.id);
  assert.equal(detail.request.body, receiver.requests[0]!.body.toString('utf8'));
  assert.equal(detail.payload.id, published[0]!.id);
  assert.equal(detail.request.headers['x-hotmart-hottok'], `********${tenant.hottok.slice(-4)}`);
  assert.equal(detail.attempt_history[0].request_headers['webhook-id'], published[0]!.id);
  assert.ok(!JSON.stringify(detail).includes(tenant.hottok), 'the hottok never appears in the history');
  assert.equal((await tenant.call('GET', '/api/v1/deliveries/01890000-0000-7000-8000-000000000000')).status, 404);
});

test('resend starts a new manual cycle with the same event id and body', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url);
  const event = await publish(tenant);
  await settled(tenant, event.deliveries[0]!.id, 'delivered');
  const resent = await tenant.call('POST', `/api/v1/deliveries/${event.deliveries[0]!.id}/resend`);
  assert.equal(resent.status, 202);
  await eventually('second request', () => (receiver.requests.length === 2 ? true : undefined));
  const detail = await settled(tenant, event.deliveries[0]!.id, 'delivered');
  assert.deepEqual(detail.attempt_history.map((a: { cycle: number }) => a.cycle), [1, 2]);
  assert.equal(receiver.requests[1]!.headers['webhook-id'], event.id);
  assert.deepEqual(receiver.requests[1]!.body, receiver.requests[0]!.body);
});

test('after its webhook\'s URL changes, a resend goes to the new URL and each attempt in the history says where it went', async () => {
  await using platform = await startPlatform();
  await using before = await startHttpReceiver((_req, res) => res.end('ok'));
  await using after = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, before.url);
  const event = await publish(tenant);
  await settled(tenant, event.deliveries[0]!.id, 'delivered');
  assert.equal((await tenant.call('PATCH', `/api/v1/webhooks/${webhook.id}`, { url: after.url })).status, 200);
  assert.equal((await tenant.call('POST', `/api/v1/deliveries/${event.deliveries[0]!.id}/resend`)).status, 202);
  await eventually('the resend at the new URL', () => (after.requests.length === 1 ? true : undefined));
  const detail = await settled(tenant, event.deliveries[0]!.id, 'delivered');
  assert.deepEqual(detail.attempt_history.map((a: { url: string }) => a.url), [before.url, after.url]);
  assert.equal(detail.request.url, after.url);
});

test('a resend while an attempt is out is a 409 delivery_in_flight with Retry-After; once it settles, the resend gets its own cycle', async () => {
  await using platform = await startPlatform();
  let answerFirst: () => void = () => {};
  const firstAnswered = new Promise<void>((resolve) => { answerFirst = resolve; });
  // the first attempt is held until the test has tried to resend, then fails; later ones succeed
  await using receiver = await startHttpReceiver((_req, res) => {
    if (receiver.requests.length === 1) void firstAnswered.then(() => { res.statusCode = 500; res.end(); });
    else res.end('ok');
  });
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url, { max_attempts: 1 });
  const event = await publish(tenant);
  const id = event.deliveries[0]!.id;
  await eventually('the first attempt out', () => (receiver.requests.length === 1 ? true : undefined));
  const refused = await tenant.call('POST', `/api/v1/deliveries/${id}/resend`);
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.body.code, 'delivery_in_flight');
  assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
  answerFirst();
  await settled(tenant, id, 'failed');
  const resent = await tenant.call('POST', `/api/v1/deliveries/${id}/resend`);
  assert.equal(resent.status, 202, resent.text);
  const detail = await settled(tenant, id, 'delivered');
  assert.deepEqual(detail.attempt_history.map((a: { cycle: number; status_code: number }) => [a.cycle, a.status_code]), [[1, 500], [2, 200]]);
});

test('a test send delivers the catalogue sample, is marked as a test, and never moves the webhook\'s health', async () => {
  await using platform = await startPlatform({ retrySchedule: [0], disableAfterFailures: 1, disableAfterMs: 0 });
  let status = 200;
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = status; res.end(); });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, receiver.url);
  const sent = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'SWITCH_PLAN' });
  assert.equal(sent.status, 202);
  assert.equal(sent.body.delivery.test, true);
  await settled(tenant, sent.body.delivery.id, 'delivered');
  const body = JSON.parse(receiver.requests[0]!.body.toString('utf8'));
  assert.equal(body.event, 'SWITCH_PLAN', 'a test may use any catalogue event, subscribed or not');
  assert.equal(validateEnvelope(body).ok, true);
  assert.equal(receiver.requests[0]!.headers['x-postback-test'], '1', 'marked as a test on the wire');
  const replayed = await tenant.call('POST', `/api/v1/deliveries/${sent.body.delivery.id}/replay`, { url: `${receiver.url}/replay` });
  assert.equal(replayed.status, 200, replayed.text);
  assert.deepEqual([receiver.requests.length, receiver.requests[1]!.headers['x-postback-test']], [2, '1'], 'a replay of a test is marked too');
  status = 500;
  const failing = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' });
  await settled(tenant, failing.body.delivery.id, 'failed');
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body.enabled, true);
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'NOPE' })).status, 422);
  // edited data is checked like a published event's, each bad field named from the body's root
  const edited = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED', data: { ...approved, buyer: { ...approved.buyer, email: 'not-an-email' } } });
  assert.equal(edited.status, 422);
  assert.deepEqual(edited.body.errors.map((error: { path: string }) => error.path), ['body.data.buyer.email']);
  const published = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...approved, buyer: { ...approved.buyer, email: 'not-an-email' } } });
  assert.deepEqual(published.body.errors, edited.body.errors, 'the same paths as a publish');
});

test('410 Gone disables the webhook at once; later events are skipped; recover re-enables and resends them', async () => {
  await using platform = await startPlatform();
  let status = 410;
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = status; res.end(); });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, receiver.url);
  const since = new Date().toISOString();
  const first = await publish(tenant);
  await settled(tenant, first.deliveries[0]!.id, 'skipped');
  const disabled = (await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body;
  assert.equal(disabled.enabled, false);
  assert.match(disabled.disabled_reason, /410 Gone/);
  const second = await publish(tenant, { ...approved, purchase: { ...approved.purchase, transaction: 'HP2' } });
  assert.equal((second.deliveries[0] as unknown as { status: string }).status, 'skipped');
  assert.equal(receiver.requests.length, 1);
  status = 200;
  // a time no Date holds is refused before anything changes (it re-enabled the webhook, then answered 500 unaudited)
  for (const tooLate of [9e15, '9000000000000000']) {
    assert.equal((await tenant.call('GET', `/api/v1/webhooks/${webhook.id}/recoverable?since=${tooLate}`)).status, 422);
    assert.equal((await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, { since: tooLate })).status, 422);
  }
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body.enabled, false, 'still disabled');
  const recovered = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, { since });
  assert.equal(recovered.status, 200);
  assert.equal(recovered.body.requeued, 2);
  assert.equal(recovered.body.webhook.enabled, true);
  await settled(tenant, first.deliveries[0]!.id, 'delivered');
  await settled(tenant, second.deliveries[0]!.id, 'delivered');
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, {})).status, 422);
  const vague = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, { since: 'yesterday' });
  assert.equal(vague.status, 422);
  assert.match(vague.body.errors[0].message, /epoch milliseconds or an ISO-8601 date/, 'says which forms it takes');
});

test('a host that does not exist (NXDOMAIN) disables the webhook', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, 'http://no-such-host.invalid/hook');
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'skipped');
  assert.equal(detail.attempt_history[0].error, 'dns_not_found');
  assert.match((await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body.disabled_reason, /does not exist/);
});

test('sustained failure disables the webhook by the configured rule, and the owner can see why', async () => {
  await using platform = await startPlatform({ retrySchedule: [0, 20, 20, 20, 20], disableAfterFailures: 3, disableAfterMs: 0 });
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end(); });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, receiver.url);
  const event = await publish(tenant);
  await settled(tenant, event.deliveries[0]!.id, 'skipped');
  assert.equal(receiver.requests.length, 3, 'stopped after the third failure in a row');
  const state = (await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body;
  assert.equal(state.enabled, false);
  assert.match(state.disabled_reason, /failed 3 attempts in a row/);
});

test('a recovery starts by default early enough for the sales that failed in the streak that disabled the webhook', async () => {
  await using platform = await startPlatform({ retrySchedule: [0, 20], disableAfterFailures: 5, disableAfterMs: 0 });
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end(); });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, receiver.url);
  // two sales spend their attempts (a streak of 4), the third's first failure disables the webhook
  for (const status of ['failed', 'failed', 'skipped']) await settled(tenant, (await publish(tenant)).deliveries[0]!.id, status);
  const state = (await tenant.call('GET', `/api/v1/webhooks/${webhook.id}`)).body;
  assert.equal(state.enabled, false);
  const atDisable = await tenant.call('GET', `/api/v1/webhooks/${webhook.id}/recoverable?since=${encodeURIComponent(state.disabled_at)}`);
  assert.equal(atDisable.body.count, 0, 'from the disable (the old default), none of them: all three were made before it');
  const suggested = await tenant.call('GET', `/api/v1/webhooks/${webhook.id}/recoverable`);
  assert.equal(suggested.status, 200, suggested.text);
  assert.equal(suggested.body.count, 3, 'every sale of the streak');
  assert.ok(Date.parse(suggested.body.since) < Date.parse(state.disabled_at));
  const recovered = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/recover`, { since: suggested.body.since });
  assert.equal(recovered.body.requeued, 3);
});

test('a receiver that echoes the request back does not put the hottok in the history: its answer is kept with the hottok masked', async () => {
  await using platform = await startPlatform();
  // a request bin, print_r($_POST), n8n's "respond with input": the body and the token header sent back
  await using receiver = await startHttpReceiver((req, res, body) => {
    res.setHeader('x-echo-hottok', String(req.headers['x-hotmart-hottok']));
    res.end(body);
  });
  const tenant = await platform.tenant();
  await subscribe(tenant, receiver.url, { version: '1.0.0' });
  const event = await publish(tenant);
  const detail = await settled(tenant, event.deliveries[0]!.id, 'delivered');
  assert.match(receiver.requests[0]!.body.toString(), new RegExp(`hottok=${tenant.hottok}`), 'the form carried it');
  const [attempt] = detail.attempt_history;
  assert.equal(attempt.response_headers['x-echo-hottok'], `********${tenant.hottok.slice(-4)}`);
  assert.match(attempt.response_body, new RegExp(`hottok=\\*{8}${tenant.hottok.slice(-4)}&`));
  assert.ok(!JSON.stringify(detail).includes(tenant.hottok), 'nowhere in the history');
  // masked when recorded: the store never keeps it in clear
  const stored = await platform.store.getDelivery(tenant.account_id as never, event.deliveries[0]!.id as never);
  assert.ok(stored && !JSON.stringify(stored.attempts).includes(tenant.hottok));
});

test('an echoed hottok recorded before masking at record time is masked when the history is read', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  await subscribe(tenant, 'http://127.0.0.1:9/hook');
  const event = await publish(tenant);
  const [lease] = await platform.store.claimDue(Date.now(), 1, 60_000, 8);
  await platform.store.recordAttempt(lease!.delivery.id, lease!.leaseToken, {
    id: crypto.randomUUID(), number: 1, startedAt: Date.now(), durationMs: 3, statusCode: 200, error: null, errorDetail: null,
    requestHeaders: {}, responseHeaders: { 'x-echo': tenant.hottok }, responseBody: JSON.stringify({ echoed: { hottok: tenant.hottok } }),
  }, { kind: 'delivered' }, () => null, Date.now());
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${event.deliveries[0]!.id}`)).body;
  assert.equal(detail.attempt_history[0].response_headers['x-echo'], `********${tenant.hottok.slice(-4)}`);
  assert.ok(!JSON.stringify(detail).includes(tenant.hottok));
});

test('history filters: test sends apart (test=true|false), a range that ends before it starts and a webhook the account lacks are refused', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const webhook = await subscribe(tenant, 'http://127.0.0.1:9/hook');
  const sale = await publish(tenant);
  const test = await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' });
  const ids = async (query: string) => (await tenant.call('GET', `/api/v1/deliveries?${query}`)).body.items.map((item: { id: string }) => item.id);
  assert.deepEqual(await ids('test=true'), [test.body.delivery.id]);
  assert.deepEqual(await ids('test=false'), [sale.deliveries[0]!.id]);
  assert.equal((await ids('')).length, 2);
  const backwards = await tenant.call('GET', '/api/v1/deliveries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z');
  assert.equal(backwards.status, 422);
  assert.equal(backwards.body.errors[0].path, 'query.to');
  assert.equal((await tenant.call('GET', '/api/v1/deliveries?test=yes')).status, 422);
  const other = await platform.tenant('Other');
  const elsewhere = await other.call('GET', `/api/v1/deliveries?webhook_id=${webhook.id}`);
  assert.equal(elsewhere.status, 404, 'another account\'s webhook is not found, as on its own routes');
});
