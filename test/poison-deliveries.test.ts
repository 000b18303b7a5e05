// No poison deliveries: an attempt that throws inside Postback (a render error, a stored URL the sender cannot use)
// is recorded as a failed attempt with cause internal_error, counts toward max_attempts and ends `failed`, on both
// stores, through the real platform. The bad rows are written through the store, as rows written before today's
// checks (or by a bug) would be. And the sender's URL parser guards registration: such a URL is a 422.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Platform, Tenant } from './helpers/platform.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { newWebhookId } from './helpers/ids.ts';

after(stopTestPostgres);

const stores = [
  { name: 'SQLite', overrides: async () => ({}) },
  { name: 'PostgreSQL', overrides: async () => ({ databaseUrl: await freshDatabase(), secretKey: randomBytes(32).toString('base64') }) },
];

/** A webhook row as an old version (or a bug) could have left it: written through the store, past the API's checks. */
async function storedWebhook(platform: Platform, tenant: Tenant, fields: { url: string; version?: string; maxAttempts?: number }) {
  return platform.store.createWebhook(tenant.account_id, newWebhookId(), {
    name: 'old row', url: fields.url, events: ['PURCHASE_APPROVED'], products: 'all', version: fields.version ?? '2.0.0',
    maxAttempts: fields.maxAttempts ?? 3, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}`,
  }, Date.now());
}

async function publishedDelivery(tenant: Tenant): Promise<string> {
  const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') });
  assert.equal(answer.status, 202, answer.text);
  return answer.body.deliveries[0].id as string;
}

const settledDetail = (tenant: Tenant, id: string) => eventually('the delivery settled', async () => {
  const detail = (await tenant.call('GET', `/api/v1/deliveries/${id}`)).body;
  return detail.status === 'pending' ? undefined : detail;
});

for (const store of stores) {
  describe(`${store.name}: an attempt that throws inside Postback`, () => {
    test('a delivery whose rendering throws is recorded internal_error on every attempt and ends failed after max_attempts', { timeout: 60_000 }, async () => {
      await using platform = await startPlatform(await store.overrides());
      await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
      const tenant = await platform.tenant();
      // a format version no renderer knows (the API only stores the catalogue's versions)
      const webhook = await storedWebhook(platform, tenant, { url: receiver.url, version: '0.9.0', maxAttempts: 3 });
      const detail = await settledDetail(tenant, await publishedDelivery(tenant));

      assert.equal(detail.status, 'failed');
      assert.equal(detail.attempt_history.length, 3, 'each try is an attempt in the history, counted toward max_attempts');
      for (const attempt of detail.attempt_history) {
        assert.equal(attempt.error, 'internal_error');
        assert.equal(attempt.status_code, null);
        assert.match(attempt.error_detail, /no renderer for format version 0\.9\.0/, 'the message is kept');
      }
      assert.equal(detail.last_error, 'internal_error');
      assert.equal(receiver.requests.length, 0, 'nothing half-rendered was sent');
      const health = await platform.store.getWebhook(tenant.account_id, webhook.id);
      assert.deepEqual([health?.failureStreak, health?.enabled], [0, true], 'our bug does not count against the receiver');
    });

    test('a stored URL the sender cannot parse (http://%zz@host/) is recorded internal_error and ends failed, never stuck', { timeout: 60_000 }, async () => {
      await using platform = await startPlatform(await store.overrides());
      await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
      const tenant = await platform.tenant();
      await storedWebhook(platform, tenant, { url: `http://%zz@127.0.0.1:${receiver.port}/`, maxAttempts: 2 });
      const detail = await settledDetail(tenant, await publishedDelivery(tenant));
      assert.equal(detail.status, 'failed');
      assert.deepEqual(detail.attempt_history.map((attempt: { error: string }) => attempt.error), ['internal_error', 'internal_error']);
      assert.match(detail.attempt_history[0].error_detail, /malformed percent-escape/);
      assert.equal(receiver.requests.length, 0);
    });
  });
}

test('registration uses the sender\'s parser: a URL it could not send to is a 422 at create and at PATCH, and nothing changes', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  for (const url of ['http://%zz@receiver.example/', 'https://user:%E0%A4%A@receiver.example/hook']) {
    const created = await tenant.call('POST', '/api/v1/webhooks', { name: 'bad', url, events: ['PURCHASE_APPROVED'] });
    assert.equal(created.status, 422, created.text);
    assert.equal(created.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(created.body.errors[0].path, 'body.url');
    assert.match(created.body.errors[0].message, /malformed percent-escape.*%25/);
  }
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, [], 'nothing was written');

  const good = await tenant.call('POST', '/api/v1/webhooks', { name: 'good', url: 'https://user:p%40ss@receiver.example/hook', events: ['PURCHASE_APPROVED'] });
  assert.equal(good.status, 201, 'a well-formed escape in the user info is fine');
  const patched = await tenant.call('PATCH', `/api/v1/webhooks/${good.body.id}`, { url: 'http://%zz@receiver.example/' });
  assert.equal(patched.status, 422, patched.text);
  assert.match(patched.body.errors[0].message, /malformed percent-escape/);
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${good.body.id}`)).body.url, 'https://user:p%40ss@receiver.example/hook');
});
