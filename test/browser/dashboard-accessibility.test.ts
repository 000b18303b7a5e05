// The accessibility sweep's findings (WCAG 2.1 AA), each shown fixed in Chromium against a real Postback: removing a
// members area and revoking an invitation ask first (3.3.4) and leave the keyboard somewhere sensible; a button that
// waits for the API or turns into another keeps the keyboard (2.4.3); the members-area and reset-password forms put it
// on the first bad field; Spanish's reset-password button fits 320 px (1.4.10); a too-long URL is refused for its
// length (3.3.3). At a desktop width in English and a phone width in pt-BR, every word read from the catalogues.
// The other findings are checked where their screens are: reflow in dashboard.test.ts, contrast in
// dashboard-contrast.test.ts, the curl button's name in dashboard-developer.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { startPlatform } from '../helpers/platform.ts';
import type { Platform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { View } from './dashboard-helpers.ts';

/** What has the keyboard: its tag, its accessible-ish text (label of a field), or "body" when focus was dropped. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'body';
    const label = element.labels?.[0]?.textContent ?? element.textContent ?? '';
    return element.tagName.toLowerCase() + ': ' + label.trim();
  })()`) as Promise<string>;
}

async function signOut(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/webhooks`);
  const menu = page.locator('.account-menu button');
  await page.locator('form input[type="password"]').or(menu).first().waitFor();
  if (await menu.isVisible()) await menu.click();
  await page.locator('form input[type="password"]').waitFor();
}

test('the accessibility sweep\'s findings, fixed', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  for (const view of views) await t.test(view.name, (inView) => findingsIn(inView, browser.context, platform, view));

  await t.test('Spanish: the reset-password button wraps inside a 320 px screen', async () => {
    // Spanish, the longest labels; pageIn sets any catalogue's language (View lists the two the other checks use)
    const page = await pageIn(browser.context, { name: 'es-320', locale: 'es' as View['locale'], width: 320, height: 700 });
    await signOut(page, platform.url);
    await page.goto(`${platform.url}/reset-password?token=abc`);
    await page.getByRole('button', { name: wordsOf('es')('password.save') }).waitFor();
    assert.equal(await scrollsSideways(page), null, 'the card and its button fit');
    await shot(page, 'a11y-es-320-reset-password');
    await page.close();
  });
});

async function findingsIn(t: TestContext, context: BrowserContext, platform: Platform, view: View): Promise<void> {
  const say = wordsOf(view.locale);
  const named = (name: string) => `a11y-${name}-${view.name}`;
  const producer = await member(platform, 'Escola da Nina', 'producer', `nina-${view.name}@example.com`);
  const area = { url: 'https://127.0.0.1:1/area', login: 'revisor@escoladanina.com.br', password: 'senha-do-revisor' };
  assert.equal((await producer.call('POST', '/api/v1/products', { id: '555', name: 'Curso de Aquarela' })).status, 201);
  assert.equal((await producer.call('PATCH', '/api/v1/products/555', { members_area: area })).status, 200);
  assert.equal((await producer.call('POST', '/api/v1/products', { id: '556', name: 'Curso de Cerâmica' })).status, 201);
  const productArea = async (id: string) => (await producer.call('GET', `/api/v1/products/${id}`)).body.members_area;
  const page = await pageIn(context, view);
  const errors = watchForErrors(page, [401, 422]);

  await t.test('a press that waits for the API keeps the keyboard on the button (sign-in refused)', async () => {
    await signOut(page, platform.url);
    const form = page.locator('form').filter({ has: page.locator('input[type="password"]') });
    await form.locator('input[type="email"]').fill(producer.email);
    await form.locator('input[type="password"]').fill('not the password');
    await form.locator('button[type="submit"]').click();
    try {
      await page.getByText(say('error.invalidCredentials')).waitFor();
      assert.equal(await focused(page), `button: ${say('signIn.submit')}`);
    } finally {
      await signIn(page, platform.url, producer);
    }
  });

  await t.test('removing the members area asks first, then the keyboard goes to its address field', async () => {
    await page.goto(`${platform.url}/products/555`);
    await page.getByRole('heading', { name: say('membersArea.title') }).waitFor();
    await page.getByRole('button', { name: say('membersArea.remove') }).click();
    const dialog = page.getByRole('dialog', { name: say('membersArea.removeTitle', { name: 'Curso de Aquarela' }) });
    await dialog.getByText(say('membersArea.removeText')).waitFor();
    assert.notEqual(await productArea('555'), null, 'nothing removed while asking');
    await shot(page, named('members-area-remove-asks'));
    await dialog.getByRole('button', { name: say('common.cancel') }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.notEqual(await productArea('555'), null, 'cancel keeps it');
    await page.getByRole('button', { name: say('membersArea.remove') }).click();
    await dialog.getByRole('button', { name: say('membersArea.remove') }).click();
    await page.getByText(say('membersArea.removed', { name: 'Curso de Aquarela' })).waitFor();
    assert.equal(await productArea('555'), null);
    assert.equal(await page.getByRole('button', { name: say('membersArea.remove') }).count(), 0);
    assert.equal(await focused(page), `input: ${say('membersArea.url')}`);
  });

  await t.test('the members-area form puts the keyboard on the first bad field', async () => {
    await page.goto(`${platform.url}/products/556`);
    await page.getByLabel(say('membersArea.url')).fill('ftp://area.example.com');
    await page.getByLabel(say('membersArea.login')).fill('revisor');
    await page.getByRole('button', { name: say('membersArea.save') }).click();
    await page.getByText(say('membersArea.urlNeeded')).waitFor();
    assert.equal(await focused(page), `input: ${say('membersArea.url')}`);
  });

  await t.test('revoking an invitation asks first, then the keyboard goes to the members heading', async () => {
    const first = `pedro-${view.name}@example.com`.toLowerCase();
    const second = `lucia-${view.name}@example.com`.toLowerCase();
    for (const email of [first, second]) assert.equal((await producer.call('POST', '/api/v1/team/invitations', { email, role: 'viewer' })).status, 201);
    const waiting = async () => ((await producer.call('GET', '/api/v1/team')).body.invitations as { email: string }[]).map((item) => item.email).sort();
    await page.goto(`${platform.url}/team`);
    const revoke = page.locator('.pending-list li').filter({ hasText: first }).getByRole('button', { name: say('team.revoke') });
    await revoke.click();
    const dialog = page.getByRole('dialog', { name: say('team.revokeTitle', { email: first }) });
    await dialog.getByText(say('team.revokeText', { email: first })).waitFor();
    assert.deepEqual(await waiting(), [second, first].sort(), 'nothing revoked while asking');
    await shot(page, named('revoke-asks'));
    await dialog.getByRole('button', { name: say('team.keepInvitation') }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(await waiting(), [second, first].sort(), 'keeping it keeps it');
    await revoke.click();
    await dialog.getByRole('button', { name: say('team.revoke') }).click();
    await page.getByText(say('team.revoked', { email: first })).waitFor();
    assert.deepEqual(await waiting(), [second]);
    assert.equal(await page.locator('.pending-list li').filter({ hasText: first }).count(), 0);
    assert.equal(await focused(page), `h2: ${say('team.members')}`);
  });

  await t.test('"Enable" turns into "Disable" under the keyboard, and back', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Planilha', url: 'https://127.0.0.1:1/sheet', events: ['PURCHASE_APPROVED'] })).body;
    assert.equal((await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false })).status, 200);
    await page.goto(`${platform.url}/webhooks`);
    const card = page.getByRole('article', { name: 'Planilha' });
    await card.getByRole('button', { name: say('webhooks.enable') }).focus();
    await page.keyboard.press('Enter');
    await card.getByText(say('status.enabled'), { exact: true }).waitFor();
    assert.equal(await focused(page), `button: ${say('webhooks.disable')}`);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: say('webhooks.disableTitle') }).getByRole('button', { name: say('webhooks.disable') }).click();
    await card.getByText(say('status.disabled'), { exact: true }).waitFor();
    assert.equal(await focused(page), `button: ${say('webhooks.enable')}`);
  });

  await t.test('a URL over 2,048 characters is refused for its length', async () => {
    await page.getByRole('button', { name: say('webhooks.new') }).first().click();
    const form = page.getByRole('dialog', { name: say('webhooks.new') });
    await form.getByLabel(say('webhookForm.name'), { exact: true }).fill('Longa');
    await form.getByLabel(say('webhookForm.url'), { exact: true }).fill(`https://example.com/${'a'.repeat(2100)}`);
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('button', { name: say('webhookForm.create') }).click();
    await form.locator('.field-error').getByText(say('webhookForm.urlTooLong')).waitFor();
    assert.equal(await form.getByText(say('webhookForm.urlNeeded')).count(), 0, 'not "start with https://"');
    await shot(page, named('url-too-long'));
    await form.getByRole('button', { name: say('common.cancel') }).click();
    await form.waitFor({ state: 'hidden' });
  });

  await t.test('the reset-password form puts the keyboard on the password it refuses', async () => {
    await signOut(page, platform.url);
    await page.goto(`${platform.url}/reset-password?token=abc`);
    await page.getByLabel(say('password.new')).fill('short');
    await page.getByRole('button', { name: say('password.save') }).click();
    await page.locator('.field-error').waitFor();
    assert.equal(await focused(page), `input: ${say('password.new')}`);
  });

  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
}
