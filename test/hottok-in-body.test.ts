// The hottok in the 2.0.0 body, end to end: where Hotmart puts it (test posts, UPDATE_SUBSCRIPTION_CHARGE_DATE),
// and in every 2.0.0 body of a webhook whose owner turns on hottok_in_body; the history shows it masked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';

const events = ['PURCHASE_APPROVED', 'UPDATE_SUBSCRIPTION_CHARGE_DATE'];

async function subscribe(tenant: Tenant, receiver: Receiver, path: string, extra: Record<string, unknown> = {}) {
  const answer = await tenant.call('POST', '/api/v1/webhooks', { name: path, url: `${receiver.url}/${path}`, events, ...extra });
  assert.equal(answer.status, 201, answer.text);
  return answer.body as { id: string; hottok_in_body: boolean };
}

const bodiesAt = (receiver: Receiver, path: string, count: number) => eventually(`${count} posts to /${path}`, async () => {
  const bodies = receiver.requests.filter((request) => request.url === `/${path}`).map((request) => JSON.parse(request.body.toString('utf8')));
  return bodies.length >= count ? bodies : undefined;
});

test('hottok_in_body puts the hottok beside id in every 2.0.0 body; without it, only test posts and UPDATE_SUBSCRIPTION_CHARGE_DATE carry it', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  const plain = await subscribe(tenant, receiver, 'plain');
  const asking = await subscribe(tenant, receiver, 'asking', { hottok_in_body: true });
  assert.deepEqual([plain.hottok_in_body, asking.hottok_in_body], [false, true]);

  const sale = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') });
  assert.equal(sale.status, 202, sale.text);
  const chargeDate = await tenant.call('POST', '/api/v1/events', { event: 'UPDATE_SUBSCRIPTION_CHARGE_DATE', data: sampleData('UPDATE_SUBSCRIPTION_CHARGE_DATE') });
  assert.equal(chargeDate.status, 202, chargeDate.text);
  assert.equal((await tenant.call('POST', `/api/v1/webhooks/${plain.id}/test`, { event: 'PURCHASE_APPROVED' })).status, 202);

  const plainBodies = await bodiesAt(receiver, 'plain', 3);
  const byKind = (body: { id: string; event: string }) => (body.id === sale.body.id ? 'sale' : body.id === chargeDate.body.id ? 'charge date' : 'test post');
  assert.deepEqual(new Map(plainBodies.map((body) => [byKind(body), body.hottok])), new Map([['sale', undefined], ['charge date', tenant.hottok], ['test post', tenant.hottok]]));
  const askingBodies = await bodiesAt(receiver, 'asking', 2);
  assert.deepEqual(askingBodies.map((body) => body.hottok), [tenant.hottok, tenant.hottok]);
  assert.deepEqual(Object.keys(askingBodies[0]), ['data', 'hottok', 'id', 'creation_date', 'event', 'version'], "production's key order");
  for (const request of receiver.requests) assert.equal(request.headers['x-hotmart-hottok'], tenant.hottok, 'the header is always there');

  // the history shows where the token went, masked like the header
  const history = (await tenant.call('GET', `/api/v1/deliveries?webhook_id=${asking.id}`)).body.items as { id: string }[];
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${history[0]!.id}`)).body;
  assert.equal(detail.payload.hottok, `********${tenant.hottok.slice(-4)}`);
  assert.ok(!detail.request.body.includes(tenant.hottok));

  // turning it off changes new deliveries only: a resend sends the bytes the delivery was made with
  const off = await tenant.call('PATCH', `/api/v1/webhooks/${asking.id}`, { hottok_in_body: false });
  assert.equal(off.body.hottok_in_body, false);
  const saleDelivery = history.find((item) => item.id === sale.body.deliveries.find((d: { webhook_id: string }) => d.webhook_id === asking.id).id)!;
  assert.equal((await tenant.call('POST', `/api/v1/deliveries/${saleDelivery.id}/resend`)).status, 202);
  const resent = (await bodiesAt(receiver, 'asking', 3)).at(-1);
  assert.equal(resent.id, sale.body.id);
  assert.equal(resent.hottok, tenant.hottok);
});
