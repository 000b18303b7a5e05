// An affiliate's dashboard after an affiliation ends (sweep s45/h2, F4 to F6): a configuration scoped to the ended
// product still saves, and lists that product ticked and marked as no longer available, to untick; a product that
// goes while the form is open gets a message that says so, not "choose at least one"; the affiliate's own products
// are listed and offered; the audit log names the product, code and producer that ended it. Desktop in English,
// phone in pt-BR, every word read from the dashboard's catalogues.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';

test('an affiliate\'s configurations, products and audit log after an affiliation ends', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  for (const [index, view] of views.entries()) {
    await t.test(view.name, async () => {
      const say = wordsOf(view.locale);
      await using platform = await startPlatform();
      const producer = await member(platform, 'Loja da Bia', 'producer', `bia-${index}@example.com`);
      const affiliate = await member(platform, 'Duda Afiliada', 'affiliate', `duda-${index}@example.com`);
      const affiliations: Record<string, string> = {};
      for (const [id, name] of [['5550001', 'Curso de bolos'], ['5550003', 'Curso de tortas'], ['5550005', 'Curso de pães']] as const) {
        assert.equal((await producer.call('POST', '/api/v1/products', { id, name })).status, 201);
        const made = await producer.call('POST', `/api/v1/products/${id}/affiliations`, { affiliate_account_id: affiliate.accountId, affiliate_code: `D${id}` });
        affiliations[id] = made.body.id;
      }
      assert.equal((await affiliate.call('POST', '/api/v1/products', { id: '6660001', name: 'Meu próprio curso' })).status, 201);
      const scoped = await affiliate.call('POST', '/api/v1/webhooks', { name: 'Escopo', url: 'https://example.com/duda', events: ['PURCHASE_APPROVED'], products: ['5550001', '5550003'] });
      assert.equal(scoped.status, 201, scoped.text);
      assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliations['5550003']}`)).status, 204);

      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page, [401, 422]);
      await signIn(page, platform.url, affiliate);
      await page.getByRole('heading', { name: say('nav.webhooks'), level: 1 }).waitFor();

      // the ended product is listed, ticked and marked; renaming saves
      await page.getByRole('article', { name: 'Escopo' }).getByRole('button', { name: say('common.edit') }).click();
      const form = page.getByRole('dialog', { name: say('webhooks.editTitle') });
      const gone = form.getByRole('checkbox', { name: new RegExp(`#5550003 ${say('webhookForm.productGone')}`) });
      assert.equal(await gone.isChecked(), true);
      assert.equal(await form.getByRole('checkbox', { name: /Meu próprio curso/ }).count(), 1, 'its own products are offered too');
      assert.equal(await scrollsSideways(page), null);
      await gone.scrollIntoViewIfNeeded();
      await shot(page, `affiliate-scope-gone-${view.name}`);
      await form.getByLabel(say('webhookForm.name'), { exact: true }).fill('Escopo renomeado');
      await form.getByRole('button', { name: say('common.saveChanges') }).click();
      await form.waitFor({ state: 'hidden' });
      await page.getByRole('article', { name: 'Escopo renomeado' }).waitFor();
      assert.deepEqual((await affiliate.call('GET', `/api/v1/webhooks/${scoped.body.id}`)).body.products, ['5550001', '5550003']);

      // unticked, it is saved without it
      await page.getByRole('article', { name: 'Escopo renomeado' }).getByRole('button', { name: say('common.edit') }).click();
      await form.getByRole('checkbox', { name: new RegExp(`#5550003 ${say('webhookForm.productGone')}`) }).uncheck();
      await form.getByRole('button', { name: say('common.saveChanges') }).click();
      await form.waitFor({ state: 'hidden' });
      assert.deepEqual((await affiliate.call('GET', `/api/v1/webhooks/${scoped.body.id}`)).body.products, ['5550001']);

      // a product that goes while the form is open: the form says it is no longer one the affiliate promotes
      await page.getByRole('button', { name: say('webhooks.new') }).first().click();
      const create = page.getByRole('dialog', { name: say('webhooks.new') });
      await create.getByLabel(say('webhookForm.name'), { exact: true }).fill('Pães');
      await create.getByLabel(say('webhookForm.url'), { exact: true }).fill('https://example.com/paes');
      await create.getByRole('checkbox', { name: /PURCHASE_APPROVED/ }).check();
      await create.getByRole('radio', { name: say('webhookForm.someProducts') }).check();
      await create.getByRole('checkbox', { name: /Curso de pães/ }).check();
      assert.equal((await producer.call('DELETE', `/api/v1/affiliations/${affiliations['5550005']}`)).status, 204);
      await create.getByRole('button', { name: say('webhookForm.create') }).click();
      await create.getByText(say('webhookForm.productsUnknownAffiliate')).waitFor();
      await create.getByText(say('webhookForm.productsUnknownAffiliate')).scrollIntoViewIfNeeded();
      assert.equal(await create.getByText(say('webhookForm.productsNeeded')).count(), 0, 'not "choose at least one product"');
      await shot(page, `affiliate-scope-unknown-${view.name}`);
      await create.getByRole('button', { name: say('common.cancel') }).click();
      await create.waitFor({ state: 'hidden' });

      // its own products are listed beside those it promotes
      await page.goto(`${platform.url}/products`);
      await page.getByRole('heading', { name: say('promoted.title') }).waitFor();
      await page.getByRole('heading', { name: say('products.ownTitle') }).waitFor();
      await page.getByRole('row').filter({ hasText: 'Meu próprio curso' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: say('products.addTitle') }).count(), 0, 'no form to add one here');
      await shot(page, `affiliate-own-products-${view.name}`);

      // the audit log says which product, code and producer, and that the producer's account did it
      await page.goto(`${platform.url}/audit`);
      const ended = page.getByRole('row').filter({ hasText: say('audit.affiliationEndedOf', { affiliate: 'Duda Afiliada', name: 'Curso de tortas', code: 'D5550003', producer: 'Loja da Bia' }) });
      await ended.waitFor();
      await ended.getByText(say('audit.otherAccount', { name: 'Loja da Bia' })).waitFor();
      await shot(page, `affiliate-audit-ended-${view.name}`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
