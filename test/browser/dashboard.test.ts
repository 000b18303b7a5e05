// The dashboard in a real browser (Debian's Chromium through playwright-core) against a real Postback and a real
// receiver on 127.0.0.1: set-up, sign-in, a configuration, a test post, a receiver outage with its failed attempts,
// a resend after recovery, docs and credentials, disable and remove; then every screen at 390 and 320 px; then
// affiliates: a producer shares a product's buyer data and affiliates it to an affiliate, who sees it and ends it.
// Screenshots of each screen are saved under test-artifacts/dashboard/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount } from '../../src/accounts/create-account.ts';
import { createUser } from '../../src/accounts/create-user.ts';
import { projectRoot } from '../helpers/process.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { watchForErrors } from './console-errors.ts';
import { launchChromium } from './chromium.ts';
import { signInAs } from './sign-in.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

const artifacts = join(projectRoot, 'test-artifacts', 'dashboard');
const owner = { account: 'Loja da Ana', email: 'ana@example.com', password: 'correct horse battery' };

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

/**
 * Whether the page scrolls sideways, naming the elements that stick out past the screen's edge while their parent
 * does not (what to fix; content clipped by a scrolling box is left out). Evaluated in the page: this file is
 * type-checked without the DOM library.
 */
async function scrollsSideways(page: Page): Promise<string | null> {
  return page.evaluate(`(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    if (scrollWidth <= clientWidth) return null;
    // its box, or its own text that cannot wrap sticking out of it
    const hasText = (element) => [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim() !== '');
    const reachesPast = (element) => { const box = element.getBoundingClientRect(); return Math.max(box.right, hasText(element) ? box.left + element.scrollWidth : 0) > clientWidth + 0.5; };
    // inside a box that scrolls or clips within the screen, content may be as wide as it likes
    const held = (element) => { for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) if (getComputedStyle(box).overflowX !== 'visible' && !reachesPast(box)) return true; return false; };
    const past = new Set([...document.body.querySelectorAll('*')].filter((element) => reachesPast(element) && !held(element)));
    const name = (element) => element.tagName.toLowerCase() + (typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    const culprits = [...past].filter((element) => !past.has(element.parentElement));
    return scrollWidth + ' > ' + clientWidth + ': ' + culprits.slice(0, 4).map((element) => name(element.parentElement) + ' > ' + name(element)).join(', ');
  })()`) as Promise<string | null>;
}

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function bearerToken(base: string, basic: string): Promise<string> {
  const response = await fetch(`${base}/oauth/token?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
  assert.equal(response.status, 200);
  return (await response.json() as { access_token: string }).access_token;
}

test('the dashboard in Chromium', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  mkdirSync(artifacts, { recursive: true });
  // three quick attempts, so a receiver outage fails within seconds (and shows live updates while it retries)
  await using platform = await startPlatform({ retrySchedule: [0, 700, 700] });
  await using receiver = await startRestartableReceiver();
  let basic = '';

  await t.test('sign in, configure, test, fail, resend, document, disable and remove', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchForErrors(page);
    await page.goto(`${platform.url}/`);

    // first run: the set-up page creates the account and shows its credentials once
    await page.getByRole('heading', { name: 'Set up Postback' }).waitFor();
    await shot(page, '01-setup');
    await page.getByLabel('Account name').fill(owner.account);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Your account is ready' }).waitFor();
    basic = (await page.getByLabel('Basic', { exact: true }).textContent()) ?? '';
    const clientSecret = (await page.getByLabel('Client Secret', { exact: true }).textContent()) ?? '';
    assert.ok(clientSecret.length > 20, 'the Client Secret is shown');
    await shot(page, '02-credentials-shown-once');
    await page.getByRole('button', { name: /continue to the dashboard/ }).click();
    await page.getByRole('heading', { name: 'My configurations' }).waitFor();

    // sign out, then sign in with the email and password
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The email or the password is wrong').waitFor();
    await shot(page, '03-sign-in-error');
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My configurations' }).waitFor();
    await page.getByText('No configurations yet').waitFor();
    await shot(page, '04-configurations-empty');

    // create a configuration; the API's validation message shows next to the field it names
    await page.getByRole('button', { name: 'New configuration' }).first().click();
    const form = page.getByRole('dialog', { name: 'New configuration' });
    await form.getByLabel('Name').fill('Members area');
    await form.getByLabel('URL').fill(`${receiver.url}/hotmart`);
    await form.getByRole('button', { name: 'Create configuration' }).click();
    await form.getByText('choose at least one event').waitFor();
    await shot(page, '05-configuration-form-errors');
    await form.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
    await form.getByRole('button', { name: 'Create configuration' }).click();
    const created = page.getByRole('dialog', { name: 'Configuration created' });
    assert.match((await created.getByLabel('Signing secret', { exact: true }).textContent()) ?? '', /^whsec_/);
    await shot(page, '06-signing-secret');
    await created.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Members area' }).waitFor();
    await shot(page, '07-configurations');

    // a test post reaches the receiver: 200 in the history
    await page.getByRole('button', { name: 'Send test' }).click();
    const testDialog = page.getByRole('dialog', { name: 'Send a test' });
    await testDialog.getByRole('button', { name: 'Send test' }).click();
    await testDialog.locator('.answer').getByText('HTTP 200').waitFor({ timeout: 30_000 });
    await testDialog.getByRole('link', { name: 'See this delivery in the history' }).click();
    await page.getByRole('heading', { name: 'Response history' }).waitFor();
    await page.locator('.attempt').getByText('HTTP 200').waitFor();
    await shot(page, '08-test-delivery');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'History' }).click();
    await page.getByRole('row').filter({ hasText: 'Delivered' }).filter({ hasText: 'HTTP 200' }).waitFor();
    await shot(page, '09-history-delivered');

    // the receiver goes down; an event published through the API fails every attempt, live in the history
    await receiver.stop();
    const token = await bearerToken(platform.url, basic);
    const sample = (await api(platform.url, token, 'GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
    const published = await api(platform.url, token, 'POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sample, purchase: { ...sample.purchase, transaction: 'HP0000000042' } } });
    assert.equal(published.status, 202);
    await page.reload();
    const failedRow = page.getByRole('row').filter({ hasText: 'HP0000000042' });
    await failedRow.filter({ hasText: 'Failed' }).filter({ hasText: 'Connection refused' }).waitFor({ timeout: 15_000 });
    await shot(page, '10-history-failed');
    await failedRow.getByRole('link', { name: /^Details/ }).click();
    await page.getByRole('heading', { name: 'Response history' }).waitFor();
    assert.equal(await page.locator('.attempt').filter({ hasText: 'Connection refused' }).count(), 3, 'each failed attempt is listed with its error');
    await page.getByText('"transaction":"HP0000000042"', { exact: false }).first().waitFor();
    await shot(page, '11-delivery-failed-attempts');

    // the receiver is back on the same port: resend, and it is delivered
    await receiver.start();
    await page.getByRole('button', { name: 'Resend', exact: true }).click();
    await page.locator('.badges').getByText('Delivered').waitFor({ timeout: 15_000 });
    await page.locator('.attempt').first().getByText('HTTP 200').waitFor();
    assert.equal(receiver.received, 2, 'the test post and the resend');
    await shot(page, '12-delivery-resent');

    // documentation: the hottok (revealed), the fields of an event, receiver snippets
    await page.getByRole('link', { name: 'Documentation' }).click();
    await page.getByRole('heading', { name: 'Events and fields' }).waitFor();
    await page.getByRole('button', { name: 'Reveal Hottok' }).click();
    const hottok = (await api(platform.url, token, 'GET', '/api/v1/account')).body.hottok as string;
    await page.getByText(hottok, { exact: true }).waitFor();
    await page.getByRole('rowheader', { name: /^buyer\.email\b/ }).waitFor();
    await page.getByLabel('Format version').selectOption('1.0.0');
    await page.getByRole('rowheader', { name: /^prod_name\b/ }).waitFor();
    // the sample as each receiver gets it: an affiliate's 1.0.0 body has no buyer e-mail
    await page.getByRole('tab', { name: 'Sample payload' }).click();
    const formSample = page.locator('pre', { hasText: 'hottok=YOUR_HOTTOK' });
    assert.match(await formSample.innerText(), /^email=.+@/m);
    await page.getByLabel('Receiver', { exact: true }).selectOption('affiliate');
    await page.getByText('as an affiliate gets it', { exact: false }).first().waitFor();
    const affiliateForm = await formSample.innerText();
    assert.match(affiliateForm, /^email=$/m, "an affiliate's form carries the field empty");
    assert.match(affiliateForm, /^transaction=/m);
    await page.getByLabel('Receiver', { exact: true }).selectOption('producer');
    await page.getByRole('tab', { name: /^Fields/ }).click();
    await page.getByLabel('Format version').selectOption('2.0.0');
    await page.getByRole('tab', { name: 'PHP' }).click();
    await page.getByText('hash_hmac', { exact: false }).waitFor();
    await shot(page, '13-documentation');

    // credentials, then products (their own tab)
    await page.getByRole('link', { name: 'Credentials' }).click();
    await page.getByRole('heading', { name: 'API credentials (Hotconnect)' }).waitFor();
    await shot(page, '14-credentials');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Name').fill('Curso de bolos');
    await page.getByLabel('Product id (optional)').fill('1234567');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('row').filter({ hasText: 'Curso de bolos' }).filter({ hasText: '1234567' }).waitFor();
    await shot(page, '14-products');

    // disable (the card says why) and remove
    await page.getByRole('link', { name: 'My configurations' }).click();
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('dialog', { name: 'Disable configuration?' }).getByRole('button', { name: 'Disable' }).click();
    await page.getByText('disabled by the owner').waitFor();
    await shot(page, '15-configuration-disabled');
    await page.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove configuration?' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByText('No configurations yet').waitFor();
    assert.deepEqual((await api(platform.url, token, 'GET', '/api/v1/webhooks')).body.items, []);

    assert.deepEqual(errors, [], 'no console errors and no CSP violations');
    await page.close();
  });

  await t.test('every screen fits a 390 px and a 320 px phone without sideways scrolling', async () => {
    assert.ok(basic, 'the first subtest signed up');
    const token = await bearerToken(platform.url, basic);
    const webhook = (await api(platform.url, token, 'POST', '/api/v1/webhooks', {
      name: 'Automação n8n com um nome bem comprido', url: `${receiver.url}/a/very/long/path/that/must/wrap/on/a/small/screen?token=abcdefghijklmnop`,
      events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED', 'SUBSCRIPTION_CANCELLATION', 'CLUB_FIRST_ACCESS'],
    })).body;
    const sent = (await api(platform.url, token, 'POST', `/api/v1/webhooks/${webhook.id}/test`, { event: 'PURCHASE_REFUNDED' })).body;
    const affiliate = await platform.tenant('Afiliada com um nome comprido', 'affiliate');
    assert.equal((await api(platform.url, token, 'POST', '/api/v1/products/1234567/affiliations', { affiliate_account_id: affiliate.account_id, affiliate_code: 'PHONE_CODE_0001' })).status, 201);
    // a name as Brazilian producers write them (the product list's name link must wrap), and a row in Ad tracking's
    // conversions table (seven columns: it must become cards too)
    assert.equal((await api(platform.url, token, 'POST', '/api/v1/products', { id: '2025001', name: 'Mentoria Finanças Pessoais Descomplicadas — Turma 2025' })).status, 201);
    assert.equal((await api(platform.url, token, 'POST', '/api/v1/webhooks', {
      name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${receiver.url}/postback`, goals: { PURCHASE_APPROVED: 'purchase' } },
    })).status, 201);
    const sample = (await api(platform.url, token, 'GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample;
    assert.equal((await api(platform.url, token, 'POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data: { ...sample, purchase: { ...sample.purchase, transaction: 'HP0000000320' } } })).status, 202);
    await eventually('test delivered', async () => ((await api(platform.url, token, 'GET', `/api/v1/deliveries/${sent.delivery.id}`)).body.status === 'delivered' ? true : undefined));

    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchForErrors(page);
    // what shows once each screen has loaded its data
    const screens: [path: string, ready: string, name: string][] = [
      ['/webhooks', 'text=Automação n8n com um nome bem comprido', 'configurations'],
      ['/overview', '.figures', 'overview'],
      ['/history', 'text=HP0000000320', 'history'],
      [`/history/${sent.delivery.id}`, 'text=Response history', 'delivery'],
      ['/docs', 'text=Events and fields', 'documentation'],
      ['/credentials', 'text=API credentials (Hotconnect)', 'credentials'],
      ['/products', 'text=Mentoria Finanças Pessoais Descomplicadas — Turma 2025', 'products'],
      ['/products/1234567', 'text=PHONE_CODE_0001', 'product'],
      ['/tracking', '.conversions-table tbody tr', 'tracking'],
      ['/team', '.products-table tbody tr', 'team'],
      ['/audit', '.audit-table tbody tr', 'audit'],
    ];
    // 390 px: a common phone; 320 px: WCAG 1.4.10's reflow width (a 1280 px window at 400 % zoom)
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      for (const [path, ready, name] of screens) {
        await page.goto(`${platform.url}${path}`);
        await page.locator(ready).first().waitFor();
        const sideways = await scrollsSideways(page);
        assert.equal(sideways, null, `${path} scrolls sideways at ${width} px: ${sideways}`);
        await shot(page, `phone-${width}-${name}`);
      }
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${platform.url}/webhooks`);
    await page.getByRole('article', { name: 'Automação n8n com um nome bem comprido' }).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('dialog', { name: 'Edit configuration' }).waitFor();
    // evaluated in the page (a string, as this file is type-checked without the DOM library)
    const dialogFits = await page.evaluate(`(() => {
      const dialog = document.querySelector('dialog[open]');
      return dialog.scrollWidth <= dialog.clientWidth && document.documentElement.scrollWidth <= document.documentElement.clientWidth;
    })()`);
    assert.ok(dialogFits, 'the configuration form fits the phone');
    await shot(page, 'phone-configuration-form');
    assert.deepEqual(errors, []);
    await page.close();
  });

  await t.test('a producer shares buyer data and affiliates a product; the affiliate sees it and ends it', async () => {
    const now = Date.now();
    const producer = await createAccount(platform.store, { name: 'Editora Beta', kind: 'producer' }, now);
    const producerUser = { email: 'beta@example.com', password: 'producer password 1' };
    await createUser(platform.store, { accountId: producer.account_id, ...producerUser }, now);
    const affiliate = await createAccount(platform.store, { name: 'Carla Afiliada', kind: 'affiliate' }, now);
    const affiliateUser = { email: 'carla@example.com', password: 'affiliate password 1' };
    await createUser(platform.store, { accountId: affiliate.account_id, ...affiliateUser }, now);
    const producerToken = await bearerToken(platform.url, producer.basic);

    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    const errors = watchForErrors(page);

    // the producer: its account id and kind, a new product, and sharing turned on after confirming (the API agrees)
    await signInAs(page, platform.url, producerUser.email, producerUser.password);
    assert.equal(await page.getByLabel('Account ID', { exact: true }).textContent(), producer.account_id);
    await page.getByRole('region', { name: 'Account', exact: true }).getByText('Producer', { exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('Name').fill('Curso de fotografia');
    await page.getByLabel('Product id (optional)').fill('7654321');
    await page.getByRole('button', { name: 'Add product' }).click();
    await page.getByRole('row').filter({ hasText: 'Curso de fotografia' }).getByRole('link', { name: 'Curso de fotografia' }).click();
    await page.getByRole('heading', { name: /^Curso de fotografia/ }).waitFor();
    const share = page.getByRole('switch', { name: /^Share buyer data with affiliates/ });
    assert.equal(await share.isChecked(), false, 'a new product does not share buyer data');
    // personal data: the switch asks first; refused by the API (faked here), it stays off and the dialog says why
    const productUrl = `${platform.url}/api/v1/products/7654321`;
    await page.route(productUrl, (route) => (route.request().method() === 'PATCH'
      ? route.fulfill({ status: 422, contentType: 'application/problem+json', body: JSON.stringify({ code: 'validation_failed', detail: 'refused on purpose' }) })
      : route.continue()));
    await share.click();
    const confirm = page.getByRole('dialog', { name: "Share the buyers' data?" });
    await confirm.getByText('LGPD', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Yes, share' }).click();
    await confirm.getByText('Some information is not valid').waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await share.isChecked(), false, 'nothing changed');
    await page.unroute(productUrl);
    await share.click();
    await page.getByRole('dialog', { name: "Share the buyers' data?" }).getByRole('button', { name: 'Yes, share' }).click();
    await eventually('the API to confirm sharing', async () => {
      const products = (await api(platform.url, producerToken, 'GET', '/api/v1/products')).body.items as { id: string; share_buyer_data: boolean }[];
      return products.find((product) => product.id === '7654321')?.share_buyer_data === true ? true : undefined;
    });
    await page.getByRole('switch', { name: /^Share buyer data with affiliates/, checked: true }).waitFor();
    await shot(page, 'affiliates-01-sharing-on');

    // its affiliates: a wrong account id is refused next to the field, the affiliate's id is added with a code
    await page.getByText('No affiliates yet').waitFor();
    await page.getByLabel('Affiliate account id').fill('not-an-affiliate');
    await page.getByRole('button', { name: 'Add affiliate' }).click();
    await page.locator('.field-error').getByText('no affiliate account with this id').waitFor();
    await shot(page, 'affiliates-02-bad-account-id');
    await page.getByLabel('Affiliate account id').fill(affiliate.account_id);
    await page.getByLabel('Affiliate code (optional)').fill('CARLA2024');
    await page.getByRole('button', { name: 'Add affiliate' }).click();
    await page.getByRole('row').filter({ hasText: 'CARLA2024' }).filter({ hasText: 'Carla Afiliada' }).waitFor();
    assert.equal(await page.locator('.field-error').count(), 0, 'the field error is gone');
    await shot(page, 'affiliates-03-affiliation-added');

    // the affiliate: the hint under its account id, and the product under "Products you promote", also on a phone
    await signInAs(page, platform.url, affiliateUser.email, affiliateUser.password);
    assert.equal(await page.getByLabel('Account ID', { exact: true }).textContent(), affiliate.account_id);
    await page.getByText('Give this id to the producers whose products you promote.').waitFor();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Products' }).click();
    const promoted = page.getByRole('region', { name: 'Products you promote' });
    const promotedRow = promoted.getByRole('row').filter({ hasText: 'Curso de fotografia' });
    await promotedRow.filter({ hasText: 'CARLA2024' }).filter({ hasText: 'Editora Beta' }).filter({ hasText: 'Shared' }).waitFor();
    await shot(page, 'affiliates-04-products-you-promote');
    await page.setViewportSize({ width: 390, height: 844 });
    const sideways = await scrollsSideways(page);
    assert.equal(sideways, null, `the affiliate's credentials scroll sideways at 390 px: ${sideways}`);
    await shot(page, 'phone-products-you-promote');
    await page.setViewportSize({ width: 1280, height: 900 });

    // it ends the affiliation, after confirming
    await promotedRow.getByRole('button', { name: /^End affiliation/ }).click();
    await page.getByRole('dialog', { name: 'End affiliation?' }).getByRole('button', { name: 'End affiliation' }).click();
    await promoted.getByText('No products to promote yet').waitFor();
    await shot(page, 'affiliates-05-ended');
    assert.deepEqual((await api(platform.url, producerToken, 'GET', '/api/v1/products/7654321/affiliations')).body.items, []);

    // the producer's list is empty again
    await signInAs(page, platform.url, producerUser.email, producerUser.password);
    await page.goto(`${platform.url}/products/7654321`);
    await page.getByRole('heading', { name: /^Curso de fotografia/ }).waitFor();
    await page.getByText('No affiliates yet').waitFor();
    await shot(page, 'affiliates-06-producer-list-empty');

    assert.deepEqual(errors, [], 'no console errors and no CSP violations');
    await page.close();
  });
});
