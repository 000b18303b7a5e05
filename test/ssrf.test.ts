// The SSRF guard through the real platform: registration refuses internal URLs, and a delivery whose URL points
// inside is refused at connect time (blocked_address) with ZERO requests reaching the receiver on 127.0.0.1,
// until an operator allows the network with POSTBACK_ALLOW_NETWORKS.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { createAccount } from '../src/accounts/create-account.ts';
import { sampleData } from '../src/catalog/index.ts';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';

const hook = { name: 'Members area', events: ['PURCHASE_APPROVED'] };

test('registration refuses internal URLs with a 422 naming body.url, and writes nothing', async () => {
  await using platform = await startPlatform({ allowNetworks: [] });
  const tenant = await platform.tenant();
  for (const url of ['http://127.0.0.1/', 'http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/', 'http://100.64.0.1/',
    'http://[fd00::1]/', 'http://localhost:8080/', 'http://app.localhost/']) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', { ...hook, url });
    assert.equal(answer.status, 422, `${url}: ${answer.text}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(answer.body.code, 'validation_failed');
    const error = answer.body.errors.find((e: { path: string }) => e.path === 'body.url');
    assert.ok(error, `${url}: ${answer.text}`);
    assert.match(error.message, /Postback does not send to private networks\. An operator can allow it with POSTBACK_ALLOW_NETWORKS\.$/);
  }
  const loopback = await tenant.call('POST', '/api/v1/webhooks', { ...hook, url: 'http://127.1/' });
  assert.match(loopback.body.detail, /127\.0\.0\.1 is a loopback address/);
  assert.deepEqual((await tenant.call('GET', '/api/v1/webhooks')).body.items, []);

  // a public name is accepted (names are resolved, and checked, only at connect time); changing it to an
  // internal address is refused the same way and changes nothing
  const created = await tenant.call('POST', '/api/v1/webhooks', { ...hook, url: 'https://members.example.com/hotmart' });
  assert.equal(created.status, 201, created.text);
  const patched = await tenant.call('PATCH', `/api/v1/webhooks/${created.body.id}`, { url: 'http://169.254.169.254/latest/meta-data' });
  assert.equal(patched.status, 422);
  assert.ok(patched.body.errors.some((e: { path: string }) => e.path === 'body.url'));
  assert.equal((await tenant.call('GET', `/api/v1/webhooks/${created.body.id}`)).body.url, 'https://members.example.com/hotmart');
});

test('an operator allowance lets the same URLs register', async () => {
  await using platform = await startPlatform({ allowNetworks: loadConfig({ POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32,::1/128' }).allowNetworks });
  const tenant = await platform.tenant();
  for (const url of ['http://127.0.0.1:9000/', 'http://127.1:9000/', 'http://[::1]:9000/', 'http://localhost:9000/']) {
    const answer = await tenant.call('POST', '/api/v1/webhooks', { ...hook, url });
    assert.equal(answer.status, 201, `${url}: ${answer.text}`);
  }
  assert.equal((await tenant.call('POST', '/api/v1/webhooks', { ...hook, url: 'http://10.0.0.1/' })).status, 422, 'only what was allowed');
});

// `postback serve` in this process on a kept data dir, its knobs read from the environment like the real thing.
async function serve(dataDir: string, env: Record<string, string>): Promise<RunningServer & { call(method: string, path: string, token: string, body?: unknown): Promise<any> }> {
  const config = loadConfig({ POSTBACK_RETRY_SCHEDULE: '0', POSTBACK_POLL_INTERVAL: '200ms', ...env }, { port: 0, dataDir, logLevel: 'silent' });
  const server = await startServer(config, pino({ level: 'silent' }));
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method, body: body === undefined ? null : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    });
    return { status: response.status, body: await response.json() };
  };
  return Object.assign(server, { call });
}

test('a stored URL that points inside is refused at connect time: blocked_address, and the receiver gets nothing', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'postback-ssrf-'));
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  try {
    // 1. the operator allows 127.0.0.1 and a webhook to a receiver there is registered
    let token: string;
    let webhookId: string;
    {
      await using allowing = await serve(dataDir, { POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32' });
      const account = await createAccount(allowing.store, { name: 'SSRF store', kind: 'producer' }, Date.now());
      const issued = await fetch(`${allowing.url}/oauth/token?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${account.basic}` } });
      token = ((await issued.json()) as { access_token: string }).access_token;
      const created = await allowing.call('POST', '/api/v1/webhooks', token, { ...hook, url: `${receiver.url}/hook` });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      webhookId = created.body.id;
    }

    // 2. the allowance is removed (restart with POSTBACK_ALLOW_NETWORKS unset): the guard is on by default
    let deliveryId: string;
    {
      await using guarded = await serve(dataDir, {});
      const published = await guarded.call('POST', '/api/v1/events', token, { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') });
      assert.equal(published.status, 202, JSON.stringify(published.body));
      deliveryId = published.body.deliveries[0].id;
      const failed = await eventually('the delivery to fail', async () => {
        const detail = (await guarded.call('GET', `/api/v1/deliveries/${deliveryId}`, token)).body;
        return detail.status === 'failed' ? detail : undefined;
      });
      assert.equal(failed.attempt_history.length, 1);
      assert.equal(failed.attempt_history[0].error, 'blocked_address');
      assert.equal(failed.attempt_history[0].status_code, null);
      assert.match(failed.attempt_history[0].error_detail, /connect to 127\.0\.0\.1 refused by the address check/);
      assert.equal(receiver.connections(), 0, 'not even a TCP connection reached the receiver');
      assert.equal(receiver.requests.length, 0);
      const webhook = (await guarded.call('GET', `/api/v1/webhooks/${webhookId}`, token)).body;
      assert.equal(webhook.enabled, true, 'a blocked attempt does not disable the webhook on its own');
    }

    // 3. with POSTBACK_ALLOW_NETWORKS=127.0.0.1/32 again, a resend of the same delivery reaches the receiver
    {
      await using allowing = await serve(dataDir, { POSTBACK_ALLOW_NETWORKS: '127.0.0.1/32' });
      const resent = await allowing.call('POST', `/api/v1/deliveries/${deliveryId}/resend`, token);
      assert.ok(resent.status < 300, JSON.stringify(resent.body));
      await eventually('the resend to be delivered', async () => {
        const detail = (await allowing.call('GET', `/api/v1/deliveries/${deliveryId}`, token)).body;
        return detail.status === 'delivered' ? detail : undefined;
      });
      assert.equal(receiver.requests.length, 1);
      assert.equal(receiver.requests[0]!.url, '/hook');
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
