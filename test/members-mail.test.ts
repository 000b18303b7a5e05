// The members area's e-mail (issue 15, item 2): the credentials through a real SMTP server (smtp-server, read back
// with mailparser), in plain text and HTML and in the buyer's language; a failed mail retried, visible on the admin
// page and never lost; "forgot password" as a one-time link; bad SMTP settings stop start-up with what to fix.
import assert from 'node:assert/strict';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import pino from 'pino';
import { MailSetupError } from '../src/mail/mailer.ts';
import { loadMembersConfig } from '../src/members/members-config.ts';
import { startMembersArea } from '../src/members/start-members.ts';
import { eventually } from './helpers/eventually.ts';
import { closedPort } from './helpers/hostile-receivers.ts';
import { hottok, notification, startTestArea } from './helpers/members-area.ts';
import { mailField, openPage, submitForm } from './helpers/members-browserless.ts';
import { freshDataDir, killAllChildren, runCli } from './helpers/process.ts';
import { startSmtpInbox } from './helpers/smtp-inbox.ts';

after(killAllChildren);

test('the credentials e-mail: text and HTML, the buyer\'s language (pt-BR by default), a password that signs in', async () => {
  await using t = await startTestArea();
  const buyers = [['bia@example.com', 'BR', 'pt-BR', /Seu acesso a Curso de Fotografia/], ['lucia@example.com', 'MX', 'es', /Tu acceso a Curso de Fotografia/],
    ['john@example.com', 'US', 'en', /Your access to Curso de Fotografia/], ['nobody-knows@example.com', undefined, 'pt-BR', /Seu acesso/]] as const;
  for (const [index, [email, country]] of buyers.entries()) await t.send(notification('PURCHASE_APPROVED', `grant-${index}`, { email, transaction: `HP${index}`, ...(country ? { country } : {}) }));
  for (const [email, , language, subject] of buyers) {
    const mail = await t.inbox.waitFor(`credentials for ${email}`, (received) => received.to.includes(email));
    assert.match(mail.subject, subject);
    assert.equal(mail.language, language);
    const password = mailField(mail.text, { 'pt-BR': 'Senha', es: 'Contraseña', en: 'Password' }[language]);
    assert.match(password, /^[A-Za-z2-9]{16}$/);
    assert.ok(mail.html.includes(password) && mail.html.includes(`href="${t.area.publicUrl}/"`), 'the HTML part carries the same password and the sign-in link');
    assert.ok(mail.text.includes(`${t.area.publicUrl}/`));
    const signedIn = await submitForm(`${t.area.url}/sign-in`, { email, password });
    assert.deepEqual([signedIn.status, signedIn.location], [303, '/courses'], `${email} signs in with the mailed password`);
  }
  assert.ok(t.area.store.listStudents().every((student) => student.passwordHash?.startsWith('scrypt$')), 'only slow hashes are stored');
});

test('a mail the SMTP server refuses is retried, shown on the admin page with its error, and sent once the server takes it', async () => {
  await using t = await startTestArea();
  t.inbox.refuseWith = '550 5.2.2 mailbox full';
  await t.send(notification('PURCHASE_APPROVED', 'grant', { email: 'bia@example.com' }));
  const failing = await eventually('two failed tries', () => t.area.store.recentMails(5).find((mail) => mail.attempts >= 2));
  assert.equal(failing.status, 'pending');
  assert.match(failing.lastError ?? '', /mailbox full/);
  const admin = (await submitForm(`${t.area.url}/admin/sign-in`, { password: 'admin-password' })).cookie;
  const page = await openPage(`${t.area.url}/admin`, admin);
  assert.match(page.text, /mailbox full/);
  assert.match(page.text, new RegExp(`data-mail="${failing.id}" data-status="pending"`));
  t.inbox.refuseWith = null;
  const mail = await t.inbox.waitFor('the credentials, at last', (received) => received.to.includes('bia@example.com'));
  assert.match(mail.subject, /Seu acesso/);
  // the receiving server holds the message before the sender hears its 250, so the outbox says sent a moment later
  const sent = await eventually('the outbox records it sent', () => t.area.store.recentMails(5).find((row) => row.status === 'sent'));
  assert.equal(sent.lastError, null);
  assert.ok(sent.attempts >= 3);
  // a password from a mail that failed was never sent: only the one that went signs in
  const password = mailField(mail.text, 'Senha');
  assert.equal((await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password })).status, 303);
});

test('a credentials mail tried again after the student chose their own password keeps theirs, and says the course is open', async () => {
  // an hour between tries: the credentials mail waits while the reset mail, queued later, goes at once
  await using t = await startTestArea({ mailRetry: [60 * 60_000] });
  t.inbox.refuseWith = '550 5.2.2 mailbox full';
  await t.send(notification('PURCHASE_APPROVED', 'grant', { email: 'bia@example.com', country: 'US' }));
  const waiting = await eventually('the credentials mail refused once', () => t.area.store.recentMails(5).find((mail) => mail.kind === 'credentials' && mail.attempts === 1));
  t.inbox.refuseWith = null;
  await submitForm(`${t.area.url}/forgot`, { email: 'bia@example.com' });
  const token = new URL(mailField((await t.inbox.waitFor('the reset link', (mail) => /new password/.test(mail.subject))).text, 'Link')).searchParams.get('token')!;
  assert.equal((await submitForm(`${t.area.url}/reset`, { token, password: 'the one I chose myself' })).status, 303);
  const chosen = t.area.store.getStudent('bia@example.com')!.passwordHash;

  // the admin's "send now" makes the credentials mail's next try happen at once
  const admin = (await submitForm(`${t.area.url}/admin/sign-in`, { password: 'admin-password' })).cookie;
  assert.equal((await submitForm(`${t.area.url}/admin/mail/${waiting.id}/send-now`, {}, admin)).status, 303);
  const mail = await t.inbox.waitFor('the credentials mail, at last', (received) => /Curso de Fotografia/.test(received.subject));
  assert.match(mail.subject, /Your access to Curso de Fotografia is open/);
  assert.ok(!/^Password:/m.test(mail.text) && /the password you already use/.test(mail.text), 'no new password: sign in with your own');
  assert.equal(t.area.store.getStudent('bia@example.com')!.passwordHash, chosen, 'the hash the student chose is left alone');
  assert.equal((await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: 'the one I chose myself' })).status, 303);
});

test('forgot password: the same answer for anyone, and for a student a link that works once', async () => {
  await using t = await startTestArea();
  await t.send(notification('PURCHASE_APPROVED', 'grant', { email: 'bia@example.com', country: 'US' }));
  const mailed = mailField((await t.inbox.waitFor('credentials', (mail) => mail.to.includes('bia@example.com'))).text, 'Password');
  // a session opened with the old password (say, by someone who learned it): the reset must end it
  const before = (await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: mailed })).cookie;
  assert.equal((await openPage(`${t.area.url}/courses`, before)).status, 200);
  const forStudent = await submitForm(`${t.area.url}/forgot`, { email: 'Bia@example.com' });
  const forStranger = await submitForm(`${t.area.url}/forgot`, { email: 'stranger@example.com' });
  assert.deepEqual([forStudent.status, forStranger.status], [200, 200]);
  assert.equal(forStudent.text, forStranger.text, 'nothing tells who bought');
  const mail = await t.inbox.waitFor('the reset link', (received) => /new password/.test(received.subject));
  const link = mailField(mail.text, 'Link');
  assert.ok(link.startsWith(`${t.area.publicUrl}/reset?token=`));
  const token = new URL(link).searchParams.get('token')!;
  assert.equal((await openPage(`${t.area.url}/reset?token=${token}`)).status, 200);
  assert.equal((await submitForm(`${t.area.url}/reset`, { token, password: 'short' })).status, 422, 'too short, and the link still works');
  const reset = await submitForm(`${t.area.url}/reset`, { token, password: 'a brand new password' });
  assert.deepEqual([reset.status, reset.location], [303, '/?done=password']);
  assert.equal((await openPage(`${t.area.url}/courses`, before)).location, '/', 'the session opened with the old password has ended');
  assert.equal((await submitForm(`${t.area.url}/reset`, { token, password: 'another new password' })).status, 410, 'once only');
  assert.equal((await submitForm(`${t.area.url}/reset`, { token: 'made-up', password: 'another new password' })).status, 410, 'a made-up link');
  assert.equal((await openPage(`${t.area.url}/reset?token=${token}`)).status, 410);
  assert.equal((await submitForm(`${t.area.url}/sign-in`, { email: 'bia@example.com', password: 'a brand new password' })).status, 303);
  assert.equal(t.inbox.mails.filter((received) => received.to.includes('stranger@example.com')).length, 0);
});

test('bad SMTP settings are reported at start-up, and no SMTP_URL or an https file it cannot read is refused', async () => {
  const dataDir = await freshDataDir('postback-members-');
  const config = loadMembersConfig({}, { port: 0, dataDir, hottok, products: ['555'] });
  const port = await closedPort();
  await assert.rejects(startMembersArea(config, { smtpUrl: `smtp://user:secret@127.0.0.1:${port}`, from: 'a@b.c' }, pino({ level: 'silent' })),
    (error: Error) => error instanceof MailSetupError && /SMTP_URL: cannot send mail through smtp:\/\/127\.0\.0\.1/.test(error.message) && !error.message.includes('secret'));
  const cli = await runCli(['members', '--data-dir', dataDir, '--port', '0'], { env: { POSTBACK_MEMBERS_HOTTOK: hottok, POSTBACK_MEMBERS_PRODUCTS: '555', SMTP_URL: `smtp://127.0.0.1:${port}` } });
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /^postback: SMTP_URL: cannot send mail through/m);
  const noMail = await runCli(['members', '--data-dir', dataDir], { env: { POSTBACK_MEMBERS_HOTTOK: hottok, POSTBACK_MEMBERS_PRODUCTS: '555' } });
  assert.deepEqual([noMail.code, /SMTP_URL is required/.test(noMail.stderr)], [1, true]);
  const noHottok = await runCli(['members', '--data-dir', dataDir], { env: { POSTBACK_MEMBERS_PRODUCTS: '555', SMTP_URL: `smtp://127.0.0.1:${port}` } });
  assert.deepEqual([noHottok.code, /^postback: POSTBACK_MEMBERS_HOTTOK is required/m.test(noHottok.stderr)], [1, true]);
  const noCert = await runCli(['members', '--data-dir', dataDir], { env: { POSTBACK_MEMBERS_HOTTOK: hottok, POSTBACK_MEMBERS_PRODUCTS: '555', SMTP_URL: `smtp://127.0.0.1:${port}`,
    POSTBACK_MEMBERS_TLS_CERT: join(dataDir, 'missing.pem'), POSTBACK_MEMBERS_TLS_KEY: join(dataDir, 'missing-key.pem') } });
  assert.deepEqual([noCert.code, noCert.stderr.trim().split('\n').length, /^postback: POSTBACK_MEMBERS_TLS_CERT: cannot read .*missing\.pem \(ENOENT\)$/m.test(noCert.stderr)], [1, 1, true], noCert.stderr);
});

test('a members data folder it cannot write, or a port in use: one line naming the members area\'s own settings', async () => {
  const inbox = await startSmtpInbox();
  const parent = await freshDataDir('postback-members-');
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const env = { POSTBACK_MEMBERS_HOTTOK: hottok, POSTBACK_MEMBERS_PRODUCTS: '555', SMTP_URL: inbox.url };
    const file = join(parent, 'not-a-folder');
    await writeFile(file, 'x');
    const folder = await runCli(['members', '--data-dir', join(file, 'data')], { env });
    assert.equal(folder.code, 1);
    assert.match(folder.stderr, /^postback: cannot write .*not-a-folder.*\(ENOTDIR\): set POSTBACK_MEMBERS_DATA_DIR \(or --data-dir\)/m);
    const port = (taken.address() as net.AddressInfo).port;
    const inUse = await runCli(['members', '--data-dir', join(parent, 'data'), '--host', '127.0.0.1', '--port', String(port)], { env });
    assert.equal(inUse.code, 1);
    assert.match(inUse.stderr, new RegExp(`^postback: port ${port} on 127\\.0\\.0\\.1 is already in use by another process: stop it, or choose another port with POSTBACK_MEMBERS_PORT or --port$`, 'm'));
  } finally {
    await new Promise<void>((resolve) => taken.close(() => resolve()));
    await inbox.close();
    await rm(parent, { recursive: true, force: true });
  }
});

test('a members data folder that other users may read gets a warning at start-up naming each path (a new one is private)', async () => {
  const inbox = await startSmtpInbox();
  const lines: { level: number; msg: string; paths?: string[] }[] = [];
  const logger = pino({ level: 'warn' }, new Writable({ write(chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
  const start = async (dataDir: string) => {
    const config = loadMembersConfig({}, { port: 0, dataDir, hottok, products: ['555'] });
    const area = await startMembersArea(config, { smtpUrl: inbox.url, from: 'cursos@escoladaana.com.br' }, logger);
    await area.close();
  };
  const parent = await freshDataDir('postback-members-');
  try {
    await start(join(parent, 'new'));
    assert.deepEqual(lines.filter((line) => line.paths), [], 'a folder it made itself is private: nothing to warn about');
    const shared = join(parent, 'shared');
    await mkdir(shared, { mode: 0o755 });
    await chmod(shared, 0o755);
    await start(shared);
    const warning = lines.find((line) => line.paths);
    assert.ok(warning, 'a warning at start-up');
    assert.deepEqual(warning.paths, [`${shared} (0755)`]);
    assert.match(warning.msg, /students' names, e-mails and password hashes.*chmod 700/);
  } finally {
    await inbox.close();
    await rm(parent, { recursive: true, force: true });
  }
});
