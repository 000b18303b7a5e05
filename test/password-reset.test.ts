// Dashboard password reset against a real server and a real SMTP server: a one-time link by e-mail, the new
// password works, the old one and every old session do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../src/accounts/create-user.ts';
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

test('a mail server that refuses the reset mail answers mail_refused (try again), not "e-mail is off"', async () => {
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  inbox.refuseWith = '550 mailbox unavailable';
  const refused = await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }));
  assert.equal(refused.status, 502);
  assert.equal(refused.headers.get('content-type')?.split(';')[0], 'application/problem+json');
  assert.equal(refused.body.code, 'mail_refused');
  assert.match(refused.body.detail, /try again in a few minutes/);
  // documented: the route names both 5xx answers in the API's description
  const responses = (await platform.request('GET', '/openapi.json')).body.paths['/api/v1/password-reset'].post.responses;
  assert.match(responses['502'].description, /mail_refused/);
  assert.match(responses['503'].description, /unavailable/);
  // the mail server takes it again: a second try works
  inbox.refuseWith = null;
  assert.equal((await platform.request('POST', '/api/v1/password-reset', json({ email: 'ana@example.com' }))).status, 202);
  await inbox.waitFor('the second try', (m) => m.to.includes('ana@example.com'));
});
