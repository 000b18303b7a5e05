// A leaked access token after the owner rotated the client secret, on a multi-process install: two API processes
// (two servers, each with its own token cache) on ONE PostgreSQL database. The other process may keep accepting the
// revoked token on ordinary routes within POSTBACK_TOKEN_CACHE_TTL (the documented bound), but never on a route that
// mints or reveals credentials or changes who has access: those ask the database every time (src/api/roles.ts).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { eventually } from './helpers/eventually.ts';
import { startPlatform } from './helpers/platform.ts';
import type { ApiAnswer } from './helpers/platform.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';

after(stopTestPostgres);

const refusedAsInvalid = (answer: ApiAnswer, what: string) => {
  assert.equal(answer.status, 401, `${what}: ${answer.text}`);
  assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
  assert.equal(answer.body.code, 'unauthorized', what);
  assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/, what);
};

test('a token revoked on one API process cannot mint or reveal credentials or change the team on another, whose cache still holds it', async () => {
  // a cache far longer than this test: whatever the other process refuses, it refuses because it asked the database
  const settings = { databaseUrl: await freshDatabase(), secretKey: randomBytes(32).toString('base64'), role: 'api' as const, tokenCacheTtlMs: 600_000 };
  await using rotating = await startPlatform(settings);
  await using other = await startPlatform(settings);
  const tenant = await rotating.tenant();
  const webhook = (await tenant.call('POST', '/api/v1/webhooks', { name: 'a', url: 'https://example.com/h', events: ['PURCHASE_APPROVED'] })).body;
  const leaked = { authorization: `Bearer ${tenant.token}` };
  const onOther = (method: string, path: string, body: unknown = {}) => (method === 'GET'
    ? other.request(method, path, { headers: leaked })
    : other.request(method, path, { headers: { ...leaked, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
  assert.equal((await other.request('GET', '/api/v1/account', { headers: leaked })).status, 200, 'the leaked token is now cached on the other process');

  // the owner cuts the leaked token off through the first process
  const rotated = await tenant.call('POST', '/api/v1/account/rotate-client-secret');
  assert.equal(rotated.status, 200);
  assert.equal((await other.request('GET', '/api/v1/products', { headers: leaked })).status, 200,
    'an ordinary route of the other process may still accept it from its cache (the documented POSTBACK_TOKEN_CACHE_TTL window)');

  refusedAsInvalid(await onOther('POST', '/api/v1/account/rotate-client-secret'), 'rotate the client secret');
  refusedAsInvalid(await onOther('POST', '/api/v1/account/rotate-hottok'), 'rotate the hottok');
  refusedAsInvalid(await onOther('POST', `/api/v1/webhooks/${webhook.id}/reveal-secret`), 'reveal a signing secret');
  refusedAsInvalid(await onOther('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, { overlap_hours: 0 }), 'rotate a signing secret');
  refusedAsInvalid(await onOther('POST', '/api/v1/team/invitations', { email: 'mallory@example.com', role: 'owner' }), 'invite a member');
  refusedAsInvalid(await onOther('GET', '/api/v1/products'), 'once the database said the token is gone, this process forgets its cached answer');

  // the owner's new credentials are the only ones: they work on both processes, the leaked token changed nothing
  for (const platform of [rotating, other]) {
    const token = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${rotated.body.basic}` } });
    assert.equal(token.status, 200, 'the owner\'s new client secret still works');
    const account = await platform.request('GET', '/api/v1/account', { headers: { authorization: `Bearer ${token.body.access_token}` } });
    assert.equal(account.body.hottok, tenant.hottok, 'the hottok was not rotated');
  }
  const team = await tenant.call('GET', '/api/v1/team');
  assert.equal(team.status, 401, 'the rotating process refuses the leaked token everywhere');
});

/** Two API processes on one new PostgreSQL database, an account, and the token that whoever holds a copy of its client secret got from the other process. */
async function twoProcessesAndALeakedToken() {
  const databaseUrl = await freshDatabase();
  const settings = { databaseUrl, secretKey: randomBytes(32).toString('base64'), role: 'api' as const, tokenCacheTtlMs: 600_000 };
  const owners = await startPlatform(settings);
  const other = await startPlatform(settings);
  const tenant = await owners.tenant();
  const leakedToken: string = (await other.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${tenant.basic}` } })).body.access_token;
  return { databaseUrl, owners, other, tenant, leakedToken };
}

/** A session of the test's own to hold locks with (`admin`), and how many sessions wait on a lock meanwhile. */
async function lockWatch(databaseUrl: string) {
  const [admin, watcher] = [new pg.Client({ connectionString: databaseUrl }), new pg.Client({ connectionString: databaseUrl })];
  await Promise.all([admin.connect(), watcher.connect()]);
  const lockWaits = async () => Number((await watcher.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n);
  return { admin, watcher, lockWaits };
}

test("a leaked token checked just before the owner's rotation commits cannot rotate after it, on another API process", async () => {
  const { databaseUrl, owners: ownersPlatform, other: otherPlatform, tenant, leakedToken } = await twoProcessesAndALeakedToken();
  await using owners = ownersPlatform;
  await using other = otherPlatform;
  const rotateAs = (platform: typeof other, token: string) => platform.request('POST', '/api/v1/account/rotate-client-secret', { headers: { authorization: `Bearer ${token}` } });

  // the worst order, forced: a session of the test's own holds the API client's row until the owner's rotation waits
  // for it, then the leaked token's request (its token still in the database, so it passes the check) waits behind it
  const { admin, watcher, lockWaits } = await lockWatch(databaseUrl);
  const rotations: Promise<ApiAnswer>[] = [];
  try {
    await admin.query('BEGIN');
    await admin.query('SELECT client_id FROM api_clients WHERE client_id = $1 FOR UPDATE', [tenant.client_id]);
    rotations.push(rotateAs(owners, tenant.token));
    await eventually("the owner's rotation waiting", async () => ((await lockWaits()) === 1 ? true : undefined));
    rotations.push(rotateAs(other, leakedToken));
    await eventually("the leaked token's rotation waiting behind it", async () => ((await lockWaits()) === 2 ? true : undefined));
  } finally {
    await admin.query('COMMIT');
    await Promise.all([admin.end(), watcher.end()]);
  }
  const [owner, leaked] = await Promise.all(rotations);
  assert.equal(owner?.status, 200, owner?.text);
  refusedAsInvalid(leaked!, 'the rotation that came second, with the token the first revoked');
  assert.match(leaked!.body.detail, /revoked while this request ran/);

  // nothing changed: the owner's new client secret is the one that works, on both processes
  for (const platform of [owners, other]) {
    assert.equal((await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${tenant.basic}` } })).status, 401, 'the leaked secret is dead');
    const token = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${owner!.body.basic}` } });
    assert.equal(token.status, 200, "the owner's new client secret still works");
  }
});

test("a leaked token checked just before the owner's rotation commits cannot invite an owner after it, on another API process", async () => {
  const { databaseUrl, owners: ownersPlatform, other: otherPlatform, tenant, leakedToken } = await twoProcessesAndALeakedToken();
  await using owners = ownersPlatform;
  await using other = otherPlatform;
  const email = 'mallory@example.com';

  // the worst order, forced: a session of the test's own holds the lock that invitations to one e-mail take
  // (src/store/postgres/team.ts lockInvitee), so the leaked token's invitation, its token checked as it came in, waits
  // inside its store call while the owner's rotation commits; then the lock is let go
  const { admin, watcher, lockWaits } = await lockWatch(databaseUrl);
  let invited: Promise<ApiAnswer>;
  let rotated: ApiAnswer;
  try {
    await admin.query('BEGIN');
    await admin.query("SELECT pg_advisory_xact_lock(hashtextextended('postback.invite:' || $1 || ':' || $2, 0))", [tenant.account_id, email]);
    invited = other.request('POST', '/api/v1/team/invitations', { headers: { authorization: `Bearer ${leakedToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ email, role: 'owner' }) });
    await eventually('the leaked token\'s invitation waiting in its store call', async () => ((await lockWaits()) === 1 ? true : undefined));
    rotated = await owners.request('POST', '/api/v1/account/rotate-client-secret', { headers: { authorization: `Bearer ${tenant.token}` } });
    assert.equal(rotated.status, 200, rotated.text);
  } finally {
    await admin.query('COMMIT');
    await Promise.all([admin.end(), watcher.end()]);
  }
  const leaked = await invited;
  refusedAsInvalid(leaked, 'the invitation that came after the rotation, with the token it revoked');
  assert.match(leaked.body.detail, /revoked while this request ran/);

  // nothing changed: no invitation waits, and the owner's new client secret is the one that works
  const token = (await owners.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${rotated.body.basic}` } })).body.access_token;
  const team = await owners.request('GET', '/api/v1/team', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(team.status, 200, team.text);
  assert.deepEqual(team.body.invitations, [], 'no owner invitation was made');
});
