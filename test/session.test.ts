// Dashboard sign-in against a real server: first-run set-up, cookie flags, CSRF on writes, sign-out, equal answers
// for bad credentials, the sign-in throttle, hostile input, and users made by `postback account create`.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import { freshDataDir, killAllChildren, runCli } from './helpers/process.ts';
import { startPlatform } from './helpers/platform.ts';
import type { ApiAnswer, Platform } from './helpers/platform.ts';

after(killAllChildren);

const owner = { account_name: 'Loja da Ana', email: 'ana@example.com', password: 'correct horse battery' };

/** The `name=value` part of the session cookie a response sets, to send back in a Cookie header. */
function sessionCookieOf(answer: ApiAnswer): string {
  const header = answer.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)(postback_session=[^;]*)/.exec(header);
  assert.ok(match?.[1], `a postback_session cookie is set, got: ${header}`);
  return match[1];
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

async function setUp(platform: Platform) {
  const answer = await platform.request('POST', '/api/v1/setup', json(owner));
  assert.equal(answer.status, 201, answer.text);
  return { answer, cookie: sessionCookieOf(answer), csrf: answer.body.csrf_token as string };
}

async function signIn(platform: Platform, email: string, password: string) {
  return platform.request('POST', '/api/v1/session', json({ email, password }));
}

test('first-run set-up works once: creates the account and its user, signs in, shows the credentials; then 409', async () => {
  await using platform = await startPlatform();
  assert.deepEqual((await platform.request('GET', '/api/v1/setup')).body, { available: true });
  const { answer, cookie } = await setUp(platform);
  for (const key of ['account_id', 'client_id', 'client_secret', 'basic', 'hottok', 'csrf_token']) assert.ok(answer.body[key], `${key} is shown once`);
  assert.equal(answer.body.email, owner.email);
  assert.equal(answer.body.basic, Buffer.from(`${answer.body.client_id}:${answer.body.client_secret}`).toString('base64'));
  const token = await platform.request('POST', '/oauth/token?grant_type=client_credentials', { headers: { authorization: `Basic ${answer.body.basic}` } });
  assert.equal(token.status, 200, 'the shown credentials work');
  const me = await platform.request('GET', '/api/v1/session', { headers: { cookie } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.user.email, owner.email);
  assert.equal(me.body.account.name, owner.account_name);
  assert.equal(me.body.csrf_token, answer.body.csrf_token);

  assert.deepEqual((await platform.request('GET', '/api/v1/setup')).body, { available: false });
  const again = await platform.request('POST', '/api/v1/setup', json({ ...owner, email: 'mallory@example.com' }));
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'conflict');
  assert.equal(again.headers.get('set-cookie'), null);
  assert.equal(await platform.store.countAccounts(), 1);
  assert.equal(await platform.store.findUserByEmail('mallory@example.com'), null);
});

test('the session cookie is HttpOnly, SameSite=Strict, scoped to the API, not Secure over plain http; the password is hashed', async () => {
  await using platform = await startPlatform();
  const { answer } = await setUp(platform);
  const header = answer.headers.get('set-cookie') ?? '';
  assert.match(header, /^postback_session=[A-Za-z0-9_-]{40,}; /);
  assert.match(header, /; HttpOnly/);
  assert.match(header, /; SameSite=Strict/);
  assert.match(header, /; Path=\/api\/v1/);
  assert.match(header, /; Max-Age=43200/);
  assert.doesNotMatch(header, /Secure/, 'Secure only when the request came over https');
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  const user = await platform.store.findUserByEmail(owner.email);
  assert.ok(user);
  assert.match(user.passwordHash, /^scrypt\$/);
  assert.ok(!user.passwordHash.includes(owner.password));
});

test('writes with a session cookie need the X-CSRF-Token header (403 problem without it, nothing written); reads and bearer calls do not', async () => {
  await using platform = await startPlatform();
  const { cookie, csrf } = await setUp(platform);
  const webhook = { name: 'members', url: 'https://example.com/hook', events: ['PURCHASE_APPROVED'] };
  for (const headers of [{ cookie }, { cookie, 'x-csrf-token': 'not-the-token' }, { cookie, 'x-csrf-token': '' }] as Record<string, string>[]) {
    const refused = await platform.request('POST', '/api/v1/webhooks', json(webhook, headers));
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(refused.body.code, 'csrf_failed');
    assert.match(refused.body.detail, /X-CSRF-Token/);
  }
  const forgedDelete = await platform.request('DELETE', '/api/v1/session', { headers: { cookie } });
  assert.equal(forgedDelete.status, 403, 'signing out is a write too');
  assert.deepEqual((await platform.request('GET', '/api/v1/webhooks', { headers: { cookie } })).body.items, [], 'nothing was created');

  const created = await platform.request('POST', '/api/v1/webhooks', json(webhook, { cookie, 'x-csrf-token': csrf }));
  assert.equal(created.status, 201, created.text);
  assert.equal((await platform.request('GET', '/api/v1/webhooks', { headers: { cookie } })).body.items.length, 1, 'reads need no CSRF token');

  const tenant = await platform.tenant('Bearer store');
  const viaBearer = await tenant.call('POST', '/api/v1/webhooks', webhook, { cookie });
  assert.equal(viaBearer.status, 201, 'a bearer token decides alone and needs no CSRF token, even beside a cookie');
  assert.equal((await tenant.call('GET', '/api/v1/webhooks')).body.items.length, 1, 'and it acts on the token\'s account, not the cookie\'s');
  const bearerMe = await tenant.call('GET', '/api/v1/session');
  assert.equal(bearerMe.status, 200);
  assert.equal(bearerMe.body.user, null);
  assert.equal(bearerMe.body.csrf_token, null);
  const badBearer = await platform.request('GET', '/api/v1/webhooks', { headers: { cookie, authorization: 'Bearer nope' } });
  assert.equal(badBearer.status, 401, 'a bad bearer token never falls back to the cookie');
});

test('sign-out deletes the session: the old cookie is refused afterwards', async () => {
  await using platform = await startPlatform();
  const { cookie, csrf } = await setUp(platform);
  const out = await platform.request('DELETE', '/api/v1/session', { headers: { cookie, 'x-csrf-token': csrf } });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie') ?? '', /^postback_session=; Path=\/api\/v1; Max-Age=0; HttpOnly; SameSite=Strict/);
  for (const [method, path] of [['GET', '/api/v1/session'], ['GET', '/api/v1/webhooks']] as const) {
    const answer = await platform.request(method, path, { headers: { cookie } });
    assert.equal(answer.status, 401, `${method} ${path} after sign-out`);
    assert.equal(answer.body.code, 'unauthorized');
    assert.match(answer.body.detail, /sign in again/);
  }
  const back = await signIn(platform, owner.email, owner.password);
  assert.equal(back.status, 200, back.text);
  assert.notEqual(sessionCookieOf(back), cookie, 'a new sign-in gets a new session');
  assert.equal((await platform.request('GET', '/api/v1/session', { headers: { cookie: sessionCookieOf(back) } })).body.user.email, owner.email);
  assert.equal((await signIn(platform, '  ANA@Example.COM ', owner.password)).status, 200, 'emails compare without case or surrounding spaces');
});

test('a wrong email and a wrong password get the same 401 and take about as long (no fast path for unknown emails)', async () => {
  await using platform = await startPlatform();
  await setUp(platform);
  const timed = async (email: string, password: string) => {
    const started = performance.now();
    const answer = await signIn(platform, email, password);
    return { answer, ms: performance.now() - started };
  };
  const unknown: number[] = [];
  const wrong: number[] = [];
  let answers: ApiAnswer[] = [];
  for (let i = 0; i < 3; i++) {
    const a = await timed(`nobody${i}@example.com`, owner.password);
    const b = await timed(owner.email, `wrong password ${i}`);
    unknown.push(a.ms);
    wrong.push(b.ms);
    answers = [a.answer, b.answer];
  }
  for (const answer of answers) {
    assert.equal(answer.status, 401);
    assert.equal(answer.body.code, 'invalid_credentials');
    assert.equal(answer.headers.get('set-cookie'), null);
  }
  assert.deepEqual(answers[0]!.body, answers[1]!.body, 'identical bodies');
  // both verify one scrypt hash (tens of ms); an unknown email answered without it would be many times faster
  assert.ok(Math.min(...unknown) > 0.5 * Math.min(...wrong), `unknown email ${Math.min(...unknown).toFixed(1)} ms vs wrong password ${Math.min(...wrong).toFixed(1)} ms`);
});

test('failed sign-ins are throttled per email and address: past the limit even the right password waits (429)', async () => {
  await using platform = await startPlatform({ loginAttempts: 3 });
  await setUp(platform);
  for (let i = 0; i < 3; i++) assert.equal((await signIn(platform, owner.email, 'guess')).status, 401);
  const limited = await signIn(platform, owner.email, owner.password);
  assert.equal(limited.status, 429);
  assert.equal(limited.body.code, 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  assert.equal(limited.headers.get('set-cookie'), null);
  assert.equal((await signIn(platform, 'other@example.com', 'guess')).status, 401, 'another email is counted apart');
});

test('hostile input to sign-in and set-up gets a clear problem+json naming the field, and writes nothing', async () => {
  await using platform = await startPlatform();
  const cases: { path: string; body: string; type?: string; status: number; field?: string }[] = [
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, email: `${'a'.repeat(300)}@example.com` }), status: 422, field: 'body.email' },
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, email: 'not-an-email' }), status: 422, field: 'body.email' },
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, password: 'short' }), status: 422, field: 'body.password' },
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, password: 'p'.repeat(10_000) }), status: 422, field: 'body.password' },
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, account_name: '   ' }), status: 422, field: 'body.account_name' },
    { path: '/api/v1/setup', body: JSON.stringify({ ...owner, admin: true }), status: 422 },
    { path: '/api/v1/setup', body: '{"account_name": "x", ', status: 400 },
    { path: '/api/v1/setup', body: 'account_name=x', type: 'application/x-www-form-urlencoded', status: 415 },
    { path: '/api/v1/setup', body: JSON.stringify([owner]), status: 422 },
    { path: '/api/v1/session', body: JSON.stringify({ email: 'e'.repeat(100_000), password: 'x' }), status: 422, field: 'body.email' },
    { path: '/api/v1/session', body: JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(100_000) }), status: 422, field: 'body.password' },
    { path: '/api/v1/session', body: JSON.stringify({ email: 42, password: null }), status: 422, field: 'body.email' },
    { path: '/api/v1/session', body: 'not json', status: 400 },
    { path: '/api/v1/session', body: 'email=a', type: 'text/plain', status: 415 },
    { path: '/api/v1/session', body: JSON.stringify({ email: 'x', password: 'y'.repeat(300_000) }), status: 413 },
  ];
  for (const { path, body, type, status, field } of cases) {
    const answer = await platform.request('POST', path, { body, headers: { 'content-type': type ?? 'application/json' } });
    const what = `${path} ${body.slice(0, 40)}`;
    assert.equal(answer.status, status, `${what}: ${answer.text.slice(0, 200)}`);
    assert.equal(answer.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
    assert.ok(typeof answer.body.detail === 'string' && answer.body.detail.length > 0, `${what}: a detail says what to do`);
    if (field) assert.ok(answer.body.errors.some((error: { path: string }) => error.path === field), `${what}: names ${field}, got ${JSON.stringify(answer.body.errors)}`);
    assert.equal(answer.headers.get('set-cookie'), null, `${what}: no session`);
  }
  assert.equal(await platform.store.countAccounts(), 0, 'no account was written');
  assert.deepEqual((await platform.request('GET', '/api/v1/setup')).body, { available: true });
});

test('`postback account create --email --password` makes a user who can sign in; bad or taken emails are refused before anything is written', async (t) => {
  const dataDir = await freshDataDir('postback-session-');
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const created = await runCli(['account', 'create', '--name', 'Loja', '--email', 'Bia@Example.com', '--password', 'a long passphrase', '--json', '--data-dir', dataDir]);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(JSON.parse(created.stdout).email, 'bia@example.com');
  const taken = await runCli(['account', 'create', '--name', 'Other', '--email', 'bia@example.com', '--password', 'another passphrase', '--data-dir', dataDir]);
  assert.equal(taken.code, 2);
  assert.match(taken.stderr, /already signs in/);
  const short = await runCli(['account', 'create', '--name', 'Other', '--email', 'c@example.com', '--password', 'short', '--data-dir', dataDir]);
  assert.equal(short.code, 2);
  assert.match(short.stderr, /--password: at least 8 characters/);
  const half = await runCli(['account', 'create', '--name', 'Other', '--email', 'c@example.com', '--data-dir', dataDir]);
  assert.equal(half.code, 2);
  assert.match(half.stderr, /--email and --password go together/);

  await using platform = await startPlatform({ dataDir });
  assert.equal(await platform.store.countAccounts(), 1, 'the refused commands wrote no account');
  const answer = await signIn(platform, 'bia@example.com', 'a long passphrase');
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.account.name, 'Loja');
  assert.deepEqual((await platform.request('GET', '/api/v1/setup')).body, { available: false });
});
