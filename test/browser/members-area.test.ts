// The whole members-area path (issue 15, item 3), with real processes: `postback serve` (trusting the area's
// throw-away certificate through NODE_EXTRA_CA_CERTS, as it would trust a real one), `postback members` serving https
// and mailing through a real SMTP server in this process, and Debian's Chromium. The producer sets the product's
// members area on the dashboard and the check goes green; a buyer buys through the purchase API; the credentials
// e-mail arrives; the student signs in with the mailed password and sees the course; the producer refunds; the
// course page closes and the next sign-in is refused. Screenshots go to test-artifacts/members-area/.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { approvedSaleData } from '../../src/catalog/test-fixtures.ts';
import { selfSignedPair } from '../helpers/hostile-receivers.ts';
import { mailField } from '../helpers/members-browserless.ts';
import { accessToken, callJson, freshDataDir, killAllChildren, projectRoot, runCli, startMembers, startServe } from '../helpers/process.ts';
import { startSmtpInbox } from '../helpers/smtp-inbox.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';

after(killAllChildren);

const artifacts = join(projectRoot, 'test-artifacts', 'members-area');
const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const producer = { email: 'ana@escoladaana.com.br', password: 'correct horse battery' };
const buyer = 'bia.lima@example.com';

test('members area: set it up on the dashboard, sell, mail the credentials, study, refund, and the course closes', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t, { acceptCertificates: true });
  if (!browser) return;
  const pair = await selfSignedPair();
  if (!pair) { t.skip('openssl is not installed'); return; }
  ensureDashboardBuilt();
  mkdirSync(artifacts, { recursive: true });
  const dir = await freshDataDir('postback-members-e2e-');
  for (const [name, content] of [['area-cert.pem', pair.cert], ['area-key.pem', pair.key], ['555.html', '<h2>Aula 1: a luz natural</h2><p>Bem-vinda ao curso!</p>']] as const) writeFileSync(join(dir, name), content);
  await using inbox = await startSmtpInbox();

  const account = JSON.parse((await runCli(['account', 'create', '--name', 'Escola da Ana', '--email', producer.email, '--password', producer.password, '--json', '--data-dir', join(dir, 'postback')])).stdout);
  const postback = await startServe({ POSTBACK_DATA_DIR: join(dir, 'postback'), NODE_EXTRA_CA_CERTS: join(dir, 'area-cert.pem'), POSTBACK_RETRY_SCHEDULE: '0,300ms,300ms' });
  const members = await startMembers({
    POSTBACK_MEMBERS_DATA_DIR: join(dir, 'members'), POSTBACK_MEMBERS_HOTTOK: account.hottok, POSTBACK_MEMBERS_PRODUCTS: '555', POSTBACK_MEMBERS_COURSE_DIR: dir,
    POSTBACK_MEMBERS_TLS_CERT: join(dir, 'area-cert.pem'), POSTBACK_MEMBERS_TLS_KEY: join(dir, 'area-key.pem'), POSTBACK_MEMBERS_ADMIN_PASSWORD: 'admin-password',
    SMTP_URL: inbox.url, POSTBACK_MAIL_FROM: 'Escola da Ana <cursos@escoladaana.com.br>',
  });
  assert.match(members.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  const token = await accessToken(postback.url, account.basic);
  const api = (method: string, path: string, body?: unknown) => callJson(method, `${postback.url}${path}`, { body, headers: { authorization: `Bearer ${token}` } });
  assert.equal((await api('POST', '/api/v1/products', { id: '555', name: 'Curso de Fotografia' })).status, 201);

  // 1. the producer sets the members area on the product's page, creates the missing configuration, and the check goes green
  const dashboard = await browser.context.newPage();
  dashboard.setDefaultTimeout(20_000);
  await dashboard.goto(`${postback.url}/credentials/products/555/affiliates`);
  await dashboard.getByLabel('Email').fill(producer.email);
  await dashboard.getByLabel('Password', { exact: true }).fill(producer.password);
  await dashboard.getByRole('button', { name: 'Sign in' }).click();
  await dashboard.getByRole('heading', { name: 'External members area' }).waitFor();
  await dashboard.getByLabel('Members area address').fill(`${members.url}/`);
  await dashboard.getByLabel('Login for the marketplace\'s review').fill('revisor@escoladaana.com.br');
  await dashboard.getByLabel('Password for the marketplace\'s review').fill('senha-do-revisor');
  await dashboard.getByRole('button', { name: 'Save members area' }).click();
  await dashboard.locator('li[data-check="https"][data-status="pass"]').waitFor();
  await dashboard.locator('li[data-check="webhook"][data-status="fail"]').waitFor();
  await shot(dashboard, '1-members-area-to-fix');
  await dashboard.getByRole('button', { name: 'Create the configuration' }).click();
  await dashboard.getByText('All set').waitFor();
  assert.equal(await dashboard.locator('li[data-status="pass"]').count(), 3);
  await shot(dashboard, '2-members-area-all-set');
  const product = (await api('GET', '/api/v1/products')).body.items[0];
  assert.deepEqual(product.members_area, { url: `${members.url}/`, login: 'revisor@escoladaana.com.br', password_set: true });

  // 2. a buyer buys through the purchase API; the credentials e-mail arrives
  const data = structuredClone(approvedSaleData()) as any;
  delete data.purchase.status; delete data.purchase.approved_date; delete data.purchase.transaction;
  Object.assign(data.product, { id: 555, name: 'Curso de Fotografia' });
  Object.assign(data.buyer, { email: buyer, name: 'Beatriz Lima' });
  const purchase = await api('POST', '/api/v1/purchases', { data });
  assert.equal(purchase.body.status, 'approved');
  const mail = await inbox.waitFor('the credentials e-mail', (received) => received.to.includes(buyer), 30_000);
  const password = mailField(mail.text, 'Senha');
  assert.ok(mail.text.includes(`${members.url}/`), 'the sign-in link is the area\'s');

  // 3. the student signs in with the mailed password and sees the course
  const student = await browser.context.newPage();
  student.setDefaultTimeout(20_000);
  await student.goto(`${members.url}/`);
  await student.getByLabel('E-mail').fill(buyer);
  await student.getByLabel('Password').fill(password);
  await student.getByRole('button', { name: 'Sign in' }).click();
  await student.getByRole('heading', { name: 'Your courses' }).waitFor();
  await shot(student, '3-student-courses');
  await student.getByRole('link', { name: 'Open: Curso de Fotografia' }).click();
  await student.getByRole('heading', { name: 'Aula 1: a luz natural' }).waitFor();
  await shot(student, '4-student-course');

  // 4. the producer refunds; the open course closes, and the next sign-in is refused
  assert.equal((await api('POST', `/api/v1/purchases/${purchase.body.transaction}/status`, { status: 'refunded' })).body.status, 'refunded');
  for (let tries = 0; ; tries++) {
    await student.reload();
    if (await student.getByText('This course is closed to you').isVisible()) break;
    assert.ok(tries < 100, 'the course closed after the refund');
    await student.waitForTimeout(200);
  }
  assert.equal(await student.getByRole('heading', { name: 'Aula 1: a luz natural' }).count(), 0);
  await shot(student, '5-course-closed');
  await student.getByRole('button', { name: 'Sign out' }).click();
  await student.getByLabel('E-mail').fill(buyer);
  await student.getByLabel('Password').fill(password);
  await student.getByRole('button', { name: 'Sign in' }).click();
  await student.getByText('Your access has ended').waitFor();
  await shot(student, '6-sign-in-refused');
  assert.ok(!student.url().endsWith('/courses'));

  // the admin sees who has access and the events that decided it
  const admin = await browser.context.newPage();
  await admin.goto(`${members.url}/admin`);
  await admin.getByLabel('Password').fill('admin-password');
  await admin.getByRole('button', { name: 'Sign in as the administrator' }).click();
  await admin.locator(`tr[data-email="${buyer}"] td[data-access="closed"]`).waitFor();
  assert.match(await admin.locator(`tr[data-email="${buyer}"]`).innerText(), /PURCHASE_REFUNDED/);
  await shot(admin, '7-admin');
  postback.kill('SIGTERM');
  members.kill('SIGTERM');
  await Promise.all([postback.exited, members.exited]);
});
