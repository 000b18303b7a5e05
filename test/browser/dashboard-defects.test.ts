// The defects a producer tripped over in the first dashboard, each shown fixed in Chromium: live history with a
// "N new" marker that moves nothing, recover with counts, statuses that say what happened and why, one affiliation
// per affiliate, producer-facing form messages with focus on the first bad field, an affiliate's own product list,
// a scoped test send, a missing delivery, header contrast, a steady Copy button, Escape that asks, masked passwords.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, publishSale, shot, signIn, watchForErrors } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

/** The WCAG contrast ratio of an element's text on its own background, computed in the page. */
async function contrastOf(page: Page, selector: string): Promise<number> {
  return page.evaluate(`(() => {
    const style = getComputedStyle(document.querySelector(${JSON.stringify(selector)}));
    const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  })()`) as Promise<number>;
}

test('the first round\'s defects, fixed', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  // a second attempt a minute later: a delivery stays between its failed first attempt and its retry while the test acts
  await using platform = await startPlatform({ retrySchedule: [0, 60_000] });
  await using receiver = await startRestartableReceiver();
  await using dead = await startRestartableReceiver();
  await dead.stop();
  const producer = await member(platform, 'Loja da Bia', 'producer', 'bia@example.com');
  const affiliate = await member(platform, 'Duda Afiliada', 'affiliate', 'duda@example.com');
  assert.equal((await producer.call('POST', '/api/v1/products', { id: '1234567', name: 'Curso de bolos' })).status, 201);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchForErrors(page, [401, 404, 409, 422]);
  await signIn(page, platform.url, producer);

  await t.test('the history shows new sales live, behind a "N new" marker that moves nothing', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Área de membros', url: `${receiver.url}/hook`, events: ['PURCHASE_APPROVED'] })).body;
    await publishSale(producer, 'HP0000000001');
    await eventually('delivered', async () => (receiver.received === 1 ? true : undefined));
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const first = page.locator('.history-table tbody tr').first();
    await first.getByText('HP0000000001').waitFor();
    await first.getByText('Delivered').waitFor();
    const before = await first.boundingBox();
    await publishSale(producer, 'HP0000000002');
    const marker = page.getByRole('button', { name: /1 new delivery/ });
    await marker.waitFor();
    assert.deepEqual(await first.boundingBox(), before, 'the row being read did not move');
    assert.match(await first.innerText(), /HP0000000001/);
    await shot(page, 'defects-01-new-marker');
    await marker.click();
    await page.locator('.history-table tbody tr').first().getByText('HP0000000002').waitFor();
    assert.equal(await marker.count(), 0, 'the marker is gone once the rows are in');
  });

  await t.test('recover defaults to when it was disabled, counts before confirming, and says how many went', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Pixel', url: `${receiver.url}/pixel`, events: ['PURCHASE_APPROVED'] })).body;
    const disabled = (await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false })).body;
    await publishSale(producer, 'HP0000000003');
    await publishSale(producer, 'HP0000000004');
    // a never-attempted skipped delivery says it was not sent, when, and why
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const row = page.getByRole('row').filter({ hasText: 'HP0000000004' });
    await row.getByText('Not sent: the configuration was disabled on').waitFor();
    await row.getByText('(disabled by the owner)', { exact: false }).waitFor();
    await shot(page, 'defects-02-not-sent-why');
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('article', { name: 'Pixel' }).getByRole('button', { name: 'Recover…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover configuration' });
    assert.equal(await dialog.getByLabel('Resend since').inputValue(), (disabled.disabled_at as string).slice(0, 16), 'since: when it was disabled (UTC here)');
    await dialog.getByText('2 deliveries will be sent again.').waitFor();
    await shot(page, 'defects-03-recover-count');
    const received = receiver.received;
    await dialog.getByRole('button', { name: 'Re-enable and resend' }).click();
    await page.getByText('Pixel is enabled again: 2 deliveries queued again.').waitFor();
    await eventually('both resent', async () => (receiver.received === received + 2 ? true : undefined));
  });

  await t.test('a delivery stopped by a disable says it failed and why; a resend to a disabled configuration does not post', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Automação', url: `${dead.url}/n8n`, events: ['PURCHASE_APPROVED'] })).body;
    const published = await publishSale(producer, 'HP0000000005');
    const deliveryId = (published.body.deliveries as { id: string; webhook_id: string }[]).find((d) => d.webhook_id === hook.id)!.id;
    await eventually('the first attempt failed', async () => ((await producer.call('GET', `/api/v1/deliveries/${deliveryId}`)).body.cycle_attempts === 1 ? true : undefined));
    await producer.call('PATCH', `/api/v1/webhooks/${hook.id}`, { enabled: false });
    await page.goto(`${platform.url}/history?webhook_id=${hook.id}`);
    const row = page.getByRole('row').filter({ hasText: 'HP0000000005' });
    await row.locator('.badge-failed').getByText('Failed').waitFor();
    await row.getByText('Connection refused').waitFor();
    await row.getByText('Retries stopped: the configuration was disabled on').waitFor();
    assert.equal(await row.getByText('Not sent', { exact: true }).count(), 0);
    assert.ok(await row.getByRole('button', { name: /^Resend/ }).isDisabled(), 'no resend while disabled');
    await page.goto(`${platform.url}/history/${deliveryId}`);
    await page.getByText('The configuration is disabled.').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Resend', exact: true }).isDisabled());
    await shot(page, 'defects-04-stopped-by-disable');
    const refused = await producer.call('POST', `/api/v1/deliveries/${deliveryId}/resend`);
    assert.deepEqual([refused.status, refused.body.code], [409, 'webhook_disabled'], 'the API refuses too');
  });

  await t.test('the same affiliate cannot be added twice to one product', async () => {
    await page.goto(`${platform.url}/credentials/products/1234567/affiliates`);
    const id = page.getByLabel('Affiliate account id');
    await id.fill(affiliate.accountId);
    await page.getByLabel('Affiliate code (optional)').fill('DUDA1');
    await page.getByRole('button', { name: 'Add affiliate' }).click();
    await page.getByRole('row').filter({ hasText: 'DUDA1' }).waitFor();
    await id.fill(affiliate.accountId);
    await page.getByLabel('Affiliate code (optional)').fill('DUDA2');
    await page.getByRole('button', { name: 'Add affiliate' }).click();
    await page.locator('.field-error').getByText('This affiliate already promotes this product.').waitFor();
    assert.equal(await page.evaluate('document.activeElement.id'), await id.getAttribute('id'), 'the keyboard is on the field');
    assert.equal(await page.getByRole('row').filter({ hasText: 'DUDA2' }).count(), 0);
    await shot(page, 'defects-05-affiliate-twice');
  });

  await t.test('form messages are written for a producer, next to their field, with focus on the first', async () => {
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: 'New configuration' }).first().click();
    const form = page.getByRole('dialog', { name: 'New configuration' });
    await form.getByLabel('Name').fill('Teste');
    await form.getByLabel('URL').fill(`${receiver.url}/x`);
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('radio', { name: 'Only some products' }).check();
    await form.getByLabel('Attempts').fill('0');
    await form.getByRole('button', { name: 'Create configuration' }).click();
    await form.getByText('Choose at least one product, or All products.').waitFor();
    await form.getByText('Enter a whole number from 1 to 20, or leave it empty.').waitFor();
    const text = await form.innerText();
    assert.doesNotMatch(text, /Too small|expected number|list at least one product id|"all"/);
    assert.ok(await page.evaluate(`document.activeElement.closest('fieldset[data-field="products"]') !== null`), 'focus is in the first bad field');
    await shot(page, 'defects-06-form-messages');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${platform.url}/`);
    await page.locator('.account-menu button').click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /npm run|postback --|account create/, 'no CLI commands for producers');
    await signIn(page, platform.url, producer);
  });

  await t.test('an affiliate scopes a configuration to the products it promotes', async () => {
    await signIn(page, platform.url, affiliate);
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: 'New configuration' }).first().click();
    const form = page.getByRole('dialog', { name: 'New configuration' });
    await form.getByRole('radio', { name: 'Only some products' }).check();
    await form.getByRole('checkbox', { name: /Curso de bolos/ }).check();
    assert.equal(await form.getByText('You have no products yet').count(), 0);
    await shot(page, 'defects-07-affiliate-products');
    await form.getByLabel('Name').fill('Meu rastreador');
    await form.getByLabel('URL').fill(`${receiver.url}/duda`);
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('button', { name: 'Create configuration' }).click();
    await page.getByRole('dialog', { name: 'Configuration created' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('article', { name: 'Meu rastreador' }).getByText('Curso de bolos').waitFor();
    await page.goto(`${platform.url}/products`);
    await page.getByRole('heading', { name: 'Products you promote' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Add a product' }).count(), 0, 'affiliates do not add products');
    await signIn(page, platform.url, producer);
  });

  await t.test('send test on a configuration scoped to some products sends one of them', async () => {
    const hook = (await producer.call('POST', '/api/v1/webhooks', { name: 'Só bolos', url: `${receiver.url}/bolos`, events: ['PURCHASE_APPROVED'], products: ['1234567'] })).body;
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('article', { name: 'Só bolos' }).getByRole('button', { name: 'Send test' }).click();
    const before = receiver.bodies.length;
    await page.getByRole('dialog', { name: 'Send a test' }).getByRole('button', { name: 'Send test' }).click();
    await eventually('the test arrived', async () => (receiver.bodies.length > before ? true : undefined));
    const body = JSON.parse(receiver.bodies.at(-1)!);
    assert.deepEqual([body.data.product.id, body.data.product.name], [1234567, 'Curso de bolos']);
    await page.keyboard.press('Escape');
    assert.ok(hook.id);
  });

  await t.test('a missing delivery says so, without "Try again" or Resend; a resend says new attempts appear on top', async () => {
    await page.goto(`${platform.url}/history/0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d`);
    await page.getByRole('heading', { name: 'This delivery does not exist' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Resend/ }).count(), 0);
    await shot(page, 'defects-08-missing-delivery');
    await page.goto(`${platform.url}/history`);
    await page.getByRole('row').filter({ hasText: 'HP0000000001' }).getByRole('link', { name: /^Details/ }).click();
    await page.getByRole('button', { name: 'Resend', exact: true }).click();
    await page.getByText('new attempts appear at the top of the response history').waitFor();
  });

  await t.test('header contrast, a steady Copy button, Escape that asks, passwords masked', async () => {
    await page.goto(`${platform.url}/history`);
    await page.locator('.history-table thead th').first().waitFor();
    const ratio = await contrastOf(page, '.history-table thead th:nth-child(2)');
    assert.ok(ratio >= 4.5, `table headers meet WCAG AA: ${ratio.toFixed(2)}:1`);

    await page.goto(`${platform.url}/credentials`);
    const copy = page.getByRole('button', { name: 'Copy Account ID' });
    const width = (await copy.boundingBox())!.width;
    await copy.click();
    await copy.getByText('Copied').and(page.locator(':not([aria-hidden])')).waitFor();
    assert.equal((await copy.boundingBox())!.width, width, '"Copied" keeps the button\'s width');

    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('button', { name: 'New configuration' }).first().click();
    const form = page.getByRole('dialog', { name: 'New configuration' });
    await form.getByLabel('Name').fill('Half filled');
    await page.keyboard.press('Escape');
    await form.getByText('Discard what you filled in?').waitFor();
    await shot(page, 'defects-09-escape-asks');
    await form.getByRole('button', { name: 'Keep editing' }).click();
    assert.equal(await form.getByLabel('Name').inputValue(), 'Half filled');
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Discard' }).click();
    await form.waitFor({ state: 'hidden' });

    const secretUrl = receiver.url.replace('http://', 'http://ana:s3cr3t-pw@');
    await producer.call('POST', '/api/v1/webhooks', { name: 'Com senha', url: `${secretUrl}/basic`, events: ['PURCHASE_APPROVED'] });
    const published = await publishSale(producer, 'HP0000000006');
    await page.reload();
    await page.getByRole('article', { name: 'Com senha' }).getByText('ana:•••@', { exact: false }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /s3cr3t-pw/);
    const withPassword = (published.body.deliveries as { id: string }[]).at(-1)!.id;
    await page.goto(`${platform.url}/history/${withPassword}`);
    await page.getByRole('heading', { name: 'Sent payload' }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /s3cr3t-pw/);
  });

  assert.deepEqual(errors, [], 'no console errors');
});
