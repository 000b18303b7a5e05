// Publishing events: validation against the catalogue, size limit, idempotency, fan-out, nothing half-written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';
import { readFixture } from '../src/catalog/test-fixtures.ts';

const fixture = (name: string) => readFixture(`${name}.json`);
const approved = fixture('PURCHASE_APPROVED').data;
// webhooks to a closed port on 127.0.0.1: deliveries exist but these tests only look at what ingest wrote
const nowhere = 'http://127.0.0.1:9/hook';

async function countDeliveries(tenant: Tenant): Promise<number> {
  return (await tenant.call('GET', '/api/v1/deliveries?limit=200')).body.items.length;
}

test('an event fans out to the webhooks that subscribe to its type and product, in one 202', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/products', { id: '0', name: 'Test product' });
  await tenant.call('POST', '/api/v1/products', { id: '42', name: 'Other product' });
  const all = (await tenant.call('POST', '/api/v1/webhooks', { name: 'all', url: nowhere, events: ['PURCHASE_APPROVED'] })).body;
  const scoped = (await tenant.call('POST', '/api/v1/webhooks', { name: 'product 0', url: nowhere, events: ['PURCHASE_APPROVED'], products: ['0'] })).body;
  await tenant.call('POST', '/api/v1/webhooks', { name: 'product 42', url: nowhere, events: ['PURCHASE_APPROVED'], products: ['42'] });
  await tenant.call('POST', '/api/v1/webhooks', { name: 'refunds', url: nowhere, events: ['PURCHASE_REFUNDED'] });
  const disabled = (await tenant.call('POST', '/api/v1/webhooks', { name: 'off', url: nowhere, events: ['PURCHASE_APPROVED'], enabled: false })).body;
  const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: approved });
  assert.equal(answer.status, 202);
  assert.match(answer.body.id, /^[0-9a-f-]{36}$/);
  const byWebhook = new Map(answer.body.deliveries.map((d: { webhook_id: string; status: string }) => [d.webhook_id, d.status]));
  assert.deepEqual(byWebhook, new Map([[all.id, 'pending'], [scoped.id, 'pending'], [disabled.id, 'skipped']]));
  assert.equal(answer.body.deliveries[0].transaction, 'HP20418365270931');
});

test('idempotency: the same key and body return the original result; another body is a 409; so is a reused event id', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/webhooks', { name: 'all', url: nowhere, events: ['PURCHASE_APPROVED'] });
  const body = { event: 'PURCHASE_APPROVED', data: approved };
  const first = await tenant.call('POST', '/api/v1/events', body, { 'idempotency-key': 'order-1' });
  const again = await tenant.call('POST', '/api/v1/events', body, { 'idempotency-key': 'order-1' });
  assert.equal(again.status, 202);
  assert.equal(again.body.id, first.body.id);
  assert.equal(again.body.replayed, true);
  assert.deepEqual(again.body.deliveries.map((d: { id: string }) => d.id), first.body.deliveries.map((d: { id: string }) => d.id));
  const changed = await tenant.call('POST', '/api/v1/events', { ...body, data: { ...approved, buyer: { ...approved.buyer, email: 'x@example.com' } } }, { 'idempotency-key': 'order-1' });
  assert.equal(changed.status, 409);
  assert.equal(changed.body.code, 'idempotency_conflict');
  // a retry serialised by another JSON library: keys in another order, other whitespace
  const reordered = `{ "data" : ${JSON.stringify(Object.fromEntries(Object.entries(approved).reverse()), null, 2)}, "event": "PURCHASE_APPROVED" }`;
  const retried = await tenant.call('POST', '/api/v1/events', reordered, { 'idempotency-key': 'order-1' });
  assert.deepEqual([retried.status, retried.body.id, retried.body.replayed], [202, first.body.id, true], 'the same request, written differently');
  assert.equal((await tenant.call('POST', '/api/v1/events', { ...body, event: 'PURCHASE_COMPLETE' }, { 'idempotency-key': 'order-1' })).status, 409, 'another event name');
  const withId = { ...body, id: 'b0d6f7de-0d5c-4b8e-9a7e-1f3c2a1b0c9d' };
  assert.equal((await tenant.call('POST', '/api/v1/events', withId)).status, 202);
  assert.equal((await tenant.call('POST', '/api/v1/events', withId)).body.replayed, true);
  assert.equal((await tenant.call('POST', '/api/v1/events', { ...withId, creation_date: 1 })).status, 409);
  assert.equal(await countDeliveries(tenant), 2, 'two events, one webhook: nothing duplicated');
  const other = await platform.tenant('Other');
  assert.equal((await other.call('POST', '/api/v1/events', withId)).status, 202, 'event ids and keys are per account');
});

test('data goes out as the client wrote it: its numbers (3.10, 134.0, a 20-digit integer), key order and escapes, only the whitespace between tokens dropped', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => { res.end(); });
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/webhooks', { name: 'all', url: receiver.url, events: ['PURCHASE_APPROVED'] });
  const extra = '{\n    "price": 3.10, "whole": 134.0, "big": 12345678901234567890,\n    "b": 1, "a": 2, "10": "ten", "2": "two", "text": "caf\\u00e9  {\\"x\\": 1}"\n  }';
  const data = JSON.stringify(approved, null, 2).replace(/\n}$/, `,\n  "extra": ${extra}\n}`);
  const body = `{\n  "event": "PURCHASE_APPROVED",\n  "data": ${data}\n}`;
  const answer = await tenant.call('POST', '/api/v1/events', body, { 'content-type': 'application/json' });
  assert.equal(answer.status, 202, answer.text);
  await eventually('delivered', () => (receiver.requests.length === 1 ? true : undefined));
  const sent = receiver.requests[0]!.body.toString();
  assert.ok(sent.startsWith(`{"data":${JSON.stringify(approved).slice(0, -1)},"extra":{"price":3.10,"whole":134.0,"big":12345678901234567890,"b":1,"a":2,"10":"ten","2":"two","text":"caf\\u00e9  {\\"x\\": 1}"}},`), sent);
});

test('a body captured from Hotmart is published as it is: its creationDate is the creation date, its hottok is ignored', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => { res.end(); });
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/webhooks', { name: 'all', url: receiver.url, events: ['CLUB_FIRST_ACCESS', 'UPDATE_SUBSCRIPTION_CHARGE_DATE'] });
  for (const name of ['CLUB_FIRST_ACCESS', 'UPDATE_SUBSCRIPTION_CHARGE_DATE']) {
    const captured = fixture(name);
    const answer = await tenant.call('POST', '/api/v1/events', captured);
    assert.equal(answer.status, 202, `${name}: ${answer.text}`);
  }
  await eventually('both delivered', () => (receiver.requests.length === 2 ? true : undefined));
  const sent = receiver.requests.map((request) => JSON.parse(request.body.toString()));
  const club = sent.find((body) => body.event === 'CLUB_FIRST_ACCESS');
  assert.equal(club.creationDate, fixture('CLUB_FIRST_ACCESS').creationDate, 'the captured creation date');
  const charge = sent.find((body) => body.event === 'UPDATE_SUBSCRIPTION_CHARGE_DATE');
  assert.equal(charge.hottok, tenant.hottok, 'the account\'s own hottok, not the captured one');
  const both = { ...fixture('CLUB_FIRST_ACCESS'), id: 'another-id', creation_date: 1 };
  const twice = await tenant.call('POST', '/api/v1/events', both);
  assert.equal(twice.status, 422);
  assert.equal(twice.body.errors[0].path, 'body.creationDate');
});

test('malformed, wrong-typed, unknown-event and oversized input: a clear problem+json and nothing written', async () => {
  await using platform = await startPlatform({ role: 'api', maxEventBytes: 8 * 1024 });
  const tenant = await platform.tenant();
  await tenant.call('POST', '/api/v1/webhooks', { name: 'all', url: nowhere, events: ['PURCHASE_APPROVED'] });
  const wrongPrice = structuredClone(approved);
  wrongPrice.purchase.price.value = 'abc';
  const noTransaction = structuredClone(approved);
  delete noTransaction.purchase.transaction;
  const cases: { body: string; headers?: Record<string, string>; status: number; path?: string }[] = [
    { body: '{"event": "PURCHASE_APPROVED", "data": ', status: 400 },
    { body: '', status: 400 },
    { body: 'null', status: 422, path: 'body' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: wrongPrice }), status: 422, path: 'body.data.purchase.price.value' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: noTransaction }), status: 422, path: 'body.data.purchase.transaction' },
    { body: JSON.stringify({ event: 'PURCHASE_EXPLODED', data: approved }), status: 422, path: 'body.event' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: 'approved' }), status: 422, path: 'body.data' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: approved, id: 'has spaces in it' }), status: 422, path: 'body.id' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: approved, creation_date: 'yesterday' }), status: 422, path: 'body.creation_date' },
    // later than a Date holds: accepted before, then every flat rendering of it (REST hooks, their samples) threw
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: approved, creation_date: 9e15 }), status: 422, path: 'body.creation_date' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: { ...approved, purchase: { ...approved.purchase, approved_date: 9e15 } } }), status: 422, path: 'body.data.purchase.approved_date' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: approved }), headers: { 'idempotency-key': 'has space' }, status: 422, path: 'headers.idempotency-key' },
    { body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: { ...approved, padding: 'x'.repeat(9000) } }), status: 413 },
    { body: 'event=PURCHASE_APPROVED', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
  ];
  for (const { body, headers, status, path } of cases) {
    const answer = await tenant.call('POST', '/api/v1/events', body, headers);
    assert.equal(answer.status, status, `${body.slice(0, 60)} → ${answer.text.slice(0, 200)}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(typeof answer.body.detail, 'string');
    if (path) assert.ok(answer.body.errors.some((e: { path: string }) => e.path === path), `${path} not in ${JSON.stringify(answer.body.errors)}`);
  }
  assert.equal(await countDeliveries(tenant), 0);
});

test('every catalogue event publishes with its own sample data', async () => {
  await using platform = await startPlatform({ role: 'api' });
  const tenant = await platform.tenant();
  const catalog = (await tenant.call('GET', '/api/v1/catalog')).body;
  assert.equal(catalog.events.length, 15);
  for (const entry of catalog.events) {
    assert.ok(entry.fields.length > 0);
    const answer = await tenant.call('POST', '/api/v1/events', { event: entry.name, data: entry.sample });
    assert.equal(answer.status, 202, `${entry.name}: ${answer.text.slice(0, 300)}`);
  }
  const email = catalog.events.find((e: { name: string }) => e.name === 'PURCHASE_APPROVED').fields.find((f: { name: string }) => f.name === 'buyer.email');
  assert.equal(email.sent_to_affiliates, false);
  assert.equal((await tenant.call('GET', '/api/v1/catalog/NOPE')).status, 404);
});
