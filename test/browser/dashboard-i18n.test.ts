// The dashboard's languages: every catalogue has every key of the reference (pt-BR), with the same placeholders and
// tags and valid ICU syntax; no key is dead; and no words reach the screen from outside the catalogues.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { projectRoot } from '../helpers/process.ts';
import { findLiterals } from './literal-strings.ts';

const web = join(projectRoot, 'src', 'web', 'src');
const messagesDir = join(web, 'i18n', 'messages');
const reference = 'pt-BR';
const catalogues = Object.fromEntries(readdirSync(messagesDir).filter((file) => file.endsWith('.json'))
  .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(messagesDir, file), 'utf8')) as Record<string, string>]));

// files whose words are deliberately not translated, and why
const untranslated: Record<string, string> = {
  'docs/snippets.ts': 'receiver source code, shown as code',
  'i18n/locales.ts': 'each language is named in itself',
};
// keys built at run time from a code name (event.PURCHASE_APPROVED): used when the catalogue has them
const dynamicPrefixes = ['event.', 'eventDescription.'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Placeholder names and tag names of a message, sorted: what every translation must keep. */
function shapeOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(`{${element.value}}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(`{${element.value}}`);
      for (const option of Object.values(element.options)) shapeOf(option.value, into);
    }
    if (element.type === TYPE.tag) { into.add(`<${element.value}>`); shapeOf(element.children, into); }
  }
  return into;
}

test('every language has every key of pt-BR, and no other', () => {
  assert.ok(catalogues[reference], 'the pt-BR catalogue exists');
  assert.deepEqual(Object.keys(catalogues).sort(), ['en', 'es', 'pt-BR']);
  const keys = Object.keys(catalogues[reference]!);
  for (const [locale, messages] of Object.entries(catalogues)) {
    const missing = keys.filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in catalogues[reference]!));
    assert.deepEqual(missing, [], `${locale} lacks these keys`);
    assert.deepEqual(extra, [], `${locale} has keys pt-BR does not`);
    const empty = Object.entries(messages).filter(([, text]) => text.trim() === '').map(([key]) => key);
    assert.deepEqual(empty, [], `${locale} has empty messages`);
  }
});

test('every message is valid ICU, with the same placeholders and tags in every language', () => {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(catalogues[reference]!)) {
    const want = [...shapeOf(parse(text))].sort().join(' ');
    for (const [locale, messages] of Object.entries(catalogues)) {
      let have: string;
      try { have = [...shapeOf(parse(messages[key] ?? ''))].sort().join(' '); } catch (error) { problems.push(`${locale} ${key}: ${String(error)}`); continue; }
      if (have !== want) problems.push(`${locale} ${key}: has "${have}", pt-BR has "${want}"`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every key is used by a screen', () => {
  const code = sources(web).map((file) => readFileSync(file, 'utf8')).join('\n');
  const unused = Object.keys(catalogues[reference]!).filter((key) => !dynamicPrefixes.some((prefix) => key.startsWith(prefix)) && !code.includes(`'${key}'`));
  assert.deepEqual(unused, [], 'keys no screen uses: remove them from every catalogue');
});

test('no words on screen come from outside the catalogues', () => {
  const found = sources(web)
    .filter((file) => !file.startsWith(join(web, 'i18n', 'messages')) && !(relative(web, file) in untranslated))
    .flatMap((file) => findLiterals(relative(projectRoot, file), readFileSync(file, 'utf8')));
  assert.deepEqual(found.map((item) => `${item.file}:${item.line} ${item.why}: ${JSON.stringify(item.text)}`), [],
    'move these into src/web/src/i18n/messages/*.json and use t() (see the README, "Adding a string")');
});

test('the check finds hard-coded words (it can fail)', () => {
  const sample = `
    export const A = () => <div className="a b" aria-label="Close dialog" title={t('x')}>Save changes <b>{'two words here'}</b> {count}</div>;
    const options = [{ value: 'x', label: 'Only some' }];
    const fine = cond === 'some literal words' ? t('a.b') : document.querySelector('a b');
    const B = () => <p>{on ? 'Shared' : t('c.d')}{format('x y')}</p>;
    notify(\`\${name} was removed\`);
  `;
  const found = findLiterals('sample.tsx', sample).map((item) => item.text);
  assert.deepEqual(found.sort(), ['Close dialog', 'Only some', 'Save changes', 'Shared', 'two words here', 'was removed'].sort());
});
