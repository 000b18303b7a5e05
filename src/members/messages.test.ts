// Every word of the members area's pages and e-mails exists in each of its languages, and none is empty.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailMessages } from './mail/mail-messages.ts';
import { pageMessages } from './pages/page-messages.ts';
import { languages } from './receive/notification.ts';

/** Every leaf as "path = text" (functions called with sample values). */
function leaves(value: unknown, path = ''): [string, string][] {
  // a sample argument that reads as any named value, or as the number 30 when used as one (tooMany(minutes))
  const sample = new Proxy({}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => 30 : key === 'minutes' ? 30 : `<${String(key)}>`) });
  if (typeof value === 'function') return leaves((value as (argument: unknown) => unknown)(sample), path);
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'number') return [[path, String(value)]];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => leaves(item, path ? `${path}.${key}` : key));
}

for (const [what, catalogue] of [['pages', pageMessages], ['e-mails', mailMessages]] as const) {
  test(`the ${what} say every message in pt-BR, es and en`, () => {
    const reference = leaves(catalogue['pt-BR']).map(([path]) => path);
    for (const language of languages) {
      const found = leaves(catalogue[language]);
      assert.deepEqual(found.map(([path]) => path), reference, `${language} has the same messages as pt-BR`);
      for (const [path, text] of found) assert.ok(text.trim().length > 0, `${language} ${path} is empty`);
    }
  });
}
