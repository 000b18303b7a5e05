// The dashboard's languages: every catalogue has every key of the reference (pt-BR), with the same placeholders and
// tags and valid ICU syntax; no key is dead; and no words reach the screen from outside the catalogues.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { attemptDetail, lastErrorText, resultLabel } from '../../src/web/src/history/attemptDetail.ts';
import type { Translate } from '../../src/web/src/history/attemptDetail.ts';
import type { MessageKey } from '../../src/web/src/i18n/catalogues.ts';
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

/** The dashboard's t() in a language: its ICU messages formatted by intl-messageformat, as react-intl does on screen. */
function translator(locale: string): Translate {
  return (key, values) => {
    const message = catalogues[locale]![key];
    if (message === undefined) throw new Error(`no ${key} in ${locale}`);
    return String(new IntlMessageFormat(message, locale).format(values));
  };
}
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('counts agree with their number and are written the language\'s way (1 selecionado, 12.345 entregas)', () => {
  const said = (locale: string, key: MessageKey, values: Record<string, unknown>) => spaces(translator(locale)(key, values as never));
  const expected: [string, MessageKey, Record<string, unknown>, string][] = [
    ['pt-BR', 'bulk.selected', { count: 1 }, '1 selecionado'],
    ['pt-BR', 'bulk.selected', { count: 12345 }, '12.345 selecionados'],
    ['es', 'bulk.selected', { count: 1 }, '1 seleccionado'],
    ['es', 'bulk.selected', { count: 2 }, '2 seleccionados'],
    ['en', 'bulk.selected', { count: 12345 }, '12,345 selected'],
    ['pt-BR', 'filters.titleActive', { count: 1 }, 'Filtros (1 ativo)'],
    ['pt-BR', 'filters.titleActive', { count: 3 }, 'Filtros (3 ativos)'],
    ['es', 'filters.titleActive', { count: 1 }, 'Filtros (1 activo)'],
    ['en', 'filters.titleActive', { count: 1 }, 'Filters (1 active)'],
    ['pt-BR', 'resend.someFailed', { resent: 0, failed: 1, reason: 'X.' }, 'Nenhum envio voltou para a fila, 1 falhou. X.'],
    ['pt-BR', 'resend.someFailed', { resent: 1234, failed: 2, reason: 'X.' }, '1.234 envios na fila de novo, 2 falharam. X.'],
    ['es', 'resend.someFailed', { resent: 1, failed: 1, reason: 'X.' }, '1 envío en cola de nuevo, 1 falló. X.'],
    ['en', 'resend.someFailed', { resent: 1, failed: 1, reason: 'X.' }, '1 delivery queued again, 1 failed. X.'],
    ['pt-BR', 'overview.slowDetail', { p95: '2 s', count: 1 }, 'p95 2 s, 1 entrega'],
    ['pt-BR', 'overview.slowDetail', { p95: '2 s', count: 12345 }, 'p95 2 s, 12.345 entregas'],
    ['es', 'overview.slowDetail', { p95: '2 s', count: 1 }, 'p95 2 s, 1 entrega'],
    ['en', 'overview.slowDetail', { p95: '2 s', count: 1 }, 'p95 2 s, 1 delivery'],
    ['en', 'overview.slowDetail', { p95: '2 s', count: 12345 }, 'p95 2 s, 12,345 deliveries'],
    ['pt-BR', 'overview.failDetail', { rate: '100 %', total: 1 }, '100 % de 1 envio'],
    ['pt-BR', 'overview.failDetail', { rate: '5 %', total: 12345 }, '5 % de 12.345 envios'],
    ['es', 'overview.failDetail', { rate: '5 %', total: 12345 }, '5 % de 12.345 envíos'],
    ['en', 'overview.failDetail', { rate: '100%', total: 1 }, '100% of 1 delivery'],
    ['pt-BR', 'outcome.gaveUp', { done: 1, max: 1 }, 'Desistiu depois de 1 de 1 tentativa.'],
    ['es', 'outcome.gaveUp', { done: 5, max: 5 }, 'Se rindió tras 5 de 5 intentos.'],
    ['en', 'outcome.gaveUp', { done: 1, max: 1 }, 'Gave up after 1 of 1 attempt.'],
    ['pt-BR', 'bulk.progress', { done: 1200, total: 12345 }, 'Reenviando 1.200 de 12.345…'],
    ['en', 'bulk.progress', { done: 1200, total: 12345 }, 'Resending 1,200 of 12,345…'],
    ['pt-BR', 'reason.failing', { count: 1500, since: 'ontem' }, '1.500 tentativas seguidas falharam desde ontem, sem nenhum sucesso'],
    ['es', 'reason.failing', { count: 1, since: 'ayer' }, '1 intento falló desde ayer, sin ningún éxito'],
  ];
  assert.deepEqual(expected.map(([locale, key, values]) => said(locale, key, values)), expected.map(([, , , text]) => text));
});

test('a configuration is feminine in pt-BR and es, in the notices too', () => {
  assert.equal(catalogues['pt-BR']!['notices.kind.webhook.disabled'], catalogues['pt-BR']!['status.disabled']!.toLowerCase());
  assert.equal(catalogues.es!['notices.kind.webhook.disabled'], catalogues.es!['status.disabled']!.toLowerCase());
});

test('Spanish speaks to the user as tú, says "cambiar" for a rotation as its buttons do, and "encabezado"', () => {
  const es = Object.entries(catalogues.es!);
  const found = (pattern: RegExp) => es.filter(([, text]) => pattern.test(text)).map(([key, text]) => `${key}: ${text}`);
  assert.deepEqual(found(/Cámbiela|Pídale|Ingrese|\busted\b/i), [], 'formal forms');
  assert.deepEqual(found(/\brot[óa]r?\b|\bRotó/i), [], 'the buttons say "Cambiar"; the audit log says what they did with the same verb');
  assert.deepEqual(found(/cabecera/i), [], 'the rest says "encabezado"');
  assert.deepEqual(found(/l[ií]nea digitable/i), [], 'a Brazilian term');
});

test('attempt details and notice reasons are said from the catalogue, with their facts as parameters', () => {
  const format = { duration: (ms: number) => `${ms / 1000} s`, number: (value: number) => String(value) };
  for (const locale of ['pt-BR', 'es', 'en']) {
    const t = translator(locale);
    const say = (key: MessageKey, values?: Record<string, unknown>) => t(key, values as never);
    const detail = (status: number | null, error: string | null, text: string | null) => attemptDetail(t, format, status, error, text);
    assert.deepEqual(detail(302, null, 'redirect to https://elsewhere.example.com/h not followed'),
      { text: say('attempts.redirect', { status: 302, location: 'https://elsewhere.example.com/h' }), technical: null });
    assert.deepEqual(detail(301, null, 'redirect to (no location) not followed'), { text: say('attempts.redirectNoLocation', { status: 301 }), technical: null });
    assert.deepEqual(detail(422, 'receiver_abort', 'the receiver answered 422 with "webhook-delivery: abort": no more attempts'),
      { text: say('attempts.receiverAbort', { status: 422 }), technical: null });
    assert.deepEqual(detail(null, 'timeout', 'deadline exceeded'), { text: say('attempts.deadline'), technical: null });
    assert.deepEqual(detail(null, 'timeout', 'no response within the 2000 ms deadline'), { text: say('attempts.noResponseWithin', { duration: '2 s' }), technical: null });
    assert.deepEqual(detail(200, 'timeout', 'response body not complete within the 2000 ms deadline (1 bytes read)'),
      { text: say('attempts.bodyIncomplete', { duration: '2 s', bytes: 1 }), technical: null });
    assert.deepEqual(detail(200, 'too_large', 'response body exceeds 65536 bytes'), { text: say('attempts.bodyTooLarge', { bytes: 65536 }), technical: null });
    assert.deepEqual(detail(null, 'aborted', 'aborted by shutdown'), { text: say('attempts.shutdown'), technical: null });
    assert.deepEqual(detail(null, 'blocked_address', 'connect to hooks.example.com (10.0.0.1) refused by the address check: not a public address'),
      { text: say('attempts.blockedAddress', { target: 'hooks.example.com (10.0.0.1)' }), technical: null });
    // our own failure: said in words, its message kept for whoever runs Postback
    assert.deepEqual(detail(null, 'internal_error', 'TypeError: x is undefined'), { text: say('attempts.internalError'), technical: 'TypeError: x is undefined' });
    // a system's own text adds information: kept as it is
    assert.deepEqual(detail(null, 'dns_not_found', 'getaddrinfo ENOTFOUND hooks.example.com'), { text: null, technical: 'getaddrinfo ENOTFOUND hooks.example.com' });
    assert.equal(resultLabel(t, null, 'internal_error'), say('result.internalError'));
    assert.equal(resultLabel(t, 422, 'receiver_abort'), say('result.receiverAbort'));
    // a conversion not sent at its attempt, or refused by its ad network for good (its own words kept as technical detail)
    assert.equal(resultLabel(t, null, 'no_test_event_code'), say('result.noTestEventCode'));
    assert.equal(resultLabel(t, null, 'event_too_old'), say('result.eventTooOld'));
    assert.equal(resultLabel(t, 400, 'network_refused'), say('result.networkRefused'));
    assert.deepEqual(detail(400, 'network_refused', 'Meta answered 400, OAuthException code 190: Invalid OAuth access token'),
      { text: null, technical: 'Meta answered 400, OAuthException code 190: Invalid OAuth access token' });
    assert.equal(lastErrorText(t, format, 'network_refused: Meta answered 400, OAuthException code 190: Invalid OAuth access token'),
      `${say('result.networkRefused')}: Meta answered 400, OAuthException code 190: Invalid OAuth access token`);
    // a notice's last error (src/store/notices.ts lastErrorOf)
    assert.equal(lastErrorText(t, format, 'HTTP 302: redirect to https://x.example.com/ not followed'), say('attempts.redirect', { status: 302, location: 'https://x.example.com/' }));
    assert.equal(lastErrorText(t, format, 'timeout: no response within the 2000 ms deadline'), say('attempts.noResponseWithin', { duration: '2 s' }));
    assert.equal(lastErrorText(t, format, 'receiver_abort: the receiver answered 409 with "webhook-delivery: abort": no more attempts'), say('attempts.receiverAbort', { status: 409 }));
    assert.equal(lastErrorText(t, format, 'HTTP 500'), 'HTTP 500');
    assert.equal(lastErrorText(t, format, 'no answer'), say('notices.noAnswer'));
    assert.equal(lastErrorText(t, format, 'refused: connect ECONNREFUSED 127.0.0.1:9'), `${say('result.refused')}: connect ECONNREFUSED 127.0.0.1:9`);
    if (locale !== 'en') {
      assert.doesNotMatch(lastErrorText(t, format, 'HTTP 302: redirect to https://x.example.com/ not followed'), /not followed/);
      assert.doesNotMatch(resultLabel(t, null, 'internal_error'), /internal error/i);
    }
  }
});
