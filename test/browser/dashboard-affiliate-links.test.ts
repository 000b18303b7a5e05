// An affiliate's own checkout links on the dashboard (Products, "Products you promote"): one per offer of each product
// it promotes, /checkout/<offer>?aff=<its code>, each with a copy button; a product without offers says so; the copied
// link credits the affiliate's sale. Desktop in English, phone in pt-BR, every word read from the dashboard's catalogues.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';

test('an affiliate copies its own link to each offer of a product it promotes, and a sale through it is credited to it', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  for (const [index, view] of views.entries()) {
    await t.test(view.name, async () => {
      const say = wordsOf(view.locale);
      await using platform = await startPlatform();
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
      const producer = await member(platform, 'Loja da Bia', 'producer', `bia-${index}@example.com`);
      const affiliate = await member(platform, 'Duda Afiliada', 'affiliate', `duda-${index}@example.com`);
      for (const [id, name] of [['5550001', 'Curso de bolos'], ['5550003', 'Curso de tortas']] as const) {
        assert.equal((await producer.call('POST', '/api/v1/products', { id, name })).status, 201);
        assert.equal((await producer.call('POST', `/api/v1/products/${id}/affiliations`, { affiliate_account_id: affiliate.accountId, affiliate_code: `D${id}` })).status, 201);
      }
      const launch = (await producer.call('POST', '/api/v1/offers', { product_id: '5550001', name: 'Lançamento', price: 497 })).body as { code: string };
      const installments = (await producer.call('POST', '/api/v1/offers', { product_id: '5550001', name: 'Parcelado', price: 597 })).body as { code: string };
      const launchLink = `${platform.url}/checkout/${launch.code}?aff=D5550001`;

      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page);
      await signIn(page, platform.url, affiliate);
      await page.goto(`${platform.url}/products`);
      await page.getByRole('heading', { name: say('promoted.title') }).waitFor();
      const cakes = page.getByRole('row').filter({ hasText: 'Curso de bolos' });
      await cakes.getByText(launchLink, { exact: true }).waitFor();
      await cakes.getByText(`${platform.url}/checkout/${installments.code}?aff=D5550001`, { exact: true }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Curso de tortas' }).getByText(say('promoted.noOffers')).waitFor();
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `affiliate-links-${view.name}`);

      const label = say('promoted.linkLabel', { offer: 'Lançamento' });
      await cakes.getByRole('button', { name: say('copy.label', { label }) }).click();
      await page.getByText(say('copy.done', { label })).first().waitFor();
      const copied = await page.evaluate('navigator.clipboard.readText()') as string;
      assert.equal(copied, launchLink);

      // the copied link is the affiliate's: an order placed through it is credited to its code
      const placed = await fetch(copied, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'Ana Souza', email: 'ana@example.com', payment: 'card' }) });
      assert.equal(placed.status, 303);
      const transaction = placed.headers.get('location')!.split('/').at(-1)!;
      const purchase = await producer.call('GET', `/api/v1/purchases/${transaction}`);
      assert.deepEqual(purchase.body.data.affiliates, [{ affiliate_code: 'D5550001', name: 'Duda Afiliada' }]);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
