// The hosted checkout's order key in Debian's Chromium, through the real form: Back then "Buy now" again (as after a
// connection cut during the save) is the same order; a form sent back with a mistake keeps its key; a new page (a
// reload) is a new order. What counts is what the server recorded: one delivery per sale. (Chromium sends a double
// click's form once; test/checkout.test.ts sends one key many times at once.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import { startPlatform } from '../helpers/platform.ts';
import { launchChromium } from './chromium.ts';

const keyOf = (tab: Page) => tab.locator('input[name=order_key]').inputValue();
const transactionOf = (tab: Page) => new URL(tab.url()).pathname.split('/').at(-1)!;

test('the order key survives the real form: Back and send again is the same order, a mistake keeps the key, a reload is a new order', { timeout: 90_000 }, async (t) => {
  await using platform = await startPlatform();
  await using receiver = await startHttpReceiver((_request, response) => response.end());
  // opened after the platform, so closed before it: Chromium's idle preconnected sockets would hold the server's close
  await using browser = await launchChromium(t);
  if (!browser) return;
  const tenant = await platform.tenant();
  assert.equal((await tenant.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' })).status, 201);
  const offer = (await tenant.call('POST', '/api/v1/offers', { product_id: '3718245', name: 'Oferta de lançamento', price: 497 })).body;
  assert.equal((await tenant.call('POST', '/api/v1/webhooks', { name: 'sales', url: `${receiver.url}/sales`, events: ['PURCHASE_APPROVED'] })).status, 201);
  const tab = await browser.context.newPage();
  tab.setDefaultTimeout(15_000);
  const sentKeys: string[] = [];
  tab.on('request', (request) => { if (request.method() === 'POST') sentKeys.push(new URLSearchParams(request.postData() ?? '').get('order_key') ?? ''); });
  const fill = async () => {
    await tab.getByLabel('Full name').fill('Ana Carolina Souza');
    await tab.getByLabel('Email').fill('ana@example.com');
    await tab.getByLabel('Credit card').check();
  };

  await tab.goto(`${platform.url}${offer.checkout_path}?sck=MGID_1`);
  const key = await keyOf(tab);
  assert.match(key, /^[A-Za-z0-9_-]{22}$/);
  await fill();
  await tab.getByRole('button', { name: 'Buy now' }).dblclick();
  await tab.getByRole('heading', { name: 'Payment approved' }).waitFor();
  const first = transactionOf(tab);
  // Back shows the page left, its key with it (the blank form is kept by the browser); sending it again is that order
  await tab.goBack();
  assert.equal(await keyOf(tab), key, 'Back keeps the key');
  assert.equal(await tab.getByLabel('Full name').inputValue(), 'Ana Carolina Souza', 'and what the buyer typed');
  await tab.getByRole('button', { name: 'Buy now' }).click();
  await tab.waitForURL(/\/orders\//);
  assert.equal(transactionOf(tab), first, 'the same order');
  assert.ok(sentKeys.length >= 2 && sentKeys.every((sent) => sent === key), `every send carried the key: ${sentKeys.join(', ')}`);

  // a reload is a new page: a new key; a mistake sends the form back with it, and the corrected send is a new order
  await tab.goBack();
  await tab.reload();
  const fresh = await keyOf(tab);
  assert.notEqual(fresh, key);
  await tab.getByLabel('Email').fill('ana@example.com');
  await tab.getByRole('button', { name: 'Buy now' }).click();
  await tab.getByText('Enter your name.').waitFor();
  assert.equal(await keyOf(tab), fresh, 'the corrected form keeps its key');
  await fill();
  await tab.getByRole('button', { name: 'Buy now' }).click();
  await tab.getByRole('heading', { name: 'Payment approved' }).waitFor();
  const second = transactionOf(tab);
  assert.notEqual(second, first);

  const delivered = ((await tenant.call('GET', '/api/v1/deliveries')).body.items as { transaction: string }[]).map((item) => item.transaction).sort();
  assert.deepEqual(delivered, [first, second].sort(), 'two orders, one event each');
});
