import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSmtpInbox } from '../../test/helpers/smtp-inbox.ts';
import { createMailer, describeSmtpUrl, MailSetupError } from './mailer.ts';

test('a mail goes out through SMTP_URL as text and HTML, in its language', async () => {
  await using inbox = await startSmtpInbox();
  const mailer = createMailer({ smtpUrl: inbox.url, from: 'Postback <postback@example.com>' });
  await mailer.verify();
  await mailer.send({ to: 'aluna@example.com', subject: 'Seu acesso', text: 'Olá, Ana', html: '<p>Olá, Ana</p>', language: 'pt-BR' });
  const mail = await inbox.waitFor('the access mail', (m) => m.subject === 'Seu acesso');
  assert.deepEqual(mail.to, ['aluna@example.com']);
  assert.equal(mail.text.trim(), 'Olá, Ana');
  assert.match(mail.html, /<p>Olá, Ana<\/p>/);
  assert.equal(mail.language, 'pt-BR');
  assert.equal(mail.parsed.from?.value[0]?.address, 'postback@example.com');
  mailer.close();
});

test('a refused mail rejects, so its sender can keep it and retry', async () => {
  await using inbox = await startSmtpInbox();
  inbox.refuseWith = 'mailbox unavailable';
  const mailer = createMailer({ smtpUrl: inbox.url, from: 'postback@example.com' });
  await assert.rejects(mailer.send({ to: 'a@example.com', subject: 's', text: 't', html: '<p>t</p>' }), /mailbox unavailable/);
  mailer.close();
});

test('bad SMTP settings are reported by verify() with what to do, without the password', async () => {
  // a port nothing listens on: the inbox is closed before the mailer tries it
  const inbox = await startSmtpInbox();
  const url = inbox.url.replace('test:test@', 'user:s3cret@');
  await inbox.close();
  const mailer = createMailer({ smtpUrl: url, from: 'postback@example.com' });
  const error = await mailer.verify().then(() => null, (e: unknown) => e);
  assert.ok(error instanceof MailSetupError);
  assert.match(error.message, /^SMTP_URL: cannot send mail through smtp:\/\/127\.0\.0\.1:\d+/);
  assert.doesNotMatch(error.message, /s3cret/);
  mailer.close();
});

test('without SMTP_URL mail is off, and says so', async () => {
  const mailer = createMailer({ smtpUrl: '', from: 'postback@example.com' });
  assert.equal(mailer.enabled, false);
  assert.match(mailer.description, /off/);
  await mailer.verify();
  await assert.rejects(mailer.send({ to: 'a@example.com', subject: 's', text: 't', html: 't' }), /SMTP_URL/);
  assert.throws(() => describeSmtpUrl('not a url'), MailSetupError);
});
