// Two dialogs of a configuration, in Chromium against a real Postback. A test whose edited data the API refuses names
// the fields it refused, as the payload names them (product.id, not body.data.product.id); a test of a conversion
// postback without a click id is not sent, as the sale would not be, and says so. Recover of a configuration
// disabled for failing starts where the API suggests, early enough for the sales that failed before the disable
// (counting from the disable, as the dialog used to, leaves them out); a date typed instead is counted at once, and
// the dialog opened again starts from the suggestion again. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { publishEvent } from '../../src/ingest/publish-event.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { Member, View } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';
import type { RestartableReceiver } from './restartable-receiver.ts';

test('the test and recover dialogs', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  // two failed attempts in a row disable a configuration
  await using platform = await startPlatform({ retrySchedule: [0, 50], disableAfterFailures: 2, disableAfterMs: 0 });
  await using receiver = await startRestartableReceiver();
  const producer = await member(platform, 'Escola da Íris', 'producer', 'iris@example.com');
  assert.equal((await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/h`, events: ['PURCHASE_APPROVED'] })).status, 201);
  const mgid = await producer.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${receiver.url}/mgid`, goals: { PURCHASE_APPROVED: 'purchase' } } });
  assert.equal(mgid.status, 201, mgid.text);
  // each view recovers a configuration of its own; nothing listens on port 1, so both fail the same sale twice
  const pixels = new Map<string, string>();
  for (const view of views) {
    const answer = await producer.call('POST', '/api/v1/webhooks', { name: `Pixel ${view.name}`, url: 'http://127.0.0.1:1/pixel', events: ['PURCHASE_APPROVED'], max_attempts: 2 });
    pixels.set(view.name, answer.body.id);
  }
  // the sale that fails was made two minutes before the failures that disable the configurations (published through
  // the ingest use case on a clock two minutes behind): counting from the disable, as the dialog did (to the minute
  // its field shows), leaves it out
  const sample = (await producer.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
  const earlier = await publishEvent({ store: platform.store, defaultMaxAttempts: 2, wake: () => {}, clock: () => Date.now() - 120_000 },
    { accountId: producer.accountId, event: 'PURCHASE_APPROVED', data: { ...sample, purchase: { ...sample.purchase, transaction: 'HPI000000001' } }, requestHash: 'earlier' });
  assert.equal(earlier.kind, 'accepted');
  const disabledAt = await eventually('both disabled for failing', async () => {
    const items = (await producer.call('GET', '/api/v1/webhooks')).body.items as { id: string; enabled: boolean; disabled_at: string | null }[];
    const stopped = items.filter((item) => [...pixels.values()].includes(item.id) && !item.enabled);
    return stopped.length === pixels.size ? new Map(stopped.map((item) => [item.id, item.disabled_at!])) : undefined;
  });
  // a sale after the disable is not sent at all
  await publishSale(producer, 'HPI000000002');
  for (const view of views) {
    const id = pixels.get(view.name)!;
    await t.test(view.name, (inView) => dialogsIn(inView, browser.context, view, { url: platform.url, producer, receiver, pixel: { id, disabledAt: disabledAt.get(id)! } }));
  }
});

type Setting = { url: string; producer: Member; receiver: RestartableReceiver; pixel: { id: string; disabledAt: string } };

async function dialogsIn(t: TestContext, context: BrowserContext, view: View, { url, producer, receiver, pixel }: Setting): Promise<void> {
  const say = wordsOf(view.locale);
  const page = await pageIn(context, view);
  const errors = watchForErrors(page, [401, 422]);
  await signIn(page, url, producer);
  /** Opens a configuration's test dialog, edits its sample once it shows `key`, and submits it. */
  const sendEditedTest = async (configuration: string, key: string, edit: (data: Record<string, any>) => void) => {
    await page.goto(`${url}/webhooks`);
    await page.getByRole('article', { name: configuration }).getByRole('button', { name: say('webhooks.sendTest') }).click();
    const dialog = page.getByRole('dialog', { name: say('sendTest.title') });
    const payload = dialog.getByLabel(say('sendTest.payload'));
    await eventually('the sample', async () => ((await payload.inputValue()).includes(`"${key}"`) ? true : undefined));
    const data = JSON.parse(await payload.inputValue());
    edit(data);
    await payload.fill(JSON.stringify(data, null, 2));
    await dialog.getByRole('button', { name: say('sendTest.submit') }).click();
    return dialog;
  };

  await t.test('a refused test names the fields it refused', async () => {
    const received = receiver.received;
    const dialog = await sendEditedTest('Área de membros', 'product', (data) => { delete data.product.id; delete data.buyer.email; });
    const fields = new Intl.ListFormat(view.locale, { type: 'conjunction' }).format(['product.id', 'buyer.email']);
    await dialog.locator('.field-error').getByText(say('sendTest.refusedFields', { count: 2, fields }), { exact: true }).waitFor();
    await shot(page, `test-refused-fields-${view.name}`);
    assert.equal(receiver.received, received, 'nothing was posted');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: say('dialog.discard'), exact: true }).click();
  });

  await t.test('a test of a conversion postback without a click id says it was not sent, as the sale would not be', async () => {
    const received = receiver.received;
    const dialog = await sendEditedTest('MGID', 'origin', (data) => { delete data.purchase.origin; });
    await dialog.getByRole('heading', { name: say('sendTest.notSent') }).waitFor();
    await dialog.getByText(say('outcome.noClickId')).waitFor();
    await shot(page, `test-not-sent-${view.name}`);
    assert.equal(receiver.received, received, 'nothing reached the network');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
  });

  await t.test('recover starts before the failures that disabled it, and counts what they left', async () => {
    const fromDisable = (await producer.call('GET', `/api/v1/webhooks/${pixel.id}/recoverable?since=${encodeURIComponent(pixel.disabledAt)}`)).body;
    assert.equal(fromDisable.count, 1, 'from the disable: only the sale after it');
    const suggested = (await producer.call('GET', `/api/v1/webhooks/${pixel.id}/recoverable`)).body;
    assert.equal(suggested.count, 2, 'the suggestion: the sale that failed and the one not sent');
    assert.notEqual((suggested.since as string).slice(0, 16), pixel.disabledAt.slice(0, 16), 'a minute or more before the disable');

    await page.goto(`${url}/webhooks`);
    const open = () => page.getByRole('article', { name: `Pixel ${view.name}` }).getByRole('button', { name: say('webhooks.recover') }).click();
    await open();
    const dialog = page.getByRole('dialog', { name: say('recover.title') });
    const since = dialog.getByLabel(say('recover.since'));
    await dialog.getByText(say('recover.count', { count: 2 })).waitFor();
    assert.equal(await since.inputValue(), (suggested.since as string).slice(0, 16), 'the suggested start (UTC here)');
    await shot(page, `recover-suggested-${view.name}`);
    await since.fill('2099-01-01T00:00');
    await dialog.getByText(say('recover.count', { count: 0 })).waitFor();
    await dialog.getByRole('button', { name: say('common.cancel') }).click();
    // opened again, it starts from the suggestion again
    await open();
    await dialog.getByText(say('recover.count', { count: 2 })).waitFor();
    await dialog.getByRole('button', { name: say('recover.submit') }).click();
    await page.getByText(say('recover.done', { name: `Pixel ${view.name}`, count: 2 })).waitFor();
  });

  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
}
