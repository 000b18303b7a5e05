// Resending under pressure, in Chromium against a real Postback. A bulk resend that meets the API's rate limit (a
// 429, faked here for chosen deliveries) waits the Retry-After out and tries the same delivery again, its progress
// on screen meanwhile; afterwards just the deliveries that still failed stay selected, and the notice counts them.
// A limit that does not lift stops the run, the untried rest left selected too. A resend while an attempt is under
// way says to wait for it to end, in the history and on the delivery's page. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { leadOf, member, pageIn, publishSale, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { Member, View } from './dashboard-helpers.ts';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A receiver that holds every post unanswered until `release()`: an attempt kept under way. */
async function startHoldingReceiver() {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => { request.resume(); held.push(response); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get holding() { return held.length; },
    release() { for (const response of held.splice(0)) response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'); },
    async [Symbol.asyncDispose]() {
      for (const response of held.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Resend = { id: string; at: number };

/**
 * Resends of the page seen on their way (each id and when), those of `limited` answered 429 with `retry-after`
 * the first `times` times, as the API's rate limit would; the rest go to the real API.
 */
async function limitResends(page: Page, limited: string, times: number, retryAfter: string): Promise<{ calls: Resend[]; stop(): Promise<void> }> {
  const calls: Resend[] = [];
  const pattern = '**/api/v1/deliveries/*/resend';
  const handler = async (route: Route) => {
    const id = decodeURIComponent(route.request().url().split('/').at(-2)!);
    calls.push({ id, at: Date.now() });
    if (id === limited && calls.filter((call) => call.id === id).length <= times) {
      await route.fulfill({ status: 429, headers: { 'retry-after': retryAfter }, contentType: 'application/problem+json',
        body: JSON.stringify({ code: 'rate_limited', detail: 'Over the limit (faked by the test).' }) });
      return;
    }
    await route.continue();
  };
  await page.route(pattern, handler);
  return { calls, stop: () => page.unroute(pattern, handler) };
}

test('resending under pressure', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  for (const view of views) await t.test(view.name, (inView) => resendIn(inView, browser.context, view));
});

async function resendIn(t: TestContext, context: BrowserContext, view: View): Promise<void> {
  const say = wordsOf(view.locale);
  // an attempt may stay under way for 20 s (the held receiver answers when told); failed deliveries wait 10 minutes
  await using platform = await startPlatform({ retrySchedule: [0, 600_000], attemptDeadlineMs: 20_000, leaseMs: 30_000 });
  await using held = await startHoldingReceiver();
  const producer = await member(platform, 'Loja do Léo', 'producer', `leo-${view.name}@example.com`);
  const page = await pageIn(context, view);
  const errors = watchForErrors(page, [401, 409, 429]);
  await signIn(page, platform.url, producer);
  const bulk = page.getByRole('region', { name: say('bulk.label') });
  const rows = page.locator('.history-table tbody tr');
  const notices = page.locator('.notices');

  // the oldest row: a cancellation to a disabled configuration, which a resend is refused for (409)
  const stopped = await webhook(producer, { name: 'Parado', url: 'http://127.0.0.1:1/parado', events: ['PURCHASE_CANCELED'] });
  assert.equal((await producer.call('PATCH', `/api/v1/webhooks/${stopped}`, { enabled: false })).status, 200);
  const canceled = (await producer.call('GET', '/api/v1/catalog/PURCHASE_CANCELED')).body.sample;
  assert.equal((await producer.call('POST', '/api/v1/events', { event: 'PURCHASE_CANCELED', data: { ...canceled, purchase: { ...canceled.purchase, transaction: 'HPR000000000' } } })).status, 202);
  // then four sales to Pixel: nothing listens on port 1, so each attempt is refused at once and, one allowed, fails it
  const pixel = await webhook(producer, { name: 'Pixel', url: 'http://127.0.0.1:1/pixel', max_attempts: 1 });
  for (const n of [1, 2, 3, 4]) await publishSale(producer, `HPR00000000${n}`);
  const pixelDone = (attempts: number) => eventually(`every Pixel delivery failed after ${attempts} attempts`, async () => {
    const items = (await producer.call('GET', `/api/v1/deliveries?webhook_id=${pixel}`)).body.items as { status: string; attempts: number }[];
    return items.length === 4 && items.every((item) => item.status === 'failed' && item.attempts === attempts) ? true : undefined;
  });
  await pixelDone(1);
  // newest first, as the history lists them: the four to Pixel, then the one to Parado
  const order = ((await producer.call('GET', '/api/v1/deliveries?limit=50')).body.items as { id: string; webhook_id: string }[]).map((item) => item.id);
  assert.equal(order.length, 5);
  const selectAll = async () => {
    await page.goto(`${platform.url}/history`);
    await eventually('five rows', async () => ((await rows.count()) === 5 ? true : undefined));
    // row by row: a phone's rows are cards, without the table's "select all"
    for (const row of await rows.all()) await row.locator('input[type="checkbox"]').check();
    await bulk.getByText(say('bulk.selected', { count: 5 }), { exact: true }).waitFor();
    await bulk.getByRole('button', { name: say('bulk.resend') }).click();
    await page.getByRole('dialog').getByRole('button', { name: say('history.resend') }).click();
  };

  await t.test('a 429 is waited out and the same delivery resent; only what still failed stays selected', async () => {
    const target = order[1]!;
    const limit = await limitResends(page, target, 1, '2');
    await selectAll();
    // the progress stays on screen through the wait, at the limited delivery
    await bulk.getByText(new RegExp(`^${escaped(leadOf(say, 'bulk.progress'))}\\s1\\s`)).waitFor();
    const told = say('resend.someFailed', { resent: 4, failed: 1, reason: say('resend.blocked') });
    await notices.getByText(told).waitFor({ timeout: 30_000 });
    await notices.getByText(say('resend.failedStaySelected')).waitFor();
    await shot(page, `resend-429-waited-${view.name}`);
    await limit.stop();
    const tries = limit.calls.filter((call) => call.id === target);
    assert.equal(tries.length, 2, 'the limited delivery was tried again');
    assert.ok(tries[1]!.at - tries[0]!.at >= 1900, `after the Retry-After of 2 s (${tries[1]!.at - tries[0]!.at} ms)`);
    assert.deepEqual(limit.calls.map((call) => call.id), [order[0], target, target, ...order.slice(2)], 'every other one once, in order');
    await bulk.getByText(say('bulk.selected', { count: 1 }), { exact: true }).waitFor();
    assert.deepEqual(await page.locator('.history-table tbody tr.is-selected .cell-webhook').allInnerTexts(), ['Parado'], 'the one refused stays selected');
    await pixelDone(2);
  });

  await t.test('a limit that does not lift stops the run, and the rest stays selected to try again', async () => {
    const target = order[1]!;
    const limit = await limitResends(page, target, Infinity, '1');
    await selectAll();
    const told = say('resend.someFailed', { resent: 1, failed: 4, reason: say('error.rateLimited') });
    await notices.getByText(told).waitFor({ timeout: 30_000 });
    await limit.stop();
    assert.deepEqual(limit.calls.map((call) => call.id), [order[0], target, target, target, target], 'the first, then the limited one four times, the rest untried');
    await bulk.getByText(say('bulk.selected', { count: 4 }), { exact: true }).waitFor();
    assert.equal(await rows.nth(0).locator('input[type="checkbox"]').isChecked(), false, 'the one resent is no longer selected');
    await shot(page, `resend-limit-stays-${view.name}`);
  });

  await t.test('a resend while an attempt is under way says to wait for it, in the history and on the delivery\'s page', async () => {
    const slow = await webhook(producer, { name: 'Lento', url: `${held.url}/slow`, max_attempts: 1 });
    const published = await publishSale(producer, 'HPR000000005');
    const delivery = (published.body.deliveries as { id: string; webhook_id: string }[]).find((item) => item.webhook_id === slow)!.id;
    await eventually('the attempt under way', async () => (held.holding === 1 ? true : undefined));
    const told = say('resend.failed', { reason: say('resend.inFlight') });
    await page.goto(`${platform.url}/history?webhook_id=${slow}`);
    await rows.getByRole('button', { name: new RegExp(`^${escaped(leadOf(say, 'history.resendOf'))}`) }).click();
    await notices.getByText(told).waitFor();
    await shot(page, `resend-in-flight-history-${view.name}`);
    await page.goto(`${platform.url}/history/${delivery}`);
    await page.getByRole('button', { name: say('history.resend'), exact: true }).click();
    await notices.getByText(told).waitFor();
    await shot(page, `resend-in-flight-delivery-${view.name}`);
    held.release();
    await eventually('delivered once it ended', async () => ((await producer.call('GET', `/api/v1/deliveries/${delivery}`)).body.status === 'delivered' ? true : undefined));
  });

  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
}

async function webhook(owner: Member, fields: { name: string; url: string; max_attempts?: number; events?: string[] }): Promise<string> {
  const answer = await owner.call('POST', '/api/v1/webhooks', { events: ['PURCHASE_APPROVED'], ...fields });
  assert.equal(answer.status, 201, answer.text);
  return answer.body.id as string;
}
