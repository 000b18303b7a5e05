// The formats main added, as the configurations page shows them: a REST hook (version "hook", subscribed by Zapier,
// n8n or Make) and a conversion postback (version "postback", made on the Ad tracking screen) are named in words on
// their cards; editing the hook keeps its format (the selector is locked, with why), and editing the postback sends the
// user to the Ad tracking screen instead of a form that cannot hold its settings. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';

test('REST hooks and conversion postbacks on the configurations page', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  const producer = await member(platform, 'Escola da Bia', 'producer', 'bia@example.com');
  const hook = await producer.call('POST', '/api/v1/hooks', { target_url: 'https://hooks.zapier.example/hooks/standard/1/abc', event: 'order' });
  assert.equal(hook.status, 201, hook.text);
  const postback = await producer.call('POST', '/api/v1/webhooks', {
    name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: 'https://a.mgid.example/postback', goals: { PURCHASE_APPROVED: 'purchase' } },
  });
  assert.equal(postback.status, 201, postback.text);

  for (const view of views) {
    await t.test(`a hook keeps its format, a postback is edited on Ad tracking (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page);
      await signIn(page, platform.url, producer);
      await page.getByRole('heading', { name: say('nav.webhooks'), level: 1 }).waitFor();

      const hookCard = page.getByRole('article', { name: hook.body.name });
      await hookCard.getByText(say('version.hook'), { exact: true }).waitFor();
      await hookCard.getByRole('button', { name: say('common.edit') }).click();
      const form = page.getByRole('dialog', { name: say('webhooks.editTitle') });
      const selector = form.getByLabel(say('webhookForm.version'));
      assert.equal(await selector.inputValue(), 'hook');
      assert.equal(await selector.isDisabled(), true, 'a hook\'s format is its automation tool\'s');
      await form.getByText(say('webhookForm.versionHookHint')).waitFor();
      await shot(page, `formats-hook-${view.name}`);
      await form.getByRole('button', { name: say('common.cancel') }).click();
      await form.waitFor({ state: 'hidden' });
      // its secret is its tool's, which checks every post with it: no rotation is offered (the API refuses it, 409)
      await hookCard.getByRole('button', { name: say('webhooks.secret') }).click();
      const secretDialog = page.getByRole('dialog', { name: say('secret.dialogTitle', { name: hook.body.name }) });
      await secretDialog.getByText(say('secret.hookOwnsSecret')).waitFor();
      assert.equal(await secretDialog.getByRole('button', { name: say('webhooks.rotate') }).count(), 0);
      await page.keyboard.press('Escape');
      await secretDialog.waitFor({ state: 'hidden' });

      const postbackCard = page.getByRole('article', { name: 'MGID' });
      await postbackCard.getByText(say('version.postback'), { exact: true }).waitFor();
      await postbackCard.getByRole('button', { name: say('common.edit') }).click();
      await form.getByText(say('webhookForm.postbackTitle')).waitFor();
      assert.equal(await form.locator('input, select, textarea').count(), 0, 'no editor that could break its settings');
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `formats-postback-${view.name}`);
      await form.getByRole('link', { name: say('nav.tracking') }).click();
      await form.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { name: say('nav.tracking'), level: 1 }).waitFor();
      assert.match(page.url(), /\/tracking$/);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
