// Who pays for a request: authenticated calls spend their client's budget (POSTBACK_RATE_LIMIT); everything
// unauthenticated, and every failed authentication (POSTBACK_AUTH_FAILURES, per address and globally), spends its
// source address's, never the client it names. Clients at different addresses are played from 127.0.0.x.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { startPlatform } from './helpers/platform.ts';
import type { Platform } from './helpers/platform.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenRequest = (platform: Platform, authorization: string, from?: string) =>
  platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization }, ...(from ? { from } : {}) });

async function statusesOf(count: number, send: (i: number) => Promise<{ status: number }>): Promise<Map<number, number>> {
  const tally = new Map<number, number>();
  // 16 at a time: bursts must not slip past the limit before their failures are counted
  for (let i = 0; i < count; i += 16) {
    const batch = await Promise.all(Array.from({ length: Math.min(16, count - i) }, (_, j) => send(i + j)));
    for (const { status } of batch) tally.set(status, (tally.get(status) ?? 0) + 1);
  }
  return tally;
}

test("560 bad token requests naming a victim's Client ID never make the victim's own calls or token requests answer 429", async () => {
  await using platform = await startPlatform({ rateLimitPerMinute: 500 });
  const victim = await platform.tenant('Victim');
  const flood = await statusesOf(560, () => tokenRequest(platform, basic(victim.client_id, 'guessed secret'), '127.0.0.2'));
  assert.equal(flood.get(401), platform.config.authFailuresPerAddress, `only POSTBACK_AUTH_FAILURES guesses were checked: ${[...flood]}`);
  assert.equal(flood.get(429), 560 - platform.config.authFailuresPerAddress, 'the rest were refused before any secret was checked');

  for (let i = 0; i < 10; i++) assert.equal((await victim.call('GET', '/api/v1/products')).status, 200, "the victim's bearer calls");
  assert.equal((await tokenRequest(platform, `Basic ${victim.basic}`)).status, 200, "the victim's correct token request");
  const limited = await tokenRequest(platform, `Basic ${victim.basic}`, '127.0.0.2');
  assert.equal(limited.status, 429, "the attacker's address is refused, even with the right secret");
  assert.equal(limited.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
});

test('random Client IDs cannot escape the limit: past it an address is refused before the secret is checked, right or wrong', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  const spray = await statusesOf(400, () => tokenRequest(platform, basic(randomUUID(), 'x'), '127.0.0.3'));
  assert.equal(spray.get(401), platform.config.authFailuresPerAddress, `${[...spray]}`);
  assert.equal(spray.get(429), 400 - platform.config.authFailuresPerAddress);
  assert.equal((await tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.3')).status, 429, 'right credentials from that address wait too: nothing was checked');
  assert.equal((await tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.4')).status, 200, 'another address is not affected');
  // sign-ins draw on the same per-address budget: spraying emails from that address is refused as well
  const signIn = await platform.request('POST', '/api/v1/session', { from: '127.0.0.3', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@example.com', password: 'p' }) });
  assert.equal(signIn.status, 429);
  assert.match(signIn.body.detail, /your address/);
});

test('failed authentications are limited globally too; valid tokens keep working meanwhile', async () => {
  await using platform = await startPlatform({ authFailuresPerAddress: 5, authFailuresGlobal: 8 });
  const tenant = await platform.tenant();
  await statusesOf(5, () => tokenRequest(platform, basic(tenant.client_id, 'wrong'), '127.0.0.5'));
  await statusesOf(3, () => tokenRequest(platform, basic(tenant.client_id, 'wrong'), '127.0.0.6'));
  const refused = await tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.7');
  assert.equal(refused.status, 429, 'a fresh address waits once the server-wide failures are spent');
  assert.match(refused.body.detail, /POSTBACK_AUTH_FAILURES_GLOBAL/);
  assert.equal((await tenant.call('GET', '/api/v1/products')).status, 200, 'an existing access token is not an authentication attempt');
});

test('the API budget counts only authenticated calls against a client; token requests and bad tokens count against the address', async () => {
  await using platform = await startPlatform({ rateLimitPerMinute: 5 });
  const alice = await platform.tenant('Alice');
  const bob = await platform.tenant('Bob');
  const calls = [];
  for (let i = 0; i < 6; i++) calls.push((await alice.call('GET', '/api/v1/products')).status);
  assert.deepEqual(calls, [200, 200, 200, 200, 200, 429], 'five calls per minute, her token request not among them');
  const limited = await alice.call('GET', '/api/v1/products');
  assert.equal(limited.body.code, 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.equal((await bob.call('GET', '/api/v1/products')).status, 200, 'another client has its own budget');

  const badTokens = [];
  for (let i = 0; i < 6; i++) badTokens.push((await platform.request('GET', '/api/v1/products', { from: '127.0.0.8', headers: { authorization: `Bearer forged-${i}` } })).status);
  assert.deepEqual(badTokens, [401, 401, 401, 401, 401, 429], 'bad tokens spend their address');
  assert.equal((await bob.call('GET', '/api/v1/products')).status, 200, '...not a client');

  const tokens = [];
  for (let i = 0; i < 6; i++) tokens.push((await tokenRequest(platform, `Basic ${bob.basic}`, '127.0.0.9')).status);
  assert.deepEqual(tokens, [200, 200, 200, 200, 200, 429], 'token requests spend their address');
  assert.equal((await bob.call('GET', '/api/v1/products')).status, 200, '...not the client they name');
});
