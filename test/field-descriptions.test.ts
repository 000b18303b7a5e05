// The documentation page's field descriptions in pt-BR and es: every description the catalogue serves (2.0.0 data
// fields and 1.0.0 form fields, every event) has a translation in each table, no table keeps a translation whose
// English text the catalogue no longer serves, and each translation keeps the English text's technical tokens.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeCatalog } from '../src/catalog/index.ts';
import { describeWith } from '../src/web/src/docs/field-descriptions/describe.ts';

const tablesDir = join(import.meta.dirname, '..', 'src', 'web', 'src', 'docs', 'field-descriptions');
const locales = ['pt-BR', 'es'] as const;
const tables = Object.fromEntries(locales.map((locale) =>
  [locale, JSON.parse(readFileSync(join(tablesDir, `${locale}.json`), 'utf8')) as Record<string, string>]));

// exactly what GET /api/v1/catalog sends the dashboard (src/api/routes/catalog.ts)
const served = new Set(describeCatalog().flatMap((event) => [...event.fields, ...event.legacy_fields].map((field) => field.description)));

// field names (utm_source), enum values (CANCELLED_BY_CUSTOMER, PURCHASE_*), header names, acronyms and numbers
const technicalTokens = (text: string): string[] => text.match(/[A-Z][A-Z0-9_*-]+|\b[a-z]+(?:_[a-z]+)+\b|\d+/g) ?? [];

test('the catalogue serves descriptions to translate (the walk finds them)', () => {
  assert.ok(served.size > 150, `only ${served.size} descriptions found`);
});

for (const locale of locales) {
  const table = tables[locale]!;

  test(`${locale}: every description the catalogue serves is translated`, () => {
    const missing = [...served].filter((english) => (table[english] ?? '').trim() === '');
    assert.deepEqual(missing, [], `add these to src/web/src/docs/field-descriptions/${locale}.json`);
  });

  test(`${locale}: no translation outlives its English text`, () => {
    const stale = Object.keys(table).filter((english) => !served.has(english));
    assert.deepEqual(stale, [], `the catalogue no longer serves these: remove them from ${locale}.json (or re-key them to the new text)`);
  });

  test(`${locale}: translations keep the technical tokens and are not left in English`, () => {
    const problems = Object.entries(table).flatMap(([english, translated]) => [
      ...technicalTokens(english).filter((token) => !translated.includes(token)).map((token) => `lost "${token}": ${english}`),
      ...(translated === english ? [`untranslated: ${english}`] : []),
    ]);
    assert.deepEqual(problems, []);
  });
}

test('es: speaks as tú and uses the dashboard\'s terms, as test/browser/dashboard-i18n.test.ts asks of its catalogue', () => {
  const found = (pattern: RegExp) => Object.values(tables.es!).filter((text) => pattern.test(text));
  assert.deepEqual(found(/Cámbiela|Pídale|Ingrese|\busted\b/i), [], 'tú, not usted');
  assert.deepEqual(found(/cabecera/i), [], 'the dashboard says "encabezado"');
  assert.deepEqual(found(/l[ií]nea digitable/i), [], 'a Brazilian term');
});

test('the lookup translates what it knows and falls back to the English text', () => {
  const describe = describeWith({ 'Product name': 'Nome do produto', 'Blank': ' ' });
  assert.equal(describe('Product name'), 'Nome do produto');
  assert.equal(describe('A field added after this build'), 'A field added after this build');
  assert.equal(describe('Blank'), 'Blank');
  assert.equal(describe('constructor'), 'constructor', 'only the table\'s own keys count');
});
