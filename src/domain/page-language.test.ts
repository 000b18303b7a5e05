import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLanguage } from './page-language.ts';

test('a page\'s language from Accept-Language, pt-BR when none of ours is asked for', () => {
  assert.equal(pickLanguage(undefined), 'pt-BR');
  assert.equal(pickLanguage('pt-PT'), 'pt-BR');
  assert.equal(pickLanguage('es-MX,es;q=0.9,en;q=0.8'), 'es');
  assert.equal(pickLanguage('en;q=0.5, es;q=0.9'), 'es', 'q-values rank');
  assert.equal(pickLanguage('de-DE, en;q=0.3'), 'en');
  assert.equal(pickLanguage('en;q=0, fr'), 'pt-BR', 'q=0 means not wanted');
  assert.equal(pickLanguage('es;q=0, en'), 'en', 'a language refused with q=0 is not picked for being first');
});
