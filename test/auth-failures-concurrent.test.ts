// Concurrent authentications from one address (workers behind one NAT refreshing their tokens together, a burst at
// start-up): correct credentials are never refused for being many at once, while a burst of wrong guesses is still
// capped at POSTBACK_AUTH_FAILURES secret checks. See src/api/auth-failures.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from './helpers/platform.ts';
import type { Platform } from './helpers/platform.ts';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const tokenRequest = (platform: Platform, authorization: string, from: string) =>
  platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization }, from });

async function allAtOnce(count: number, send: () => Promise<{ status: number }>): Promise<Record<number, number>> {
  const tally: Record<number, number> = {};
  for (const { status } of await Promise.all(Array.from({ length: count }, send))) tally[status] = (tally[status] ?? 0) + 1;
  return tally;
}

test('40 concurrent token requests with the right credentials from one address all get a token', async () => {
  await using platform = await startPlatform();
  const tenant = await platform.tenant();
  assert.ok(40 > platform.config.authFailuresPerAddress, 'more at once than the failure budget');
  assert.deepEqual(await allAtOnce(40, () => tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.20')), { 200: 40 });
});

test('the server-wide budget does not refuse concurrent correct credentials either', async () => {
  await using platform = await startPlatform({ authFailuresPerAddress: 50, authFailuresGlobal: 5 });
  const tenant = await platform.tenant();
  const burst = Promise.all(['127.0.0.21', '127.0.0.22', '127.0.0.23'].map((from) => allAtOnce(10, () => tokenRequest(platform, `Basic ${tenant.basic}`, from))));
  assert.deepEqual(await burst, [{ 200: 10 }, { 200: 10 }, { 200: 10 }]);
});

test('20 concurrent wrong guesses from one address: only POSTBACK_AUTH_FAILURES are checked, the rest answer 429', async () => {
  await using platform = await startPlatform({ authFailuresPerAddress: 5 });
  const tenant = await platform.tenant();
  assert.deepEqual(await allAtOnce(20, () => tokenRequest(platform, basic(tenant.client_id, 'guess'), '127.0.0.24')), { 401: 5, 429: 15 });
  assert.deepEqual(await allAtOnce(5, () => tokenRequest(platform, basic(tenant.client_id, 'guess'), '127.0.0.24')), { 429: 5 }, 'and none after');
  const refused = await tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.24');
  assert.equal(refused.status, 429, 'past the limit the right secret waits too');
  assert.match(refused.body.detail, /your address/);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
});

test('right credentials sent while a full budget of wrong guesses is being checked wait for them, then get 429', async () => {
  await using platform = await startPlatform({ authFailuresPerAddress: 5 });
  const tenant = await platform.tenant();
  const guesses = allAtOnce(5, () => tokenRequest(platform, basic(tenant.client_id, 'guess'), '127.0.0.25'));
  const right = tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.25');
  assert.deepEqual(await guesses, { 401: 5 });
  assert.equal((await right).status, 429);
});

test('right credentials mixed with wrong guesses under the budget all get their token', async () => {
  await using platform = await startPlatform({ authFailuresPerAddress: 5 });
  const tenant = await platform.tenant();
  const [guesses, rights] = await Promise.all([
    allAtOnce(4, () => tokenRequest(platform, basic(tenant.client_id, 'guess'), '127.0.0.26')),
    allAtOnce(12, () => tokenRequest(platform, `Basic ${tenant.basic}`, '127.0.0.26')),
  ]);
  assert.deepEqual([guesses, rights], [{ 401: 4 }, { 200: 12 }]);
});
