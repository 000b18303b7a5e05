// The legacy Hotmart 1.0.0 format end to end: a webhook that asks for it gets form-encoded bodies that real
// receivers parse, signed like every delivery, and the history never shows the hottok in clear.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { validateLegacyForm } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';
import { approvedSaleData } from '../src/catalog/test-fixtures.ts';

const approved = approvedSaleData();

async function subscribeLegacy(tenant: Tenant, url: string) {
  const answer = await tenant.call('POST', '/api/v1/webhooks', { name: 'legacy receiver', url, events: ['PURCHASE_APPROVED'], version: '1.0.0' });
  assert.equal(answer.status, 201, answer.text);
  assert.equal(answer.body.version, '1.0.0');
  return answer.body as { id: string; secret: string };
}

async function publishApproved(tenant: Tenant) {
  const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: approved });
  assert.equal(answer.status, 202, answer.text);
  return answer.body as { id: string; deliveries: { id: string }[] };
}

const delivered = (tenant: Tenant, deliveryId: string) => eventually('delivery delivered', async () => {
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${deliveryId}`)).body;
  return detail.status === 'delivered' ? detail : undefined;
});

test('a receiver test parses real form bodies: hottok, lowercase status and flat fields, signed over the raw form', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  const tenant = await platform.tenant();
  const webhook = await subscribeLegacy(tenant, `${receiver.url}/postback`);
  const event = await publishApproved(tenant);
  const detail = await delivered(tenant, event.deliveries[0]!.id);

  const [request] = receiver.requests;
  assert.ok(request);
  assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(request.headers['x-hotmart-hottok'], tenant.hottok, 'the header stays as in 2.0.0');
  const raw = request.body.toString('utf8');
  const form = new URLSearchParams(raw);
  assert.equal(form.get('hottok'), tenant.hottok);
  assert.equal(form.get('status'), 'approved');
  assert.equal(form.get('transaction'), 'HP20418365270931');
  assert.equal(form.get('email'), 'comprador.teste.postback42@example.com');
  assert.equal(form.get('prod'), '0');
  assert.equal(form.get('prod_name'), 'Produto teste de postback');
  assert.equal(form.get('price'), '997.00');
  assert.equal(form.get('aff'), 'T40917253K');
  assert.equal(form.get('subscriber_code'), 'K2W7Q9ZD');
  assert.equal(form.get('address_city'), 'Campinas');
  assert.equal(form.get('callback_type'), '1');
  assert.ok(validateLegacyForm(raw, 'PURCHASE_APPROVED').ok, 'what we send validates against our own catalogue');

  // Standard Webhooks over the exact bytes of the form body
  const headers = request.headers as Record<string, string>;
  assert.equal(new StandardWebhook(webhook.secret).verify(raw, headers, { jsonParse: false }), undefined);
  assert.throws(() => new StandardWebhook(webhook.secret).verify(raw.replace('status=approved', 'status=refunded'), headers, { jsonParse: false }));

  // the history shows what was sent, with the hottok masked in the body as in the headers
  const masked = `********${tenant.hottok.slice(-4)}`;
  assert.equal(detail.request.content_type, 'application/x-www-form-urlencoded');
  assert.ok(!detail.request.body.includes(tenant.hottok), 'the history never shows the hottok in clear');
  assert.equal(new URLSearchParams(detail.request.body).get('hottok'), masked);
  assert.equal(detail.request.headers['x-hotmart-hottok'], masked);
  assert.equal(detail.payload.hottok, masked);
  assert.equal(detail.payload.transaction, 'HP20418365270931');
  form.set('hottok', masked);
  assert.equal(detail.request.body, form.toString(), 'otherwise the same bytes as sent');
});

test('a form-parsing web framework (Fastify + @fastify/formbody) reads the body as a legacy receiver would', async () => {
  await using platform = await startPlatform();
  const received: Record<string, string>[] = [];
  const app = Fastify();
  await app.register(formbody);
  app.post('/hotmart', async (request) => {
    received.push(request.body as Record<string, string>);
    return 'ok';
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const tenant = await platform.tenant();
    await subscribeLegacy(tenant, `${address}/hotmart`);
    const event = await publishApproved(tenant);
    await delivered(tenant, event.deliveries[0]!.id);
    const [body] = received;
    assert.ok(body);
    assert.equal(body.hottok, tenant.hottok);
    assert.equal(body.status, 'approved');
    assert.equal(body.transaction, 'HP20418365270931');
    assert.equal(body.purchase_date, '2018-01-08T12:05:58.000Z');
    assert.equal(body.confirmation_purchase_date, '2018-01-08T12:06:00.000Z');
  } finally {
    await app.close();
  }
});
