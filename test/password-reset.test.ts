// Dashboard password reset against a real server and a real SMTP server: a one-time link by e-mail, the new
// password works, the old one and every old session do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../src/accounts/create-user.ts';
import { eventually } from './helpers/eventually.ts';
import { startPlatform } from './helpers/platform.ts';
import type { Platform } from './helpers/platform.ts';
import { startSmtpInbox } from './helpers/smtp-inbox.ts';

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const signIn = (platform: Platform, email: string, password: string) => platform.request('POST', '/api/v1/session', json({ email, password }));

test('a reset link by e-mail sets a new password once, and ends every session', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url, publicUrl: 'https://postback.example.com' });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  const before = await signIn(platform, 'ana@example.com', 'the old passphrase');
  assert.equal(before.status, 200);
  const cookie = /(postback_session=[^;]*)/.exec(before.headers.get('set-cookie') ?? '')![1]!;

  assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'nobody@example.com' }))).status, 202, 'the same answer for an unknown e-mail');
  assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'ANA@example.com', language: 'en' }))).status, 202);
  const mail = await inbox.waitFor('reset', (m) => m.subject === 'Reset your Postback password');
  assert.deepEqual(mail.to, ['ana@example.com']);
  assert.equal(inbox.mails.length, 1, 'no mail for an e-mail no user has');
  const link = /https:\/\/postback\.example\.com\/reset-password\?token=(\S+)/.exec(mail.text);
  assert.ok(link, mail.text);
  const token = decodeURIComponent(link[1]!);

  assert.equal((await platform.request('POST', '/api/v1/password-reset/complete', json({ token, password: 'short' }))).status, 422, 'the new password follows the rules');
  assert.equal((await platform.request('POST', '/api/v1/password-reset/complete', json({ token, password: 'the new passphrase' }))).status, 204);
  assert.equal((await platform.request('GET', '/api/v1/session', { headers: { cookie } })).status, 401, 'the old session ended');
  assert.equal((await signIn(platform, 'ana@example.com', 'the old passphrase')).status, 401);
  assert.equal((await signIn(platform, 'ana@example.com', 'the new passphrase')).status, 200);
  const audit = (await shop.call('GET', '/api/v1/audit')).body.items as { actor: string; action: string; target: { name: string | null } }[];
  assert.deepEqual(audit.filter((entry) => entry.action === 'user.password_reset').map((entry) => [entry.actor, entry.target.name]), [['ana@example.com', 'ana@example.com']],
    'the account sees that a member set a new password, by the member');
  const again = await platform.request('POST', '/api/v1/password-reset/complete', json({ token, password: 'another passphrase' }));
  assert.equal(again.status, 422, 'a link works once');
  assert.equal(again.body.errors[0].path, 'body.token');
});

test('the reset mail is in the language asked for, pt-BR by default; without SMTP_URL the request says e-mail is off', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }));
  await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com', language: 'es' }));
  assert.equal((await inbox.waitFor('pt-BR', (m) => m.subject === 'Redefinir sua senha do Postback')).language, 'pt-BR');
  assert.equal((await inbox.waitFor('es', (m) => m.subject === 'Restablece tu contraseña de Postback')).language, 'es');
  assert.match(inbox.mails[0]!.text, new RegExp(`${platform.url.replace(/[.]/g, '\\.')}/reset-password\\?token=`), 'without POSTBACK_PUBLIC_URL the link is the server\'s own address');

  await using mailless = await startPlatform({ role: 'api' });
  const off = await mailless.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }));
  assert.equal(off.status, 503);
  assert.equal(off.body.code, 'unavailable');
  assert.match(off.body.detail, /SMTP_URL/);
});

test('the 202 does not wait for the mail server: it comes while the server holds the reset mail unanswered, and the mail then arrives', { timeout: 60_000 }, async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  const hold = inbox.hold();
  // an answer that waited for the mail server would never come while it holds the message (the test would time out)
  const answer = await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com', language: 'en' }));
  assert.equal(answer.status, 202);
  await eventually('the mail server holds the reset mail', () => (hold.held() > 0 ? true : undefined));
  assert.equal(inbox.mails.length, 0, 'nothing taken yet');
  hold.release();
  const mail = await inbox.waitFor('the reset mail, once the server answers', (m) => m.subject === 'Reset your Postback password');
  assert.deepEqual(mail.to, ['ana@example.com']);
});

test('a mail server that refuses the reset mail changes nothing in the answer: the same 202 for a user\'s e-mail as for any other', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  inbox.refuseWith = '550 mailbox unavailable';
  const known = await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }));
  const unknown = await platform.request('POST', '/api/v1/password-reset', json({ email: 'nobody@example.com' }));
  assert.deepEqual([known.status, known.text], [202, '']);
  assert.deepEqual([unknown.status, unknown.text], [known.status, known.text], 'mail_refused (or anything else) never tells the two apart');
  // documented: 503 when e-mail is off, and no answer that depends on the mail server
  const responses = (await platform.request('GET', '/openapi.json')).body.paths['/api/v1/password-reset'].post.responses;
  assert.match(responses['503'].description, /unavailable/);
  assert.equal(responses['502'], undefined);
  // the mail server takes it again: a new request works
  inbox.refuseWith = null;
  assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }))).status, 202);
  await inbox.waitFor('the second try', (m) => m.to.includes('ana@example.com'));
});

test('reset requests are limited per e-mail and address by POSTBACK_LOGIN_ATTEMPTS; the 429 says when to ask again (Retry-After)', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url, loginAttempts: 3 });
  for (let i = 0; i < 3; i++) assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }))).status, 202);
  const refused = await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }));
  assert.equal(refused.status, 429);
  assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(refused.body.code, 'rate_limited');
  const retryAfter = Number(refused.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After in seconds, within the 15-minute window: ${refused.headers.get('retry-after')}`);
  assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'other@example.com' }))).status, 202, 'another e-mail is counted apart');
});
