// Every text on every screen meets WCAG 1.4.3's contrast (4.5:1, 3:1 when large) on the background it sits on, in
// Chromium with the real stylesheet: hints and code names on the grey page, chips, notices and selected rows; the
// phone's card labels. An account with something on every screen: a working and a failing configuration (so the
// notices panel shows), a product with an affiliate, sales, MGID's postback, an invitation waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, signIn, views, watchForErrors } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';
import { contrastFailures } from './text-contrast.ts';

test('every text meets WCAG AA contrast on its background', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform({ retrySchedule: [0] });
  await using receiver = await startRestartableReceiver();
  const producer = await member(platform, 'Escola da Lia', 'producer', 'lia@example.com');
  const affiliate = await member(platform, 'Afiliada Duda', 'affiliate', 'duda@example.com');
  await producer.call('POST', '/api/v1/products', { id: '1234567', name: 'Curso de bolos' });
  await producer.call('POST', '/api/v1/products/1234567/affiliations', { affiliate_account_id: affiliate.accountId, affiliate_code: 'DUDA1' });
  await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/ok`, events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] });
  // nothing listens on port 1: every attempt fails, and with one attempt the configuration's notices appear
  await producer.call('POST', '/api/v1/webhooks', { name: 'Planilha', url: 'http://127.0.0.1:1/down', events: ['PURCHASE_APPROVED'] });
  await producer.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${receiver.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } } });
  await producer.call('POST', '/api/v1/team/invitations', { email: 'novo@example.com', role: 'viewer' });
  const sale = await publishSale(producer, 'HP0000000001');
  const delivery = (sale.body.deliveries as { id: string }[])[0]!.id;
  await eventually('a failure recorded', async () => ((await producer.call('GET', '/api/v1/deliveries?status=failed')).body.items.length > 0 ? true : undefined));

  // what shows once each screen has its data
  const screens: [path: string, ready: string][] = [
    ['/webhooks', '.chip'], ['/overview', '.figures'], ['/history', '.history-table tbody tr'], [`/history/${delivery}`, '.attempt'],
    ['/products', '.products-table tbody tr'], ['/products/1234567', '.affiliations-table tbody tr'], ['/tracking', '.conversions-table tbody tr'],
    ['/docs', '.fields-table tbody tr'], ['/credentials', '.secret'], ['/team', '.pending-list li'], ['/audit', '.audit-table tbody tr'],
  ];
  for (const view of views) {
    await t.test(view.name, async () => {
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page);
      // signed out first (the views share the browser's session): the sign-in page
      await page.goto(`${platform.url}/`);
      const signOut = page.locator('.account-menu button');
      await page.locator('form input[type="password"]').or(signOut).waitFor();
      if (await signOut.isVisible()) await signOut.click();
      await page.locator('form input[type="password"]').waitFor();
      const failing = [`/ (sign-in): ${JSON.stringify(await contrastFailures(page))}`];
      await signIn(page, platform.url, producer);
      for (const [path, ready] of screens) {
        await page.goto(`${platform.url}${path}`);
        await page.locator(ready).first().waitFor();
        failing.push(`${path}: ${JSON.stringify(await contrastFailures(page))}`);
      }
      assert.deepEqual(failing.filter((line) => !line.endsWith(': []')), [], 'text below 4.5:1 (3:1 large) on its background');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
