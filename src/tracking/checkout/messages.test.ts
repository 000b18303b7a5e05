import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkoutLanguages, checkoutMessages, format } from './messages.ts';

test('every checkout message exists in pt-BR, es and en, with the same placeholders', () => {
  const keys = Object.keys(checkoutMessages['pt-BR']).sort();
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  for (const language of checkoutLanguages) {
    const messages = checkoutMessages[language] as Record<string, string>;
    assert.deepEqual(Object.keys(messages).sort(), keys, language);
    for (const key of keys) {
      assert.ok(messages[key]!.trim() !== '', `${language}.${key} is empty`);
      assert.deepEqual(placeholders(messages[key]!), placeholders((checkoutMessages['pt-BR'] as Record<string, string>)[key]!), `${language}.${key}`);
    }
  }
  assert.equal(format('Olá, {name}! {missing}', { name: 'Ana' }), 'Olá, Ana! {missing}');
});
