// POSTBACK_TRUSTED_PROXIES against a real server (and a real members area): this test client on 127.0.0.1 plays the
// reverse proxy, and other loopback addresses (127.0.0.2) a client that connects directly. Behind a trusted proxy each X-Forwarded-For client
// has its own sign-in, reset and token-request limits, and the proxy's X-Forwarded-Proto: https makes the session
// cookie Secure; from anyone else, and without the setting, those headers change nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigurationError, loadConfig } from '../src/config.ts';
import { startPlatform } from './helpers/platform.ts';
import type { ApiAnswer, Platform } from './helpers/platform.ts';
import { startTestArea } from './helpers/members-area.ts';
import { startSmtpInbox } from './helpers/smtp-inbox.ts';

const owner = { account_name: 'Loja da Ana', email: 'ana@example.com', password: 'correct horse battery' };
const attacker = '203.0.113.66';
const victim = '198.51.100.7';

type From = { forwardedFor?: string; proto?: string; from?: string };

function post(platform: Platform, path: string, body: unknown, { forwardedFor, proto, from }: From = {}, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  return platform.request('POST', path, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), ...(proto ? { 'x-forwarded-proto': proto } : {}), ...headers },
    ...(from ? { from } : {}),
  });
}

const signIn = (platform: Platform, password: string, from: From) => post(platform, '/api/v1/session', { email: owner.email, password }, from);

async function setUp(platform: Platform): Promise<void> {
  const answer = await post(platform, '/api/v1/setup', owner);
  assert.equal(answer.status, 201, answer.text);
}

/** `attempts` wrong passwords for the owner's e-mail, each answered 401. */
async function guess(platform: Platform, attempts: number, from: From): Promise<void> {
  for (let i = 0; i < attempts; i++) assert.equal((await signIn(platform, `wrong guess ${i}`, from)).status, 401);
}

test('behind a trusted proxy, each X-Forwarded-For client has its own sign-in limit: a stranger locks out only himself', async () => {
  await using platform = await startPlatform({ trustedProxies: ['127.0.0.1'], loginAttempts: 3 });
  await setUp(platform);
  await guess(platform, 3, { forwardedFor: attacker });
  assert.equal((await signIn(platform, owner.password, { forwardedFor: attacker })).status, 429, 'the stranger is limited');
  const own = await signIn(platform, owner.password, { forwardedFor: victim });
  assert.equal(own.status, 200, `the owner, at another address behind the same proxy, signs in: ${own.text}`);
  // the proxy appends the address it saw: what a client wrote before it is not believed
  assert.equal((await signIn(platform, owner.password, { forwardedFor: `${victim}, ${attacker}` })).status, 429, 'a forged first hop changes nothing');
});

test('a client that is not a trusted proxy cannot dodge the limit with X-Forwarded-For', async () => {
  await using platform = await startPlatform({ trustedProxies: ['127.0.0.1'], loginAttempts: 3 });
  await setUp(platform);
  for (let i = 0; i < 3; i++) assert.equal((await signIn(platform, `wrong guess ${i}`, { from: '127.0.0.2', forwardedFor: `192.0.2.${i + 1}` })).status, 401);
  assert.equal((await signIn(platform, owner.password, { from: '127.0.0.2', forwardedFor: '192.0.2.99' })).status, 429);
});

test('without POSTBACK_TRUSTED_PROXIES, X-Forwarded-For is ignored: every client of a proxy shares its limit', async () => {
  await using platform = await startPlatform({ loginAttempts: 3 });
  await setUp(platform);
  await guess(platform, 3, { forwardedFor: attacker });
  assert.equal((await signIn(platform, owner.password, { forwardedFor: victim })).status, 429);
});

test('behind a trusted proxy, password-reset requests and failed token requests are limited per client too', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ trustedProxies: ['127.0.0.1'], loginAttempts: 2, authFailuresPerAddress: 2, smtpUrl: inbox.url });
  const reset = (forwardedFor: string) => post(platform, '/api/v1/password-reset', { email: 'nobody@example.com' }, { forwardedFor });
  assert.deepEqual([(await reset(attacker)).status, (await reset(attacker)).status, (await reset(attacker)).status], [202, 202, 429]);
  assert.equal((await reset(victim)).status, 202, 'another client behind the proxy can still ask for its link');
  const token = (forwardedFor: string) => platform.request('POST', '/oauth/token?grant_type=client_credentials', {
    headers: { authorization: `Basic ${Buffer.from('nobody:wrong').toString('base64')}`, 'x-forwarded-for': forwardedFor },
  });
  assert.deepEqual([(await token(attacker)).status, (await token(attacker)).status, (await token(attacker)).status], [401, 401, 429]);
  assert.equal((await token(victim)).status, 401, 'another client\'s request is still checked (401), not refused (429)');
});

test('the session cookie is Secure when a trusted proxy says X-Forwarded-Proto: https, and only then', async () => {
  await using platform = await startPlatform({ trustedProxies: ['127.0.0.1'] });
  await setUp(platform);
  const cookie = (answer: ApiAnswer) => { assert.equal(answer.status, 200, answer.text); return answer.headers.get('set-cookie') ?? ''; };
  assert.match(cookie(await signIn(platform, owner.password, { forwardedFor: victim, proto: 'https' })), /; Secure$/);
  assert.doesNotMatch(cookie(await signIn(platform, owner.password, { forwardedFor: victim, proto: 'http' })), /Secure/);
  assert.doesNotMatch(cookie(await signIn(platform, owner.password, { from: '127.0.0.2', proto: 'https' })), /Secure/, 'not from a client that is not a trusted proxy');
  await using untrusting = await startPlatform();
  await setUp(untrusting);
  assert.doesNotMatch(cookie(await signIn(untrusting, owner.password, { forwardedFor: victim, proto: 'https' })), /Secure/, 'not without the setting');
});

test('the old name POSTBACK_CHECKOUT_TRUSTED_PROXIES still works: it trusts the same proxies, for the limits too', async () => {
  const fromOldName = loadConfig({ POSTBACK_CHECKOUT_TRUSTED_PROXIES: '127.0.0.1' }).trustedProxies;
  assert.deepEqual(fromOldName, ['127.0.0.1']);
  assert.deepEqual(loadConfig({ POSTBACK_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1', POSTBACK_CHECKOUT_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' }).trustedProxies, ['10.0.0.0/8', '127.0.0.1'], 'both names, the same proxies: no conflict');
  assert.throws(() => loadConfig({ POSTBACK_TRUSTED_PROXIES: '10.0.0.0/8', POSTBACK_CHECKOUT_TRUSTED_PROXIES: '127.0.0.1' }), ConfigurationError);
  await using platform = await startPlatform({ trustedProxies: fromOldName, loginAttempts: 3 });
  await setUp(platform);
  await guess(platform, 3, { forwardedFor: attacker });
  assert.equal((await signIn(platform, owner.password, { forwardedFor: victim })).status, 200);
});

test('the members area reads the same setting: its admin sign-in limit is per client behind the proxy, its cookie Secure over https', async () => {
  await using t = await startTestArea({ loginAttempts: 3, trustedProxies: ['127.0.0.1'] });
  const adminSignIn = async (password: string, forwardedFor: string, proto = 'http') => fetch(`${t.area.url}/admin/sign-in`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ password }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': proto },
  });
  for (let i = 0; i < 3; i++) assert.equal((await adminSignIn(`wrong ${i}`, attacker)).status, 401);
  assert.equal((await adminSignIn(t.config.adminPassword, attacker)).status, 429, 'the stranger is limited');
  const own = await adminSignIn(t.config.adminPassword, victim, 'https');
  assert.equal(own.status, 303, 'the admin, at another address behind the same proxy, signs in');
  assert.match(own.headers.get('set-cookie') ?? '', /^members_admin=[^;]+;.*; Secure$/);
  await using untrusting = await startTestArea({ loginAttempts: 3 });
  const direct = await fetch(`${untrusting.area.url}/admin/sign-in`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ password: untrusting.config.adminPassword }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
  });
  assert.equal(direct.status, 303);
  assert.doesNotMatch(direct.headers.get('set-cookie') ?? '', /Secure/, 'without the setting X-Forwarded-Proto is not believed');
});
