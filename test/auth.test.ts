// OAuth2 client credentials and bearer auth, against a real server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256Hex } from '../src/security/secrets.ts';
import { eventually, startPlatform } from './helpers/platform.ts';

test('client credentials: Basic header, form fields, and the Hotmart alias all issue a bearer token', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const viaBasic = await platform.request('POST', '/oauth/token', {
    headers: { authorization: `Basic ${tenant.basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials',
  });
  assert.equal(viaBasic.status, 200);
  assert.equal(viaBasic.body.token_type, 'bearer');
  assert.equal(viaBasic.body.expires_in, 3600);
  assert.equal(viaBasic.headers.get('cache-control'), 'no-store');
  const viaForm = await platform.request('POST', '/oauth/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: tenant.client_id, client_secret: tenant.client_secret }).toString(),
  });
  assert.equal(viaForm.status, 200);
  const hotmartStyle = await platform.request('POST', `/security/oauth/token?grant_type=client_credentials&client_id=${tenant.client_id}&client_secret=${tenant.client_secret}`, {
    headers: { authorization: `Basic ${tenant.basic}` },
  });
  assert.equal(hotmartStyle.status, 200);
  for (const answer of [viaBasic, viaForm, hotmartStyle]) {
    const list = await platform.request('GET', '/api/v1/webhooks', { headers: { authorization: `Bearer ${answer.body.access_token}` } });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items, []);
  }
});

test('a bad client gets the same 401 invalid_client for an unknown id and a wrong secret', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` });
  const wrongSecret = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: basic(tenant.client_id, 'nope') });
  const unknownId = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: basic('nobody', tenant.client_secret) });
  for (const answer of [wrongSecret, unknownId]) {
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'invalid_client');
    assert.match(answer.headers.get('www-authenticate') ?? '', /^Basic/);
  }
  assert.deepEqual(wrongSecret.body, unknownId.body);
  const noGrant = await platform.request('POST', '/oauth/token', { headers: basic(tenant.client_id, tenant.client_secret) });
  assert.equal(noGrant.status, 400);
  assert.equal(noGrant.body.error, 'unsupported_grant_type');
  const garbage = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: 'Basic %%%not-base64' } });
  assert.equal(garbage.status, 401);
});

test('every /api/v1 route needs a valid bearer token', async () => {
  await using platform = await startPlatform();
  for (const authorization of [undefined, 'Bearer', 'Bearer not-a-real-token', 'Basic abc', `Bearer ${'x'.repeat(5000)}`]) {
    const answer = await platform.request('GET', '/api/v1/deliveries', { headers: authorization ? { authorization } : {} });
    assert.equal(answer.status, 401, `authorization=${authorization?.slice(0, 20)}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(answer.body.code, 'unauthorized');
    assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
});

test('tokens expire after POSTBACK_TOKEN_TTL: the store holds the expiry, and the API refuses the token from then on', async () => {
  const ttl = 60_000;
  await using platform = await startPlatform({ tokenTtlMs: ttl });
  const before = Date.now();
  const tenant = await platform.tenant();
  const after = Date.now();
  assert.equal((await tenant.call('GET', '/api/v1/products')).status, 200);
  // time is an input of the store's lookup: ask it about the instants on either side of the expiry, no sleeping
  const hash = sha256Hex(tenant.token);
  assert.notEqual(await platform.store.findAccessToken(hash, before + ttl - 1), null, 'still valid just before issued + TTL');
  assert.equal(await platform.store.findAccessToken(hash, after + ttl), null, 'expired from issued + TTL on');
  const token = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${tenant.basic}` } });
  assert.equal(token.body.expires_in, ttl / 1000);

  // and the API asks the store with the current time: wait for the fact (a 401), then check it did not come early
  const shortTtl = 300;
  await using shortLived = await startPlatform({ tokenTtlMs: shortTtl });
  const issuedNoEarlierThan = Date.now();
  const brief = await shortLived.tenant();
  await eventually('the short-lived token is refused', async () => ((await brief.call('GET', '/api/v1/products')).status === 401 ? true : undefined));
  assert.ok(Date.now() - issuedNoEarlierThan >= shortTtl, 'refused only once its TTL had passed');
});

test('responses carry security headers and no CORS grant', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const answer = await tenant.call('GET', '/api/v1/webhooks', undefined, { origin: 'https://evil.example' });
  assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(answer.headers.get('x-frame-options'), 'DENY');
  assert.equal(answer.headers.get('access-control-allow-origin'), null);
  const preflight = await platform.request('OPTIONS', '/api/v1/webhooks', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
});

test('a rotated client secret stops its tokens at once on the process that rotated it, and on the other processes of the store within POSTBACK_TOKEN_CACHE_TTL', async () => {
  // four processes on one SQLite file: the one that rotates, one that caches for a minute (longer than this test),
  // one without a cache, and one that caches for 300 ms
  await using rotating = await startPlatform({ tokenCacheTtlMs: 60_000 });
  const beside = (tokenCacheTtlMs: number) => startPlatform({ dataDir: rotating.config.dataDir, tokenCacheTtlMs });
  await using longCache = await beside(60_000);
  await using noCache = await beside(0);
  await using shortCache = await beside(300);
  const tenant = await rotating.tenant();
  const bearer = { authorization: `Bearer ${tenant.token}` };
  const list = (platform: typeof rotating, headers = bearer) => platform.request('GET', '/api/v1/products', { headers });
  for (const platform of [rotating, longCache, noCache, shortCache]) assert.equal((await list(platform)).status, 200, 'the token works everywhere (and is cached where a cache is on)');

  const rotated = await tenant.call('POST', '/api/v1/account/rotate-client-secret');
  assert.equal(rotated.status, 200);
  assert.equal((await list(rotating)).status, 401, 'refused at once by the process that rotated the secret, its cache notwithstanding');
  assert.equal((await list(noCache)).status, 401, 'refused at once by a process without a cache');
  assert.equal((await list(longCache)).status, 200, 'another process may keep accepting it for up to its POSTBACK_TOKEN_CACHE_TTL (the documented bound)');
  await eventually('the 300 ms cache lets the revoked token go', async () => ((await list(shortCache)).status === 401 ? true : undefined));

  const fresh = await longCache.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${rotated.body.basic}` } });
  assert.equal(fresh.status, 200, 'the new secret works on every process at once');
  for (const platform of [rotating, longCache, noCache, shortCache]) assert.equal((await list(platform, { authorization: `Bearer ${fresh.body.access_token}` })).status, 200);
});
