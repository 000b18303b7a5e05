// The defects a producer tripped over in the first dashboard, each shown fixed in Chromium: live history with a
// "N new" marker that moves nothing, recover with counts, statuses that say what happened and why, one affiliation
// per affiliate, producer-facing form messages with focus on the first bad field, an affiliate's own product list,
// a scoped test send, a missing delivery, header contrast, a steady Copy button, Escape that asks, masked passwords.
// Each at a desktop width in English and at a phone width in pt-BR, every word read from the dashboard's catalogues.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { prepareEvent } from '../../src/ingest/prepare-event.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { leadOf, member, pageIn, publishSale, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { View } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

/**
 * The WCAG contrast ratio of an element's text (or of its ::before, the phone's cell labels) on the background it
 * sits on: the nearest one up its ancestors that is not transparent. Computed in the page.
 */
async function contrastOf(page: Page, selector: string, pseudo: '::before' | null = null): Promise<number> {
  return page.evaluate(`(() => {
    const element = document.querySelector(${JSON.stringify(selector)});
    const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let background = getComputedStyle(element, ${JSON.stringify(pseudo)}).backgroundColor;
    for (let node = element; rgb(background)[3] === 0 && node; node = node.parentElement) background = getComputedStyle(node).backgroundColor;
    const [a, b] = [lum(rgb(getComputedStyle(element, ${JSON.stringify(pseudo)}).color)), lum(rgb(background))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  })()`) as Promise<number>;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the first round\'s defects, fixed', { timeout: 480_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  for (const view of views) await t.test(view.name, (inView) => defectsIn(inView, browser.context, view));
});

async function defectsIn(t: TestContext, context: BrowserContext, view: View): Promise<void> {
  const say = wordsOf(view.locale);
  const named = (name: string) => `defects-${name}-${view.name}`;
  // a second attempt a minute later: a delivery stays between its failed first attempt and its retry while the test acts
  await using platform = await startPlatform({ retrySchedule: [0, 60_000] });
  await using receiver = await startRestartableReceiver();
  // nothing listens on port 1: a refusal every time (a stopped receiver's port could be taken by a parallel test's server)
  const deadUrl = 'http://127.0.0.1:1';
  const producer = await member(platform, 'Loja da Bia', 'producer', `bia-${view.name}@example.com`);
  const affiliate = await member(platform, 'Duda Afiliada', 'affiliate', `duda-${view.name}@example.com`);
  assert.equal((await producer.call('POST', '/api/v1/products', { id: '1234567', name: 'Curso de bolos' })).status, 201);
  const page = await pageIn(context, view);
  const errors = watchForErrors(page, [401, 404, 409, 422]);
  await signIn(page, platform.url, producer);

  await t.test('the history shows new sales live, behind a "N new" marker that moves nothing', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/hook`, events: ['PURCHASE_APPROVED'] })).body;
    await publishSale(producer, 'HP0000000001');
    await eventually('delivered', async () => (receiver.received === 1 ? true : undefined));
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const first = page.locator('.history-table tbody tr').first();
    await first.getByText('HP0000000001').waitFor();
    await first.getByText(say('status.delivered'), { exact: true }).waitFor();
    const before = await first.boundingBox();
    await publishSale(producer, 'HP0000000002');
    const marker = page.getByRole('button', { name: new RegExp(escaped(say('history.fresh', { count: 1 }))) });
    await marker.waitFor();
    assert.deepEqual(await first.boundingBox(), before, 'the row being read did not move');
    assert.match(await first.innerText(), /HP0000000001/);
    await shot(page, named('01-new-marker'));
    await marker.click();
    await page.locator('.history-table tbody tr').first().getByText('HP0000000002').waitFor();
    assert.equal(await marker.count(), 0, 'the marker is gone once the rows are in');

    // a sale another api process stored with its clock behind: its delivery's id sorts between the two rows shown
    const listed = (await producer.call('GET', `/api/v1/deliveries?webhook_id=${hook.id}`)).body.items as { created_at: string }[];
    const behind = Math.floor(listed.map((row) => Date.parse(row.created_at)).reduce((sum, at) => sum + at) / listed.length);
    const sample = (await producer.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
    const prepared = prepareEvent({ accountId: producer.accountId, event: 'PURCHASE_APPROVED', requestHash: 'behind',
      data: { ...sample, purchase: { ...sample.purchase, transaction: 'HP0000000009' } } }, 5, behind);
    assert.ok(prepared.kind === 'ready');
    assert.equal((await platform.store.publish(prepared.event, prepared.fanOut, behind)).kind, 'created');
    await marker.waitFor();
    await marker.click();
    await page.locator('.history-table tbody tr').nth(1).getByText('HP0000000009').waitFor();
  });

  await t.test('recover defaults to the API\'s suggested start, counts before confirming, and says how many went', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Pixel', url: `${receiver.url}/pixel`, events: ['PURCHASE_APPROVED'] })).body;
    assert.equal((await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false })).status, 200);
    await publishSale(producer, 'HP0000000003');
    await publishSale(producer, 'HP0000000004');
    // a never-attempted skipped delivery says it was not sent, when, and why
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const row = page.getByRole('row').filter({ hasText: 'HP0000000004' });
    await row.getByText(leadOf(say, 'outcome.notSent')).waitFor();
    await row.getByText(`(${say('reason.owner')})`, { exact: false }).waitFor();
    await shot(page, named('02-not-sent-why'));
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('article', { name: 'Pixel' }).getByRole('button', { name: say('webhooks.recover') }).click();
    const dialog = page.getByRole('dialog', { name: say('recover.title') });
    await dialog.getByText(say('recover.count', { count: 2 })).waitFor();
    // where it starts is the API's to suggest (dashboard-test-and-recover.test.ts: a configuration disabled for failing)
    const suggested = (await producer.call('GET', `/api/v1/webhooks/${hook.id}/recoverable`)).body;
    assert.equal(await dialog.getByLabel(say('recover.since')).inputValue(), (suggested.since as string).slice(0, 16), 'since: the suggestion (UTC here)');
    await shot(page, named('03-recover-count'));
    const received = receiver.received;
    await dialog.getByRole('button', { name: say('recover.submit') }).click();
    await page.getByText(say('recover.done', { name: 'Pixel', count: 2 })).waitFor();
    await eventually('both resent', async () => (receiver.received === received + 2 ? true : undefined));
  });

  await t.test('a delivery stopped by a disable says it failed and why; a resend to a disabled configuration does not post', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Automação', url: `${deadUrl}/n8n`, events: ['PURCHASE_APPROVED'] })).body;
    const published = await publishSale(producer, 'HP0000000005');
    const deliveryId = (published.body.deliveries as { id: string; webhook_id: string }[]).find((d) => d.webhook_id === hook.id)!.id;
    await eventually('the first attempt failed', async () => ((await producer.call('GET', `/api/v1/deliveries/${deliveryId}`)).body.cycle_attempts === 1 ? true : undefined));
    await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false });
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const row = page.getByRole('row').filter({ hasText: 'HP0000000005' });
    await row.locator('.badge-failed').getByText(say('status.failed')).waitFor();
    await row.getByText(say('result.refused')).waitFor();
    await row.getByText(leadOf(say, 'outcome.stopped')).waitFor();
    assert.equal(await row.getByText(say('status.skipped'), { exact: true }).count(), 0);
    assert.ok(await row.getByRole('button', { name: new RegExp(`^${escaped(leadOf(say, 'history.resendOf'))}`) }).isDisabled(), 'no resend while disabled');
    assert.equal(await scrollsSideways(page), null);
    await page.goto(`${platform.url}/history/${deliveryId}`);
    await page.getByText(say('resend.blockedHint')).waitFor();
    assert.ok(await page.getByRole('button', { name: say('history.resend'), exact: true }).isDisabled());
    await shot(page, named('04-stopped-by-disable'));
    const refused = await producer.call('POST', `/api/v1/deliveries/${deliveryId}/resend`);
    assert.deepEqual([refused.status, refused.body.code], [409, 'webhook_disabled'], 'the API refuses too');
  });

  await t.test('the same affiliate cannot be added twice to one product', async () => {
    await page.goto(`${platform.url}/products/1234567`);
    const id = page.getByLabel(say('affiliationForm.accountId'));
    await id.fill(affiliate.accountId);
    await page.getByLabel(say('affiliationForm.code')).fill('DUDA1');
    await page.getByRole('button', { name: say('affiliationForm.submit') }).click();
    await page.getByRole('row').filter({ hasText: 'DUDA1' }).waitFor();
    await id.fill(affiliate.accountId);
    await page.getByLabel(say('affiliationForm.code')).fill('DUDA2');
    await page.getByRole('button', { name: say('affiliationForm.submit') }).click();
    await page.locator('.field-error').getByText(say('affiliationForm.alreadyAffiliated')).waitFor();
    assert.equal(await page.evaluate('document.activeElement.id'), await id.getAttribute('id'), 'the keyboard is on the field');
    assert.equal(await page.getByRole('row').filter({ hasText: 'DUDA2' }).count(), 0);
    await shot(page, named('05-affiliate-twice'));
  });

  await t.test('form messages are written for a producer, next to their field, with focus on the first', async () => {
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: say('webhooks.new') }).first().click();
    const form = page.getByRole('dialog', { name: say('webhooks.new') });
    await form.getByLabel(say('webhookForm.name'), { exact: true }).fill('Teste');
    await form.getByLabel(say('webhookForm.url'), { exact: true }).fill(`${receiver.url}/x`);
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('radio', { name: say('webhookForm.someProducts') }).check();
    await form.getByLabel(say('webhooks.attempts'), { exact: true }).fill('0');
    await form.getByRole('button', { name: say('webhookForm.create') }).click();
    await form.getByText(say('webhookForm.productsNeeded')).waitFor();
    await form.getByText(say('webhookForm.attemptsNeeded')).waitFor();
    const text = await form.innerText();
    assert.doesNotMatch(text, /Too small|expected number|list at least one product id|"all"/);
    assert.ok(await page.evaluate(`document.activeElement.closest('fieldset[data-field="products"]') !== null`), 'focus is in the first bad field');
    await shot(page, named('06-form-messages'));
    await form.getByRole('button', { name: say('common.cancel') }).click();
    await page.goto(`${platform.url}/`);
    await page.locator('.account-menu button').click();
    await page.getByRole('heading', { name: say('signIn.title') }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /npm run|postback --|account create/, 'no CLI commands for producers');
    await signIn(page, platform.url, producer);
  });

  await t.test('an affiliate scopes a configuration to the products it promotes', async () => {
    await signIn(page, platform.url, affiliate);
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: say('webhooks.new') }).first().click();
    const form = page.getByRole('dialog', { name: say('webhooks.new') });
    await form.getByRole('radio', { name: say('webhookForm.someProducts') }).check();
    await form.getByRole('checkbox', { name: /Curso de bolos/ }).check();
    assert.equal(await form.getByText(say('webhookForm.noProducts')).count(), 0);
    await shot(page, named('07-affiliate-products'));
    await form.getByLabel(say('webhookForm.name'), { exact: true }).fill('Meu rastreador');
    await form.getByLabel(say('webhookForm.url'), { exact: true }).fill(`${receiver.url}/duda`);
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('button', { name: say('webhookForm.create') }).click();
    await page.getByRole('dialog', { name: say('secret.createdTitle') }).getByRole('button', { name: say('common.done') }).click();
    await page.getByRole('article', { name: 'Meu rastreador' }).getByText('Curso de bolos').waitFor();
    await page.goto(`${platform.url}/products`);
    await page.getByRole('heading', { name: say('promoted.title') }).waitFor();
    assert.equal(await page.getByRole('heading', { name: say('products.addTitle') }).count(), 0, 'affiliates do not add products');
    await signIn(page, platform.url, producer);
  });

  await t.test('send test on a configuration scoped to some products sends one of them', async () => {
    await producer.call('POST', '/api/v1/webhooks', { name: 'Só bolos', url: `${receiver.url}/bolos`, events: ['PURCHASE_APPROVED'], products: ['1234567'] });
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('article', { name: 'Só bolos' }).getByRole('button', { name: say('webhooks.sendTest') }).click();
    const before = receiver.bodies.length;
    await page.getByRole('dialog', { name: say('sendTest.title') }).getByRole('button', { name: say('sendTest.submit') }).click();
    await eventually('the test arrived', async () => (receiver.bodies.length > before ? true : undefined));
    const body = JSON.parse(receiver.bodies.at(-1)!);
    assert.deepEqual([body.data.product.id, body.data.product.name], [1234567, 'Curso de bolos']);
    await page.keyboard.press('Escape');
  });

  await t.test('a missing delivery says so, without "Try again" or Resend; a resend says new attempts appear on top', async () => {
    await page.goto(`${platform.url}/history/0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d`);
    await page.getByRole('heading', { name: say('delivery.missingTitle') }).waitFor();
    assert.equal(await page.getByRole('button', { name: say('common.tryAgain') }).count(), 0);
    assert.equal(await page.getByRole('button', { name: new RegExp(escaped(say('history.resend'))) }).count(), 0);
    await shot(page, named('08-missing-delivery'));
    await page.goto(`${platform.url}/history`);
    await page.getByRole('row').filter({ hasText: 'HP0000000001' }).getByRole('link', { name: new RegExp(`^${escaped(leadOf(say, 'history.detailsOf'))}`) }).click();
    await page.getByRole('button', { name: say('history.resend'), exact: true }).click();
    await page.getByText(say('delivery.queuedAgain')).waitFor();
  });

  await t.test('after the configuration\'s URL changes, each attempt of the delivery says where it went', async () => {
    const hook = ((await producer.call('GET', '/api/v1/webhooks')).body.items as { id: string; name: string }[]).find((item) => item.name === 'Área de membros')!;
    assert.equal((await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { url: `${receiver.url}/moved` })).status, 200);
    const [delivery] = (await producer.call('GET', `/api/v1/deliveries?webhook_id=${hook.id}&transaction=HP0000000001`)).body.items as { id: string }[];
    assert.equal((await producer.call('POST', `/api/v1/deliveries/${delivery!.id}/resend`)).status, 202);
    await page.goto(`${platform.url}/history/${delivery!.id}`);
    const sentTo = page.locator('.attempt-url');
    await eventually('an attempt at the new URL', async () => (await sentTo.filter({ hasText: '/moved' }).count() === 1 ? true : undefined));
    assert.deepEqual((await sentTo.locator('dt').allTextContents()).map((text) => text.trim()), Array((await sentTo.count())).fill(say('attempts.url')));
    assert.ok(await sentTo.filter({ hasText: `${receiver.url}/hook` }).count() >= 1, 'the earlier attempts name the URL they went to');
    await shot(page, named('08b-attempt-urls'));
  });

  await t.test('header contrast, a steady Copy button, Escape that asks, passwords masked', async () => {
    await page.goto(`${platform.url}/history`);
    // a desktop's column headers; a phone's rows are cards whose cells carry their own labels
    const phone = view.width < 720;
    const header = phone ? '.history-table tbody td[data-label]:nth-child(3)' : '.history-table thead th:nth-child(2)';
    await page.locator(header).first().waitFor();
    const ratio = await contrastOf(page, header, phone ? '::before' : null);
    assert.ok(ratio >= 4.5, `table headers meet WCAG AA: ${ratio.toFixed(2)}:1`);

    await page.goto(`${platform.url}/credentials`);
    const copy = page.getByRole('button', { name: say('copy.label', { label: say('credential.accountId') }) });
    const width = (await copy.boundingBox())!.width;
    await copy.click();
    await copy.getByText(say('copy.copied')).and(page.locator(':not([aria-hidden])')).waitFor();
    assert.equal((await copy.boundingBox())!.width, width, '"Copied" keeps the button\'s width');

    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: say('webhooks.new') }).first().click();
    const form = page.getByRole('dialog', { name: say('webhooks.new') });
    await form.getByLabel(say('webhookForm.name'), { exact: true }).fill('Half filled');
    await page.keyboard.press('Escape');
    await form.getByText(say('dialog.discardQuestion')).waitFor();
    await shot(page, named('09-escape-asks'));
    await form.getByRole('button', { name: say('dialog.keepEditing') }).click();
    assert.equal(await form.getByLabel(say('webhookForm.name'), { exact: true }).inputValue(), 'Half filled');
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: say('dialog.discard'), exact: true }).click();
    await form.waitFor({ state: 'hidden' });

    const secretUrl = receiver.url.replace('http://', 'http://ana:s3cr3t-pw@');
    await producer.call('POST', '/api/v1/webhooks', { name: 'Com senha', url: `${secretUrl}/basic`, events: ['PURCHASE_APPROVED'] });
    const published = await publishSale(producer, 'HP0000000006');
    await page.reload();
    await page.getByRole('article', { name: 'Com senha' }).getByText('ana:•••@', { exact: false }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /s3cr3t-pw/);
    const withPassword = (published.body.deliveries as { id: string }[]).at(-1)!.id;
    await page.goto(`${platform.url}/history/${withPassword}`);
    await page.getByRole('heading', { name: say('delivery.sentPayload') }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /s3cr3t-pw/);
  });

  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
}
