// The documentation page describes every field in the reader's language: a Brazilian producer reads the 2.0.0 and
// 1.0.0 field tables in Portuguese, switches to Spanish without losing the chosen format, and English shows the
// catalogue's own text. The API serves English; the expected words come from the dashboard's translation tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { eventually } from '../helpers/eventually.ts';
import { startPlatform } from '../helpers/platform.ts';
import { projectRoot } from '../helpers/process.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, scrollsSideways, shot, signIn, watchForErrors, wordsOf } from './dashboard-helpers.ts';

const tableOf = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(join(projectRoot, 'src', 'web', 'src', 'docs', 'field-descriptions', `${locale}.json`), 'utf8')) as Record<string, string>;

/** The description cells of the table on screen, waited for until they read as expected (the tables load lazily). */
async function expectDescriptions(page: Page, table: string, expected: string[], what: string): Promise<void> {
  const cells = page.locator(`${table} tbody .cell-description`);
  await eventually(what, async () => { assert.deepEqual(await cells.allInnerTexts(), expected); return true; });
}

test('field descriptions in pt-BR, es and English on the documentation page', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t, { locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  const owner = await member(platform, 'Escola da Lia', 'producer', 'lia@example.com');
  const event = (await owner.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body as { fields: { description: string }[]; legacy_fields: { description: string }[] };
  const modern = event.fields.map((field) => field.description);
  const legacy = event.legacy_fields.map((field) => field.description);
  const [pt, es] = [tableOf('pt-BR'), tableOf('es')];

  const page = await pageIn(browser.context, { name: 'pt-BR-desktop', locale: 'pt-BR', width: 1280, height: 900 });
  const errors = watchForErrors(page);
  await signIn(page, platform.url, owner);
  await page.goto(`${platform.url}/docs`);
  const ptWords = wordsOf('pt-BR');
  await page.getByRole('heading', { name: ptWords('reference.title') }).waitFor();

  // 2.0.0: every row in Portuguese, e.g. the buyer's e-mail that members areas grant access by
  await expectDescriptions(page, '.fields-table', modern.map((english) => pt[english]!), 'the 2.0.0 fields in pt-BR');
  await page.locator('.fields-table').getByText('E-mail do comprador; as áreas de membros liberam o acesso por ele').waitFor();
  assert.equal(await page.locator('.fields-table').getByText('Buyer e-mail', { exact: false }).count(), 0, 'no English description left');
  await shot(page, 'docs-fields-pt-BR');

  // 1.0.0: the form fields too
  await page.getByLabel(ptWords('webhookForm.version')).selectOption('1.0.0');
  await expectDescriptions(page, '.legacy-fields-table', legacy.map((english) => pt[english]!), 'the 1.0.0 fields in pt-BR');

  // Spanish: the page keeps the chosen format (the reference is not rebuilt) and the rows change language
  await page.getByLabel(ptWords('preferences.language')).selectOption('es');
  await page.getByRole('heading', { name: wordsOf('es')('reference.title') }).waitFor();
  await expectDescriptions(page, '.legacy-fields-table', legacy.map((english) => es[english]!), 'the 1.0.0 fields in es');
  await page.getByLabel(wordsOf('es')('webhookForm.version')).selectOption('2.0.0');
  await expectDescriptions(page, '.fields-table', modern.map((english) => es[english]!), 'the 2.0.0 fields in es');
  await shot(page, 'docs-fields-es');

  // English: the catalogue's own text
  await page.getByLabel(wordsOf('es')('preferences.language')).selectOption('en');
  await page.getByRole('heading', { name: wordsOf('en')('reference.title') }).waitFor();
  await expectDescriptions(page, '.fields-table', modern, 'the 2.0.0 fields in English');

  assert.equal(await scrollsSideways(page), null);
  assert.deepEqual(errors, [], 'no console errors');
  await page.close();
});
