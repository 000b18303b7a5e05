// In Debian's Chromium against a real Postback and a real SMTP server: a forgotten password reset from the sign-in
// page through the e-mailed link, a recover link from a notice e-mail, and the API reference at /api/docs rendered by Swagger UI with no CSP violation.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/accounts/create-user.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { projectRoot } from '../helpers/process.ts';
import { startSmtpInbox } from '../helpers/smtp-inbox.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { watchForErrors } from './console-errors.ts';
import { launchChromium } from './chromium.ts';

const artifacts = join(projectRoot, 'test-artifacts', 'dashboard');
const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

test('a forgotten password is reset from the sign-in page through the e-mailed link; /api/docs renders the API reference', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  mkdirSync(artifacts, { recursive: true });
  await using inbox = await startSmtpInbox();
  await using platform = await startPlatform({ role: 'api', smtpUrl: inbox.url });
  const shop = await platform.tenant();
  await createUser(platform.store, { accountId: shop.account_id, email: 'ana@example.com', password: 'the old passphrase' }, Date.now());
  const page = await browser.context.newPage();
  const errors = watchForErrors(page);
  page.on('response', (response) => { if (response.status() === 404) errors.push(`404 ${response.url()}`); });

  await page.goto(`${platform.url}/`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.getByLabel('Email').fill('ana@example.com');
  await shot(page, 'password-forgot');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByText('If a user has this e-mail, the link is on its way.').waitFor();
  const mail = await inbox.waitFor('reset mail', (m) => m.subject === 'Reset your Postback password');
  const link = /(http:\/\/\S+\/reset-password\?token=\S+)/.exec(mail.text)?.[1];
  assert.ok(link, mail.text);

  await page.goto(link);
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await page.getByLabel('New password').fill('the new passphrase');
  await shot(page, 'password-reset');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByText('Password changed. Sign in with the new one.').waitFor();
  await page.getByLabel('Email').fill('ana@example.com');
  await page.getByLabel('Password').fill('the new passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  // the link of a "webhook disabled" e-mail opens that webhook's recovery
  const webhook = (await shop.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: 'https://members.example.com/h', events: ['PURCHASE_APPROVED'], enabled: false })).body;
  await page.goto(`${platform.url}/webhooks?recover=${webhook.id}`);
  await page.getByRole('dialog', { name: 'Recover configuration' }).waitFor();
  assert.equal(new URL(page.url()).search, '', 'the query is dropped: a reload does not open it again');

  await page.goto(`${platform.url}/api/docs`);
  await page.getByRole('heading', { name: /Postback API/ }).waitFor();
  await eventually('the operations are listed', async () => (await page.getByText('/api/v1/webhooks/{id}/recover').count()) > 0 ? true : undefined);
  await shot(page, 'api-reference');
  assert.deepEqual(errors, [], 'no console error and no CSP violation');
});
