// Find one sale: the history's search box finds a buyer by e-mail or name (accents and case do not matter), a
// transaction by its start in any case, a product by name; each row shows buyer, product and amount. The API answers
// the same search (GET /api/v1/deliveries?q=) and never with another account's sales. Desktop in English, phone in pt-BR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, publishSale, scrollsSideways, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import { startRestartableReceiver } from './restartable-receiver.ts';

test('find one sale, in the dashboard and the API', { timeout: 240_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  await using receiver = await startRestartableReceiver();
  const producer = await member(platform, 'Padaria da Lu', 'producer', 'lu@example.com');
  const stranger = await member(platform, 'Outra loja', 'producer', 'outra@example.com');
  for (const owner of [producer, stranger]) await owner.call('POST', '/api/v1/webhooks', { name: 'Receptor', url: `${receiver.url}/h`, events: ['PURCHASE_APPROVED'] });
  await publishSale(producer, 'HP1111AAAA', { buyer: { name: 'João Conceição', email: 'joao@example.com' }, product: { id: 1234567, name: 'Curso de bolos' } });
  await publishSale(producer, 'HP2222BBBB', { buyer: { name: 'Maria Lima', email: 'maria@example.com' }, product: { id: 7654321, name: 'Ebook de pães' } });
  await publishSale(stranger, 'HP2222ZZZZ', { buyer: { name: 'Maria Lima', email: 'maria@evil.example' } });
  await eventually('all delivered', async () => (receiver.received === 3 ? true : undefined));

  // the API: prefix, any case; bounded by the account
  const found = async (q: string) => ((await producer.call('GET', `/api/v1/deliveries?q=${encodeURIComponent(q)}`)).body.items as { transaction: string }[]).map((item) => item.transaction);
  assert.deepEqual(await found('hp22'), ['HP2222BBBB']);
  assert.deepEqual(await found('CONCEICAO'), ['HP1111AAAA']);
  assert.deepEqual(await found('pães'), ['HP2222BBBB']);
  assert.deepEqual(await found('maria@'), ['HP2222BBBB'], "never another account's sale");
  const [listed] = (await producer.call('GET', '/api/v1/deliveries?q=HP1111')).body.items;
  assert.deepEqual([listed.buyer, listed.product, listed.amount], [{ name: 'João Conceição', email: 'joao@example.com' }, { id: '1234567', name: 'Curso de bolos' }, { value: 497, currency: 'BRL' }]);

  for (const view of views) {
    await t.test(`the history's search (${view.name})`, async () => {
      const say = wordsOf(view.locale);
      const page = await pageIn(browser.context, view);
      const errors = watchForErrors(page);
      await signIn(page, platform.url, producer);
      await page.goto(`${platform.url}/history`);
      const row = (transaction: string) => page.locator('.history-table tbody tr').filter({ hasText: transaction });
      // each row: buyer, product, amount in the user's language
      const money = view.locale === 'en' ? /R\$\s?497\.00/ : /R\$\s?497,00/;
      await row('HP1111AAAA').getByText('João Conceição').waitFor();
      await row('HP1111AAAA').getByText('Curso de bolos').waitFor();
      assert.match(await row('HP1111AAAA').innerText(), money);
      const search = page.getByRole('searchbox', { name: say('search.label') });
      for (const [query, expected, other] of [['hp2222b', 'HP2222BBBB', 'HP1111AAAA'], ['conceicao', 'HP1111AAAA', 'HP2222BBBB'], ['bolos', 'HP1111AAAA', 'HP2222BBBB']] as const) {
        await search.fill(query);
        await page.getByRole('button', { name: say('search.submit'), exact: true }).click();
        await row(expected).waitFor();
        await row(other).waitFor({ state: 'detached' });
        assert.equal(new URL(page.url()).searchParams.get('q'), query, 'the search is in the URL, to share or reload');
      }
      await shot(page, `search-${view.name}`);
      assert.equal(await scrollsSideways(page), null);
      await search.fill('nobody-at-all');
      await page.getByRole('button', { name: say('search.submit'), exact: true }).click();
      await page.getByText(say('search.noMatchTitle', { q: 'nobody-at-all' })).waitFor();
      await page.getByRole('button', { name: say('search.clear') }).click();
      await row('HP2222BBBB').waitFor();
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
