// Health at a glance: each configuration card shows its last delivery, 24-hour and 7-day success and failures, what
// waits to retry and a small chart with its numbers; the overview page charts deliveries per hour by outcome,
// publish → delivered p50/p95 and the slowest and most failing configurations, each chart with a table behind it.
// All counted by the API (GET /api/v1/stats/...). Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

test('health at a glance and the overview', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform({ retrySchedule: [0, 120_000] });
  await using receiver = await startRestartableReceiver();
  await using dead = await startRestartableReceiver();
  await dead.stop();
  const producer = await member(platform, 'Escola do Tom', 'producer', 'tom@example.com');
  const good = (await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/h`, events: ['PURCHASE_APPROVED'] })).body;
  const broken = (await producer.call('POST', '/api/v1/webhooks', { name: 'Pixel quebrado', url: `${dead.url}/p`, events: ['PURCHASE_APPROVED'], max_attempts: 1 })).body;
  const retrying = (await producer.call('POST', '/api/v1/webhooks', { name: 'Automação lenta', url: `${dead.url}/a`, events: ['PURCHASE_APPROVED'] })).body;
  for (const n of [1, 2, 3]) await publishSale(producer, `HP000000000${n}`);
  await eventually('every first attempt made', async () => {
    const items = (await producer.call('GET', '/api/v1/deliveries?limit=50')).body.items as { attempts: number }[];
    return items.length === 9 && items.every((item) => item.attempts > 0) ? true : undefined;
  });

  const stats = (await producer.call('GET', '/api/v1/stats/webhooks')).body.items as { webhook_id: string; last_24h: { delivered: number; failed: number; success_rate: number | null }; waiting_retry: number }[];
  const of = (id: string) => stats.find((item) => item.webhook_id === id)!;
  assert.deepEqual([of(good.id).last_24h.delivered, of(good.id).last_24h.success_rate], [3, 1]);
  assert.deepEqual([of(broken.id).last_24h.failed, of(broken.id).last_24h.success_rate], [3, 0]);
  assert.equal(of(retrying.id).waiting_retry, 3);
  const overview = (await producer.call('GET', '/api/v1/stats/overview?hours=24')).body;
  assert.equal(overview.hourly.length, 24, 'every hour of the window');
  assert.equal(overview.latency.count, 3);
  assert.deepEqual(overview.failing.map((item: { webhook_id: string }) => item.webhook_id), [broken.id]);
  assert.equal((await producer.call('GET', '/api/v1/stats/overview?hours=999')).status, 422);

  for (const view of views) {
    await t.test(`cards and overview (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page);
      await signIn(page, platform.url, producer);
      await page.goto(`${platform.url}/webhooks`);
      const health = (name: string) => page.getByRole('region', { name: say('health.label', { name }) });
      await health('Área de membros').getByText('HTTP 200').waitFor();
      assert.match(await health('Área de membros').innerText(), /100\s?%/);
      await health('Pixel quebrado').getByText(view.locale === 'en' ? '3 failures' : '3 falhas').first().waitFor();
      assert.match(await health('Automação lenta').innerText(), new RegExp(`${say('health.waiting')}\\s+3`, 'i'));
      // the chart's numbers, as a table
      await health('Área de membros').getByText(say('chart.showTable')).click();
      const cells = await health('Área de membros').locator('tbody tr td:nth-child(2)').allInnerTexts();
      assert.equal(cells.reduce((sum, text) => sum + Number(text), 0), 3, 'the table adds up to the deliveries');
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `health-cards-${view.name}`);

      await page.getByRole('navigation').getByRole('link', { name: say('nav.overview') }).click();
      await page.getByRole('heading', { name: say('overview.perHour') }).waitFor();
      const figures = await page.locator('.figures').innerText();
      assert.doesNotMatch(figures.split('\n')[1] ?? '', /—/, 'a p50 is shown');
      await page.getByRole('region', { name: say('overview.slowest') }).getByText('Área de membros').first().waitFor();
      const failing = page.getByRole('region', { name: say('overview.failing') });
      await failing.getByText('Pixel quebrado').first().waitFor();
      await failing.getByText(say('chart.showTable')).click();
      await failing.getByRole('rowheader', { name: 'Pixel quebrado' }).waitFor();
      await page.getByRole('region', { name: say('overview.perHour') }).getByText(say('chart.showTable')).click();
      assert.equal(await page.getByRole('region', { name: say('overview.perHour') }).locator('tbody tr').count(), 24);
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `overview-${view.name}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
