// Secrets at rest and their rotation: the raw database file holds no secret in clear; rotations behave.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';


test('the database files never hold a client secret, a signing secret or a hottok in clear', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const webhook = (await tenant.call('POST', '/api/v1/webhooks', { name: 'a', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  const rotated = (await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`)).body;
  const hottok = (await tenant.call('POST', '/api/v1/account/rotate-hottok')).body.hottok;
  const secrets = [tenant.client_secret, tenant.hottok, hottok, webhook.secret, rotated.secret, tenant.token];
  const raw = readdirSync(platform.dataDir).filter((file) => file.startsWith('postback.db')).map((file) => readFileSync(join(platform.dataDir, file)).toString('latin1')).join('');
  assert.ok(raw.length > 0);
  for (const secret of secrets) {
    const core = secret.replace(/^whsec_/, '');
    assert.ok(!raw.includes(core), `found a secret in clear in the database file: ${secret.slice(0, 10)}...`);
    assert.ok(!raw.includes(Buffer.from(core).toString('base64')), 'found a secret base64-encoded');
  }
});

test('a rotated signing secret signs beside the new one during the overlap; both verify with standardwebhooks', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  const created = (await tenant.call('POST', '/api/v1/webhooks', { name: 'a', url: receiver.url, events: ['PURCHASE_APPROVED'] })).body;
  const rotated = await tenant.call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`);
  assert.equal(rotated.status, 200);
  assert.notEqual(rotated.body.secret, created.secret);
  assert.ok(Date.parse(rotated.body.previous_secret_expires_at) > Date.now() + 23 * 3_600_000);
  await tenant.call('POST', `/api/v1/webhooks/${created.id}/test`, { event: 'PURCHASE_APPROVED' });
  await eventually('delivery', () => receiver.requests[0]);
  const { body, headers } = receiver.requests[0]!;
  assert.equal(String(headers['webhook-signature']).split(' ').length, 2);
  for (const secret of [created.secret, rotated.body.secret]) {
    assert.doesNotThrow(() => new StandardWebhook(secret).verify(body.toString('utf8'), headers as Record<string, string>));
  }
  assert.equal((await tenant.call('POST', '/api/v1/webhooks/nope/rotate-secret')).status, 404);
});

test('after the overlap only the new secret signs', async () => {
  await using platform = await startPlatform({ secretOverlapMs: 0 });
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  const created = (await tenant.call('POST', '/api/v1/webhooks', { name: 'a', url: receiver.url, events: ['PURCHASE_APPROVED'] })).body;
  const rotated = (await tenant.call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`)).body;
  await tenant.call('POST', `/api/v1/webhooks/${created.id}/test`, { event: 'PURCHASE_APPROVED' });
  await eventually('delivery', () => receiver.requests[0]);
  const { body, headers } = receiver.requests[0]!;
  assert.doesNotThrow(() => new StandardWebhook(rotated.secret).verify(body.toString('utf8'), headers as Record<string, string>));
  assert.throws(() => new StandardWebhook(created.secret).verify(body.toString('utf8'), headers as Record<string, string>));
});

test('a rotated hottok is sent at once; a rotated client secret locks out the old secret and its tokens at once', async () => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_req, res) => res.end());
  const tenant = await platform.tenant();
  const webhook = (await tenant.call('POST', '/api/v1/webhooks', { name: 'a', url: receiver.url, events: ['PURCHASE_APPROVED'] })).body;
  assert.equal((await tenant.call('GET', '/api/v1/account')).body.hottok, tenant.hottok);
  assert.equal((await tenant.call('GET', '/api/v1/account')).body.client_id, tenant.client_id);
  const { hottok } = (await tenant.call('POST', '/api/v1/account/rotate-hottok')).body;
  assert.notEqual(hottok, tenant.hottok);
  await tenant.call('POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_APPROVED' });
  await eventually('delivery', () => receiver.requests[0]);
  assert.equal(receiver.requests[0]!.headers['x-hotmart-hottok'], hottok);

  const fresh = await tenant.call('POST', '/api/v1/account/rotate-client-secret');
  assert.equal(fresh.status, 200);
  assert.equal(fresh.body.client_id, tenant.client_id);
  assert.equal((await tenant.call('GET', '/api/v1/webhooks')).status, 401, 'tokens of the old secret are revoked');
  const withOld = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${tenant.basic}` } });
  assert.equal(withOld.status, 401);
  const withNew = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${fresh.body.basic}` } });
  assert.equal(withNew.status, 200);
});
