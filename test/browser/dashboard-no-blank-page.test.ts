// Nothing a link or an answer carries blanks the dashboard, in Chromium against a real Postback. A history link whose
// date is epoch milliseconds (which the API takes) fills the date field; a garbled one leaves it empty and the page
// says the history could not be loaded. A screen that throws anyway (an answer shaped unlike any the dashboard
// knows, faked here) shows a message in the user's language with a way to reload, not a white page. Desktop in
// English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { View } from './dashboard-helpers.ts';

test('nothing blanks the dashboard', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  for (const view of views) await t.test(view.name, (inView) => noBlankPageIn(inView, browser.context, view));
});

async function noBlankPageIn(t: TestContext, context: BrowserContext, view: View): Promise<void> {
  const say = wordsOf(view.locale);
  await using platform = await startPlatform();
  const producer = await member(platform, 'Loja da Nina', 'producer', `nina-${view.name}@example.com`);
  const page = await pageIn(context, view);
  const errors = watchForErrors(page, [401, 404, 422]);
  await signIn(page, platform.url, producer);
  const heading = page.getByRole('heading', { name: say('nav.history'), level: 1 });
  const from = page.getByLabel(say('filters.from'), { exact: true });

  await t.test('a history link with a date in epoch milliseconds shows that date', async () => {
    await page.goto(`${platform.url}/history?from=1796652000000`);
    await heading.waitFor();
    // the browser's zone is UTC here: 1796652000000 is 2026-12-07 14:00 UTC
    assert.equal(await from.inputValue(), '2026-12-07T14:00');
    await page.getByRole('heading', { name: say('history.noMatchTitle') }).waitFor();
  });

  await t.test('a garbled date leaves the field empty and says the history could not be loaded', async () => {
    await page.goto(`${platform.url}/history?from=garbage`);
    await heading.waitFor();
    await page.getByRole('alert').getByText(say('loadError.title', { what: say('history.what') })).waitFor();
    assert.equal(await from.inputValue(), '');
    await shot(page, `no-blank-garbled-date-${view.name}`);
  });

  await t.test('a screen that throws says so, in the user\'s language, with a way to reload', async () => {
    const id = '0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d';
    const detail = `${platform.url}/api/v1/deliveries/${id}`;
    await page.route(detail, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
    await page.goto(`${platform.url}/history/${id}`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: say('app.crashTitle') }).waitFor();
    await alert.getByText(say('app.crashText')).waitFor();
    await shot(page, `no-blank-crash-${view.name}`);
    // React reports the error it caught to the console, for whoever debugs it: that and nothing else
    const caught = errors.splice(0);
    assert.ok(caught.length > 0 && caught.every((text) => /TypeError|error occurred/.test(text)), caught.join('\n'));
    await page.unroute(detail);
    await alert.getByRole('button', { name: say('app.reload') }).click();
    await page.getByRole('heading', { name: say('delivery.missingTitle') }).waitFor();
  });

  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
}
