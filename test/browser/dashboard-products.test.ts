// Products have their own tab: list, create, edit, remove (deleted without sales, archived with them, restorable),
// "share buyer data with affiliates" asks first (personal data under the LGPD), affiliates listed by name on both
// sides. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

test('the products tab', { timeout: 300_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  await using receiver = await startRestartableReceiver();
  const producer = await member(platform, 'Confeitaria Bela', 'producer', 'bela@example.com');
  const affiliate = await member(platform, 'Rafa Indica', 'affiliate', 'rafa@example.com');
  await producer.call('POST', '/api/v1/webhooks', { name: 'Receptor', url: `${receiver.url}/h`, events: ['PURCHASE_APPROVED'] });

  for (const [index, view] of views.entries()) {
    await t.test(`a producer's products (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page, [401, 422]);
      await signIn(page, platform.url, producer);
      await page.getByRole('navigation').getByRole('link', { name: say('nav.products') }).click();
      // create two: one that will sell, one that will not
      for (const [id, name] of [[`11${index}`, `Curso de tortas ${view.name}`], [`22${index}`, `Rascunho ${view.name}`]]) {
        await page.getByLabel(say('products.name'), { exact: true }).fill(name!);
        await page.getByLabel(say('products.idOptional')).fill(id!);
        await page.getByRole('button', { name: say('products.add') }).click();
        await page.getByRole('row').filter({ hasText: name! }).waitFor();
      }
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `products-list-${view.name}`);
      await publishSale(producer, `HP99${index}`, { product: { id: Number(`11${index}`), name: `Curso de tortas ${view.name}` } });

      // edit it; sharing asks first; affiliates by name
      await page.getByRole('link', { name: `Curso de tortas ${view.name}` }).click();
      await page.getByRole('heading', { name: new RegExp(`^Curso de tortas ${view.name}`) }).waitFor();
      await page.getByLabel(say('products.name'), { exact: true }).fill(`Curso de tortas finas ${view.name}`);
      await page.getByRole('button', { name: say('common.saveChanges') }).click();
      await page.getByRole('heading', { name: new RegExp(`^Curso de tortas finas ${view.name}`) }).waitFor();
      const share = page.getByRole('switch', { name: new RegExp(`^${say('share.label')}`) });
      await share.click();
      const confirm = page.getByRole('dialog', { name: say('share.confirmOnTitle') });
      await confirm.getByText('LGPD', { exact: false }).waitFor();
      await shot(page, `products-share-confirm-${view.name}`);
      await confirm.getByRole('button', { name: say('common.cancel') }).click();
      assert.equal(await share.isChecked(), false, 'a cancel changes nothing');
      await share.click();
      await page.getByRole('dialog', { name: say('share.confirmOnTitle') }).getByRole('button', { name: say('share.confirmOn') }).click();
      await page.getByRole('switch', { name: new RegExp(`^${say('share.label')}`), checked: true }).waitFor();
      await page.getByLabel(say('affiliationForm.accountId')).fill(affiliate.accountId);
      await page.getByRole('button', { name: say('affiliationForm.submit') }).click();
      await page.getByRole('row').filter({ hasText: 'Rafa Indica' }).waitFor();
      assert.equal(await scrollsSideways(page), null);
      await shot(page, `product-page-${view.name}`);

      // it sold: removing archives it (and it can be restored); the draft never sold: removing deletes it
      await page.getByRole('button', { name: say('products.remove') }).click();
      await page.getByRole('dialog', { name: say('products.removeConfirmTitle', { name: `Curso de tortas finas ${view.name}` }) }).getByRole('button', { name: say('products.remove') }).click();
      await page.getByRole('button', { name: say('products.restore') }).waitFor();
      assert.ok((await producer.call('GET', `/api/v1/products/11${index}`)).body.archived_at, 'archived, not lost');
      await page.getByRole('button', { name: say('products.restore') }).click();
      await page.getByRole('button', { name: say('products.remove') }).waitFor();
      await page.goto(`${platform.url}/products/22${index}`);
      await page.getByRole('button', { name: say('products.remove') }).click();
      await page.getByRole('dialog', { name: say('products.removeConfirmTitle', { name: `Rascunho ${view.name}` }) }).getByRole('button', { name: say('products.remove') }).click();
      await page.getByRole('heading', { name: say('products.deletedTitle') }).waitFor();
      assert.equal((await producer.call('GET', `/api/v1/products/22${index}`)).status, 404);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  await t.test('the affiliate sees the producer by name', async () => {
    const say = wordsOf('pt-BR');
    const page = await pageIn(browser.context, views[1]!);
    await signIn(page, platform.url, affiliate);
    await page.goto(`${platform.url}/products`);
    const promoted = page.getByRole('region', { name: say('promoted.title') });
    await promoted.getByRole('row').filter({ hasText: 'Confeitaria Bela' }).first().waitFor();
    assert.equal(await page.getByRole('heading', { name: say('products.addTitle') }).count(), 0);
    await shot(page, 'products-affiliate-pt-BR-phone');
    await page.close();
  });
});
