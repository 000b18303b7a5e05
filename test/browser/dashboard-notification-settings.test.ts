// The account's notification settings on the dashboard, in Chromium against a real Postback, in pt-BR: from the recent
// notices an owner opens them, is told next to the field that a private address is refused, switches the notice
// e-mails to Spanish and sets an operational webhook on a local receiver; its signing secret is shown once, the API
// has both, and the receiver's next notice verifies with that secret (Standard Webhooks). A viewer gets no control.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { createUser } from '../../src/accounts/create-user.ts';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, scrollsSideways, shot, signIn, watchForErrors, wordsOf } from './dashboard-helpers.ts';

test('notification settings: language and operational webhook from the recent notices', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  // a configuration is "failing" at its 2nd failure in a row, which is also its last attempt
  await using platform = await startPlatform({ retrySchedule: [0, 50, 50], notifyAfterFailures: 2, pollIntervalMs: 100 });
  await using failing = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end(); });
  await using ops = await startHttpReceiver((_req, res) => { res.end(); });
  const owner = await member(platform, 'Escola da Lia', 'producer', 'lia@example.com');
  const created = await owner.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: failing.url, events: ['PURCHASE_APPROVED'], max_attempts: 2 });
  assert.equal(created.status, 201, created.text);
  const say = wordsOf('pt-BR');
  const page = await pageIn(browser.context, { name: 'pt-BR-desktop', locale: 'pt-BR', width: 1280, height: 900 });
  const errors = watchForErrors(page, [401, 422]);

  await signIn(page, platform.url, owner);
  await page.getByRole('article', { name: 'Área de membros' }).waitFor();
  const panel = page.getByRole('region', { name: say('notices.title') });
  await panel.getByText(say('notificationSettings.noNotices')).waitFor();
  await panel.getByRole('button', { name: say('notificationSettings.open') }).click();
  const dialog = page.getByRole('dialog', { name: say('notificationSettings.title') });
  const language = dialog.getByLabel(say('notificationSettings.language'));
  const url = dialog.getByLabel(say('notificationSettings.url'));
  assert.equal(await language.inputValue(), 'pt-BR', 'the current setting: pt-BR by default');
  assert.equal(await url.inputValue(), '');

  // a private address is refused by the API, and said next to the field in the user's language
  await url.fill('http://10.0.0.1/avisos');
  await dialog.getByRole('button', { name: say('common.saveChanges') }).click();
  await dialog.getByText(say('webhookForm.urlBlocked')).waitFor();
  assert.equal(await url.getAttribute('aria-invalid'), 'true');
  await shot(page, 'notification-settings-form-pt-BR');

  await language.selectOption('es');
  await url.fill(`${ops.url}/avisos`);
  await dialog.getByRole('button', { name: say('common.saveChanges') }).click();
  const shown = page.getByRole('dialog', { name: say('notificationSettings.secretTitle') });
  const secret = (await shown.getByLabel(say('notificationSettings.secretLabel'), { exact: true }).textContent()) ?? '';
  assert.match(secret, /^whsec_/);
  await shown.getByText('Standard Webhooks', { exact: false }).waitFor();
  await shown.getByRole('button', { name: say('copy.label', { label: say('notificationSettings.secretLabel') }) }).waitFor();
  assert.equal(await scrollsSideways(page), null);
  await shot(page, 'notification-settings-secret-pt-BR');
  await shown.getByRole('button', { name: say('common.done') }).click();
  await shown.waitFor({ state: 'hidden' });

  const saved = await owner.call('GET', '/api/v1/notification-settings');
  assert.deepEqual(saved.body, { language: 'es', webhook_url: `${ops.url}/avisos` });

  // opened again: the saved settings, and no secret (it was shown once)
  await panel.getByRole('button', { name: say('notificationSettings.open') }).click();
  assert.equal(await language.inputValue(), 'es');
  assert.equal(await url.inputValue(), `${ops.url}/avisos`);
  await dialog.getByRole('button', { name: say('common.cancel') }).click();
  await dialog.waitFor({ state: 'hidden' });

  // the secret on screen is the one the operational webhook's posts are signed with
  await publishSale(owner, 'HP0000000001');
  const notice = await eventually('a signed notice at the operational webhook', () => ops.requests.find((request) => request.url === '/avisos'), 30_000);
  const verified = new StandardWebhook(secret).verify(notice.body.toString('utf8'), notice.headers as Record<string, string>) as { type: string };
  assert.match(verified.type, /^(webhook\.failing|delivery\.failed)$/);

  // a viewer reads the notices but gets no control over them
  const viewer = { email: 'leitor@example.com', password: 'a good password' };
  await createUser(platform.store, { accountId: owner.accountId, ...viewer, role: 'viewer' }, Date.now());
  await signIn(page, platform.url, viewer);
  await page.getByRole('article', { name: 'Área de membros' }).waitFor();
  await panel.waitFor();
  assert.equal(await page.getByRole('button', { name: say('notificationSettings.open') }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
