// The carrier script (/tracking.js, served by a real Postback) in Debian's Chromium, on a producer's pages served
// from another origin: one page per rule of src/tracking/tracking.js. Attributes are read as the page has them after
// the script ran; where it matters, the link or form is followed and the request that reached the server is checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureCarrierBuilt } from '../helpers/built-carrier.ts';
import { startPlatform } from '../helpers/platform.ts';
import { launchChromium } from './chromium.ts';
import { scriptTag, startLandingSite } from './landing-site.ts';

const dayMs = 86_400_000;

const page = (head: string, body: string) => `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** Every href (or action) of the elements matching `selector`, in document order, as the attribute reads now. */
const attributes = (tab: Page, selector: string, attribute = 'href') =>
  tab.locator(selector).evaluateAll((elements, name) => elements.map((element) => element.getAttribute(name)), attribute);

/** Waits until the script has run (it decorates the first link of every case page, `#probe`). */
async function open(tab: Page, url: string): Promise<void> {
  await tab.goto(url);
  await tab.waitForFunction('document.querySelector("#probe")?.getAttribute("href")?.includes("?")');
}

test('the carrier script in Chromium, one page per rule', { timeout: 90_000 }, async (t) => {
  ensureCarrierBuilt();
  await using platform = await startPlatform();
  // opened after the platform, so closed before it: Chromium's idle sockets to the checkout would hold the server's close
  await using browser = await launchChromium(t);
  if (!browser) return;
  const pages: Record<string, string> = {};
  await using site = await startLandingSite(pages);
  const tag = (options: Record<string, string> = {}) => scriptTag(platform.url, options);
  const probe = '<a id="probe" href="/probe">probe</a>';
  const tab = await browser.context.newPage();
  tab.setDefaultTimeout(10_000);
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(String(error)));

  await t.test('never overwrites a parameter the link already has', async () => {
    pages['/keeps'] = page(tag(), `${probe}<a class="l" href="${site.url}/checkout?sck=mine">buy</a><a class="l" href="/checkout?utm_source=newsletter&amp;x=1">buy</a>`);
    await open(tab, `${site.url}/keeps?sck=ad_click&utm_source=mgid`);
    assert.deepEqual(await attributes(tab, '.l'), [
      `${site.url}/checkout?sck=mine&utm_source=mgid`,
      '/checkout?utm_source=newsletter&x=1&sck=ad_click',
    ]);
  });

  await t.test('keeps #fragments at the end, and following the link keeps both', async () => {
    pages['/fragments'] = page(tag(), `${probe}<a class="l" href="/offer?x=1#buy">a</a><a class="l" id="go" href="/offer#pricing">b</a>`);
    await open(tab, `${site.url}/fragments?sck=abc`);
    assert.deepEqual(await attributes(tab, '.l'), ['/offer?x=1&sck=abc#buy', '/offer?sck=abc#pricing']);
    await tab.click('#go');
    await tab.waitForURL(`${site.url}/offer?sck=abc#pricing`);
  });

  await t.test('handles relative links and they stay relative', async () => {
    pages['/funnel/relative'] = page(tag(), `${probe}<a class="l" href="step-2">a</a><a class="l" href="../checkout/x7k2">b</a>`
      + `<a class="l" href="?page=2">c</a><a class="l" id="go" href="//${site.url.slice('http://'.length)}/thanks">d</a>`);
    await open(tab, `${site.url}/funnel/relative?sck=rel_1`);
    assert.deepEqual(await attributes(tab, '.l'), ['step-2?sck=rel_1', '../checkout/x7k2?sck=rel_1', '?page=2&sck=rel_1', `//${site.url.slice('http://'.length)}/thanks?sck=rel_1`]);
    await tab.click('#go');
    await tab.waitForURL(`${site.url}/thanks?sck=rel_1`);
  });

  await t.test('skips mailto:, tel:, javascript:, other schemes and in-page anchors', async () => {
    const untouched = ['mailto:ana@example.com', 'tel:+5511987654321', 'javascript:void(0)', 'ftp://files.example.com/a', 'data:text/plain,hi', '#section', ''];
    pages['/schemes'] = page(tag(), `${probe}${untouched.map((href) => `<a class="l" href="${href}">x</a>`).join('')}`);
    await open(tab, `${site.url}/schemes?sck=abc`);
    assert.deepEqual(await attributes(tab, '.l'), untouched);
  });

  await t.test('follows links added or changed after load', async () => {
    pages['/dynamic'] = page(tag(), `${probe}<a id="changed" href="/before">x</a><div id="later"></div>
      <script>setTimeout(() => {
        document.querySelector('#later').innerHTML = '<p><a id="added" href="/checkout/late">late</a></p>';
        document.querySelector('#changed').setAttribute('href', '/after?y=2');
      }, 100);</script>`);
    await open(tab, `${site.url}/dynamic?sck=dyn`);
    await tab.waitForFunction('document.querySelector("#added")?.getAttribute("href") === "/checkout/late?sck=dyn"');
    await tab.waitForFunction('document.querySelector("#changed").getAttribute("href") === "/after?y=2&sck=dyn"');
  });

  await t.test('forms that submit to the checkout carry the parameters (GET as fields, POST in the action)', async () => {
    pages['/forms'] = page(tag(), `${probe}
      <form id="get" action="/checkout/x7k2" method="get"><input name="email" value="ana@example.com"><input name="utm_source" value="form"><button id="send-get">go</button></form>
      <form id="post" action="/checkout/x7k2/pay?step=1" method="post"><input name="email" value="ana@example.com"><button id="send-post">go</button></form>
      <form id="local" method="get"><input name="q"></form>`);
    await open(tab, `${site.url}/forms?sck=form_click&utm_source=mgid`);
    assert.deepEqual(await attributes(tab, '#post', 'action'), ['/checkout/x7k2/pay?step=1&sck=form_click&utm_source=mgid']);
    assert.deepEqual(await tab.locator('#get input[type=hidden]').evaluateAll((inputs) => inputs.map((input) => [input.getAttribute('name'), input.getAttribute('value')])),
      [['sck', 'form_click']], 'only the field the form lacks; its own utm_source is kept');
    assert.equal(await tab.locator('#local input').count(), 1, 'a form without an action submits to this page, not to a checkout');
    await tab.click('#send-get');
    await tab.waitForURL(`${site.url}/checkout/x7k2?email=ana%40example.com&utm_source=form&sck=form_click`);
    await open(tab, `${site.url}/forms?sck=form_click`);
    await tab.click('#send-post');
    await tab.waitForURL(/\/pay\?/);
    // not simply the last visit: the browser also asks the site for its favicon
    const posted = site.visits.findLast((visit) => visit.url.pathname === '/checkout/x7k2/pay')!;
    assert.equal(posted.method, 'POST');
    assert.equal(posted.url.search, '?step=1&sck=form_click');
    assert.equal(posted.body, 'email=ana%40example.com');
  });

  await t.test('never changes a value\'s case and encodes each value once', async () => {
    pages['/encoding'] = page(tag(), `${probe}<a id="go" href="/checkout/x7k2">buy</a>`);
    const values = { sck: 'MGID_ClickId_AbC', note: 'a b+c&d=e%f/g?h#i', name: 'João Ñandú', tblci: 'GiCKx-aBcD_eFgH' };
    await open(tab, `${site.url}/encoding?${new URLSearchParams(values)}`);
    const href = (await attributes(tab, '#go'))[0]!;
    assert.ok(href.includes('sck=MGID_ClickId_AbC'), href);
    assert.ok(href.includes('note=a%20b%2Bc%26d%3De%25f%2Fg%3Fh%23i'), href);
    await tab.click('#go');
    await tab.waitForURL(/\/checkout\/x7k2\?/);
    const reached = site.visits.findLast((visit) => visit.url.pathname === '/checkout/x7k2')!.url.searchParams;
    assert.deepEqual(Object.fromEntries(reached), values);
  });

  await t.test('can be limited to checkout hosts', async () => {
    const checkout = site.url.replace('127.0.0.1', 'localhost');
    pages['/hosts'] = page(tag({ hosts: 'LOCALHOST, pay.example.com' }), `<a id="probe" href="${checkout}/probe">probe</a>`
      + `<a class="l" href="${checkout}/checkout/x7k2">ours</a><a class="l" href="https://PAY.example.com/x7k2">theirs</a>`
      + `<a class="l" href="/blog">same site, not a checkout</a><a class="l" href="https://facebook.com/share">elsewhere</a>`);
    await open(tab, `${site.url}/hosts?sck=host_1`);
    assert.deepEqual(await attributes(tab, '.l'), [`${checkout}/checkout/x7k2?sck=host_1`, 'https://PAY.example.com/x7k2?sck=host_1', '/blog', 'https://facebook.com/share']);
  });

  await t.test('can be limited to some parameters', async () => {
    pages['/params'] = page(tag({ params: 'sck, utm_*' }), `${probe}<a id="l" href="/checkout/x7k2">buy</a>`);
    await open(tab, `${site.url}/params?sck=p1&utm_source=mgid&utm_campaign=launch&gclid=g1&page=3`);
    assert.deepEqual(await attributes(tab, '#l'), ['/checkout/x7k2?sck=p1&utm_source=mgid&utm_campaign=launch']);
  });

  await t.test('matches internationalised host names in data-hosts, written either way', async () => {
    pages['/idn'] = page(tag({ hosts: 'pagamento.café.com, xn--lja-gna.example, pay.example.com' }), '<a id="probe" href="https://pagamento.café.com/probe">probe</a>'
      + '<a class="l" href="https://PAGAMENTO.CAFÉ.com/c">unicode</a><a class="l" href="https://pagamento.xn--caf-dma.com/c">punycode</a>'
      + '<a class="l" href="https://lója.example/c">listed as punycode</a><a class="l" href="https://pay.example.com./c">trailing dot</a>'
      + '<a class="l" href="https://cafe.com/c">another host</a>');
    await open(tab, `${site.url}/idn?sck=idn_1`);
    assert.deepEqual(await attributes(tab, '.l'), ['https://PAGAMENTO.CAFÉ.com/c?sck=idn_1', 'https://pagamento.xn--caf-dma.com/c?sck=idn_1',
      'https://lója.example/c?sck=idn_1', 'https://pay.example.com./c?sck=idn_1', 'https://cafe.com/c']);
  });

  await t.test('an internal page\'s own query keeps the ad\'s click; a new click replaces the old one whole', async () => {
    // README's tag: data-hosts is the checkout, so the site's internal links are not decorated
    const checkout = site.url.replace('127.0.0.1', 'localhost');
    const options = { hosts: 'localhost' };
    const buy = `<a id="probe" href="${checkout}/checkout/x7k2">buy</a>`;
    pages['/lp'] = page(tag(options), `${buy}<a id="pricing" href="/pricing?plan=pro">pricing</a>`);
    pages['/pricing'] = page(tag(options), buy);
    await open(tab, `${site.url}/lp?sck=MGID_CLICK_1&utm_source=mgid&plan=basic`);
    await tab.click('#pricing');
    await tab.waitForURL(`${site.url}/pricing?plan=pro`);
    await tab.waitForFunction('document.querySelector("#probe").getAttribute("href").includes("?")');
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}/checkout/x7k2?sck=MGID_CLICK_1&utm_source=mgid&plan=pro`], 'the page\'s own value of plan, the click kept');
    await open(tab, `${site.url}/pricing?page=2&sck=`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}/checkout/x7k2?sck=MGID_CLICK_1&utm_source=mgid&plan=basic&page=2`], 'an empty sck is no click');

    await open(tab, `${site.url}/pricing?gclid=G_CLICK_2&plan=pro`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}/checkout/x7k2?gclid=G_CLICK_2&plan=pro`], 'another network\'s click: nothing of the first');
    await open(tab, `${site.url}/pricing?page=3`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}/checkout/x7k2?gclid=G_CLICK_2&plan=pro&page=3`]);
    await open(tab, `${site.url}/pricing?utm_source=newsletter`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}/checkout/x7k2?utm_source=newsletter`], 'a utm_* tag is a visit of its own too');
  });

  await t.test('an affiliate\'s code (aff) is a click of its own, carried whatever data-params lists, and the checkout credits the affiliate', async () => {
    const producer = await platform.tenant('Loja da Bia');
    const affiliate = await platform.tenant('Rafael Afiliado', 'affiliate');
    assert.equal((await producer.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso de Fotografia' })).status, 201);
    const offer = (await producer.call('POST', '/api/v1/offers', { product_id: '3718245', price: 497 })).body as { checkout_path: string };
    assert.equal((await producer.call('POST', '/api/v1/products/3718245/affiliations', { affiliate_account_id: affiliate.account_id, affiliate_code: 'Q58388177J' })).status, 201);
    // the producer's tag, limited to the checkout and to its MGID click id: the affiliate's code goes anyway
    const options = { hosts: new URL(platform.url).host, params: 'sck' };
    const checkout = `${platform.url}${offer.checkout_path}`;
    const buy = `<a id="probe" href="${checkout}">buy</a>`;
    pages['/affiliate-lp'] = page(tag(options), `${buy}<a id="more" href="/affiliate-sales">more</a>`);
    pages['/affiliate-sales'] = page(tag(options), buy);
    await open(tab, `${site.url}/affiliate-lp?sck=PRODUCER_CLICK`);
    await open(tab, `${site.url}/affiliate-lp?aff=Q58388177J`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}?aff=Q58388177J`], 'an affiliate\'s visit replaces the producer\'s ad whole');

    // the affiliate's MGID ad: its code and its click id reach the checkout through a second page, and the sale is its
    await open(tab, `${site.url}/affiliate-lp?aff=Q58388177J&sck=AFF_CLICK&utm_source=fb`);
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}?aff=Q58388177J&sck=AFF_CLICK`]);
    await tab.click('#more');
    await tab.waitForURL(`${site.url}/affiliate-sales`);
    await tab.waitForFunction('document.querySelector("#probe").getAttribute("href").includes("?")');
    assert.deepEqual(await attributes(tab, '#probe'), [`${checkout}?aff=Q58388177J&sck=AFF_CLICK`], 'remembered for the next page');
    await tab.click('#probe');
    await tab.waitForURL(/\/checkout\/[a-z0-9]+\?/);
    await tab.getByLabel('Full name').fill('Ana Carolina Souza');
    await tab.getByLabel('Email').fill('ana@example.com');
    await tab.getByLabel('Credit card').check();
    await tab.getByRole('button', { name: 'Buy now' }).click();
    await tab.getByRole('heading', { name: 'Payment approved' }).waitFor();
    const transaction = new URL(tab.url()).pathname.split('/').at(-1)!;
    const data = (await producer.call('GET', `/api/v1/purchases/${transaction}`)).body.data;
    assert.deepEqual(data.affiliates, [{ affiliate_code: 'Q58388177J', name: 'Rafael Afiliado' }]);
    assert.deepEqual(data.purchase.origin, { sck: 'AFF_CLICK' });
  });

  // last: it installs a fake clock on the browser context
  await t.test('remembers the parameters for 30 days, first-party, last click wins', async () => {
    pages['/landing'] = page(tag(), `${probe}<a id="next" href="/second">next</a>`);
    pages['/second'] = page(tag(), '<a id="buy" href="/checkout/x7k2">buy</a>');
    const start = Date.now();
    await browser.context.clock.install({ time: start });
    await open(tab, `${site.url}/landing?sck=first_click&utm_source=mgid`);
    // the visitor comes back later, typing the address: no parameters in the URL
    await tab.goto(`${site.url}/second`);
    await tab.waitForFunction('document.querySelector("#buy").getAttribute("href").includes("?")');
    assert.deepEqual(await attributes(tab, '#buy'), ['/checkout/x7k2?sck=first_click&utm_source=mgid']);
    assert.match(String(await tab.evaluate('localStorage.getItem("postback:params")')), /first_click/, 'kept in the site\'s own storage');

    await open(tab, `${site.url}/landing?sck=second_click`);
    await browser.context.clock.setSystemTime(start + 29 * dayMs);
    await tab.goto(`${site.url}/second`);
    await tab.waitForFunction('document.querySelector("#buy").getAttribute("href").includes("?")');
    assert.deepEqual(await attributes(tab, '#buy'), ['/checkout/x7k2?sck=second_click'], 'the last click wins, whole');

    await browser.context.clock.setSystemTime(start + 31 * dayMs);
    await tab.goto(`${site.url}/second`);
    await tab.waitForFunction('document.readyState === "complete"');
    assert.deepEqual(await attributes(tab, '#buy'), ['/checkout/x7k2'], 'after 30 days nothing is carried');
    assert.equal(await tab.evaluate('localStorage.getItem("postback:params")'), null);
  });

  assert.deepEqual(errors, []);
});
