import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { sampleData } from '../../catalog/index.ts';
import type { EventName } from '../../catalog/index.ts';
import { conversionSkipReason } from '../../domain/conversion.ts';
import type { ConversionPreset } from '../../domain/conversion.ts';
import type { StoredEvent } from '../../store/store.ts';
import { configureConversion } from './configure.ts';
import type { Configured, ConversionInput } from './configure.ts';
import { eventAgeLimit, maskConversionSecrets, renderConversion, skipReasonOf } from './render-conversion.ts';
import { asAccountId, asEventId } from '../../domain/ids.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A sample sale of `event` whose checkout link carried `origin`. */
function sale(event: EventName, origin: Record<string, string>): StoredEvent {
  const data = sampleData(event) as { purchase: Record<string, unknown> };
  data.purchase.origin = origin;
  return { id: asEventId('0190f5b4-7c1e-7cc0-8f00-5a1e5a1e5a1e'), accountId: asAccountId('acc'), event, creationDate: 1741616680000, data: JSON.stringify(data), transaction: 'HP17416165852291', productId: '3718245', isTest: false, createdAt: 1741616680000 };
}

/** A minute after the sample sale: well inside any network's window. */
const soon = 1741616680000 + 60_000;
const days = (count: number) => count * 86_400_000;

function configured(input: Partial<ConversionInput> & { preset: ConversionPreset }, url?: string): Configured {
  const result = configureConversion({ goals: { PURCHASE_APPROVED: 'purchase', PURCHASE_REFUNDED: { goal: 'refund', negative_value: true } }, ...input }, url, undefined);
  if ('issues' in result) throw new Error(JSON.stringify(result.issues));
  return result;
}

const render = (target: Configured, event: StoredEvent) => renderConversion(event, target.url, target.config);

test('MGID: GET with the click id from sck unchanged, the goal per event, the price; a refund posts its own goal', () => {
  const mgid = configured({ preset: 'mgid' });
  assert.equal(mgid.url, 'https://a.mgid.com/postback?c={click_id}&e={goal}&r={price}');
  assert.deepEqual(mgid.events, ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED']);
  const approved = render(mgid, sale('PURCHASE_APPROVED', { sck: 'MGID_ClickId_AbC', utm_source: 'mgid' }));
  assert.deepEqual(approved, { method: 'GET', url: 'https://a.mgid.com/postback?c=MGID_ClickId_AbC&e=purchase&r=497.00', contentType: null, body: '' });
  const refunded = render(mgid, sale('PURCHASE_REFUNDED', { sck: 'MGID_ClickId_AbC' }));
  assert.equal(refunded.url, 'https://a.mgid.com/postback?c=MGID_ClickId_AbC&e=refund&r=-497.00');
});

test('each macro value is URL-encoded exactly once; the template keeps its own characters', () => {
  const custom = configured({ preset: 'custom' }, 'https://track.example/pb?id={click_id}&src={utm_source}&t={transaction}&fixed=a%20b');
  const rendered = render(custom, sale('PURCHASE_APPROVED', { click_id: 'a b&c=d%e/ü+', utm_source: '%41' }));
  assert.equal(rendered.url, 'https://track.example/pb?id=a%20b%26c%3Dd%25e%2F%C3%BC%2B&src=%2541&t=HP17416165852291&fixed=a%20b');
  assert.equal(new URL(rendered.url).searchParams.get('id'), 'a b&c=d%e/ü+', 'decoded once, the value is back');
});

test('a value made only of dots cannot climb the template\'s path', () => {
  const custom = configured({ preset: 'custom' }, 'https://track.example/pb/{click_id}/done?t={transaction}');
  for (const click of ['..', '.', '...']) {
    const rendered = render(custom, sale('PURCHASE_APPROVED', { click_id: click }));
    assert.equal(new URL(rendered.url).pathname, '/pb//done', click);
  }
  assert.equal(new URL(render(custom, sale('PURCHASE_APPROVED', { click_id: 'a..b' })).url).pathname, '/pb/a..b/done');
});

test('presets send their networks\' own parameter names; the base URL can be replaced', () => {
  const origin = { sck: 'sck_1', click_id: 'CiD_9x', ob_click_id: 'OB_00aZ' };
  const cases: [ConversionPreset, string | undefined, string][] = [
    ['taboola', undefined, 'https://trc.taboola.com/actions-handler/log/3/s2s-action?click-id=CiD_9x&name=purchase&revenue=497.00&currency=BRL&orderid=HP17416165852291'],
    ['outbrain', undefined, 'https://tr.outbrain.com/unifiedPixel?ob_click_id=OB_00aZ&name=purchase&orderValue=497.00&currency=BRL&orderId=HP17416165852291'],
    ['voluum', 'https://abc.trackvoluum.com/postback', 'https://abc.trackvoluum.com/postback?cid=CiD_9x&payout=497.00&txid=HP17416165852291&et=purchase'],
    ['redtrack', 'https://rt.example.com/postback', 'https://rt.example.com/postback?clickid=CiD_9x&sum=497.00&type=purchase'],
    ['mgid', 'http://127.0.0.1:9/fake-mgid', 'http://127.0.0.1:9/fake-mgid?c=sck_1&e=purchase&r=497.00'],
  ];
  for (const [preset, base, expected] of cases) {
    assert.equal(render(configured({ preset, ...(base ? { base_url: base } : {}) }), sale('PURCHASE_APPROVED', origin)).url, expected, preset);
  }
});

test('Meta Conversions API: a JSON POST with hashed e-mail and phone, fbc from the fbclid, the transaction as event_id, signed with appsecret_proof', () => {
  const meta = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', app_secret: 'app-secret-xyz', goals: { PURCHASE_APPROVED: 'Purchase' } });
  assert.equal(meta.url, 'https://graph.facebook.com/v21.0/1234567890/events');
  assert.equal(meta.config.click_id_required, false, 'Meta matches on hashed e-mail and phone: a sale without fbclid is still sent');
  const rendered = render(meta, sale('PURCHASE_APPROVED', { fbclid: 'IwAR2xYz_AbC' }));
  assert.equal(rendered.method, 'POST');
  assert.equal(rendered.contentType, 'application/json');
  const body = JSON.parse(rendered.body);
  assert.deepEqual(body.data, [{
    event_name: 'Purchase',
    event_time: 1741616680,
    event_id: 'HP17416165852291',
    action_source: 'website',
    user_data: { em: [sha256('ana.carolina.souza@example.com')], ph: [sha256('5511987654321')], fbc: 'fb.1.1741616585000.IwAR2xYz_AbC', client_ip_address: '189.45.112.37' },
    custom_data: { value: 497, currency: 'BRL', order_id: 'HP17416165852291' },
  }]);
  assert.equal(body.access_token, 'EAAB-token-0123456789');
  assert.equal(body.appsecret_proof, createHmac('sha256', 'app-secret-xyz').update('EAAB-token-0123456789').digest('hex'));
  const withoutClick = JSON.parse(render(meta, sale('PURCHASE_APPROVED', {})).body);
  assert.equal(withoutClick.data[0].user_data.fbc, undefined, 'an empty identifier is left out, not sent empty');
});

test('Meta: the buyer\'s IP address, User-Agent and page are sent when the sale carries them, and never made up', () => {
  const meta = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', goals: { PURCHASE_APPROVED: 'Purchase' } });
  const withBrowser = (purchase: Record<string, unknown>) => {
    const event = sale('PURCHASE_APPROVED', { fbclid: 'IwAR2xYz_AbC' });
    const data = JSON.parse(event.data);
    delete data.purchase.buyer_ip;
    Object.assign(data.purchase, purchase);
    return JSON.parse(render(meta, { ...event, data: JSON.stringify(data) }).body).data[0];
  };
  const userAgent = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
  const full = withBrowser({ buyer_ip: '2804:14c:5b80::1', buyer_user_agent: userAgent, checkout_page_url: 'https://pay.example.com/checkout/k7m2x9?sck=a&fbclid=IwAR2xYz_AbC' });
  assert.equal(full.event_source_url, 'https://pay.example.com/checkout/k7m2x9?sck=a&fbclid=IwAR2xYz_AbC');
  assert.equal(full.user_data.client_ip_address, '2804:14c:5b80::1', 'unhashed, as Meta asks');
  assert.equal(full.user_data.client_user_agent, userAgent);
  const none = withBrowser({});
  assert.deepEqual([none.event_source_url, none.user_data.client_ip_address, none.user_data.client_user_agent], [undefined, undefined, undefined], 'left out, not sent empty');
  const wrong = withBrowser({ buyer_ip: 'unknown', checkout_page_url: 'javascript:alert(1)' });
  assert.deepEqual([wrong.event_source_url, wrong.user_data.client_ip_address], [undefined, undefined], 'what is not an address is not sent as one');
});

test('a custom JSON template: POST, numbers stay numbers, e-mail normalised before hashing', () => {
  const custom = configured({ preset: 'custom', method: 'POST', body: { id: '{click_id}', value: '{price}', who: '{sha256_email}', note: 'order {transaction}' } }, 'https://api.example.com/conversions');
  const event = sale('PURCHASE_APPROVED', { gclid: 'Cj0KCQ' });
  const data = JSON.parse(event.data);
  data.buyer.email = '  Ana.Souza@Example.COM ';
  const rendered = render(custom, { ...event, data: JSON.stringify(data) });
  assert.deepEqual(JSON.parse(rendered.body), { id: 'Cj0KCQ', value: 497, who: sha256('ana.souza@example.com'), note: 'order HP17416165852291' });
});

test('a configuration that uses {click_id} skips sales without one, with the reason', () => {
  const mgid = configured({ preset: 'mgid' }).config;
  assert.equal(conversionSkipReason(mgid, {}), 'no_click_id');
  assert.equal(conversionSkipReason(mgid, { utm_source: 'mgid' }), 'no_click_id', 'utm parameters are not a click id');
  assert.equal(conversionSkipReason(mgid, { sck: 'MGID_ClickId_AbC' }), null);
  const noClick = configured({ preset: 'custom' }, 'https://track.example/pb?src={utm_source}').config;
  assert.equal(conversionSkipReason(noClick, {}), null, 'a template without {click_id} is always sent');
});

test('mistakes are named by field before anything is stored', () => {
  const issues = (input: Partial<ConversionInput> & { preset: ConversionPreset }, url?: string, events?: string[]) => {
    const result = configureConversion({ goals: { PURCHASE_APPROVED: 'purchase' }, ...input }, url, events);
    return 'issues' in result ? result.issues.map((issue) => issue.path) : [];
  };
  assert.deepEqual(issues({ preset: 'custom' }, 'https://t.example/pb?x={clickid}'), ['body.url'], 'unknown macro');
  assert.deepEqual(issues({ preset: 'custom' }), ['body.url'], 'a custom template needs its URL');
  assert.deepEqual(issues({ preset: 'custom' }, 'https://{utm_source}.example/pb'), ['body.url'], 'no macro in the host');
  assert.deepEqual(issues({ preset: 'mgid' }, 'https://a.mgid.com/postback'), ['body.url'], 'a preset builds its URL');
  assert.deepEqual(issues({ preset: 'voluum' }), ['body.postback.base_url'], 'Voluum needs the tracking domain');
  assert.deepEqual(issues({ preset: 'meta' }), ['body.postback.pixel_id', 'body.postback.access_token']);
  assert.deepEqual(issues({ preset: 'mgid', goals: { PURCHASE_APPROVED: 'a', PURCHASE_COMPLETE: 'b', PURCHASE_REFUNDED: 'c', PURCHASE_CHARGEBACK: 'd' } }), ['body.postback.goals'], 'MGID: up to three goals');
  assert.deepEqual(issues({ preset: 'mgid' }, undefined, ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED']), ['body.postback.goals'], 'every subscribed event needs a goal');
  assert.deepEqual(issues({ preset: 'custom', body: { a: 1 } }, 'https://t.example/pb'), ['body.postback.body'], 'a body needs POST');
});

test('the history masks a credential wherever the request carries it: as is, URL-encoded, JSON-escaped', () => {
  const token = 'EAAB"quoted\\slash/plus+Tail';
  const meta = configured({ preset: 'meta', base_url: 'https://graph.example/v21.0/{pixel_id}/events', pixel_id: '123', access_token: token, goals: { PURCHASE_APPROVED: 'Purchase' } });
  const sent = render(meta, sale('PURCHASE_APPROVED', { fbclid: 'abc' }));
  for (const text of [sent.url, sent.body]) {
    const masked = maskConversionSecrets(text, meta.config);
    assert.ok(!masked.includes('quoted'), masked);
  }
  assert.ok(maskConversionSecrets(sent.body, meta.config).includes('********Tail'));
});

test('Meta: only the approval\'s event_id is the transaction (the browser pixel\'s order id); a refund\'s is its own, so Meta\'s dedup never drops it', () => {
  const meta = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', goals: { PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: 'Refund', PURCHASE_CHARGEBACK: 'Chargeback' } });
  const eventOf = (event: EventName) => JSON.parse(render(meta, sale(event, { fbclid: 'IwAR2xYz_AbC' })).body).data[0];
  assert.deepEqual([eventOf('PURCHASE_APPROVED').event_name, eventOf('PURCHASE_APPROVED').event_id], ['Purchase', 'HP17416165852291']);
  assert.deepEqual([eventOf('PURCHASE_REFUNDED').event_name, eventOf('PURCHASE_REFUNDED').event_id], ['Refund', 'HP17416165852291-PURCHASE_REFUNDED']);
  assert.equal(eventOf('PURCHASE_CHARGEBACK').event_id, 'HP17416165852291-PURCHASE_CHARGEBACK');
  assert.equal(eventOf('PURCHASE_REFUNDED').custom_data.value, 497, 'no negative value');
});

test('Meta refuses a refund as a negative Purchase, and any other event under Purchase: each would be deduped or counted as a sale', () => {
  const paths = (goals: ConversionInput['goals']) => {
    const result = configureConversion({ preset: 'meta', pixel_id: '1', access_token: 't', goals }, undefined, undefined);
    return 'issues' in result ? result.issues.map((issue) => `${issue.path}: ${issue.message}`) : [];
  };
  const negative = paths({ PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: { goal: 'Purchase', negative_value: true } });
  assert.equal(negative.length, 1, negative.join('\n'));
  assert.match(negative[0]!, /^body\.postback\.goals: PURCHASE_REFUNDED: Meta has no negative values; map it to a custom event/);
  assert.match(paths({ PURCHASE_APPROVED: 'Purchase', PURCHASE_COMPLETE: 'Purchase' })[0]!, /^body\.postback\.goals: PURCHASE_COMPLETE: only PURCHASE_APPROVED may post Purchase/);
  assert.equal(paths({ PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: { goal: 'Refund', negative_value: true } }).length, 1, 'a negative value under any name');
  assert.deepEqual(paths({ PURCHASE_APPROVED: 'Purchase', PURCHASE_REFUNDED: 'Refund' }), []);
  // other networks keep the "same goal, negative value" pattern
  assert.ok(!('issues' in configureConversion({ preset: 'taboola', goals: { PURCHASE_APPROVED: 'purchase', PURCHASE_REFUNDED: { goal: 'purchase', negative_value: true } } }, undefined, undefined)));
});

test('Meta: a test carries the Test Events code, a sale never does; a test without a code is never rendered for Meta', () => {
  const withCode = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', test_event_code: 'TEST4821', goals: { PURCHASE_APPROVED: 'Purchase' } });
  const realSale = sale('PURCHASE_APPROVED', {});
  const testSale = { ...realSale, isTest: true };
  assert.equal(JSON.parse(render(withCode, testSale).body).test_event_code, 'TEST4821');
  assert.equal(JSON.parse(render(withCode, realSale).body).test_event_code, undefined, 'a real sale counts');
  assert.equal(skipReasonOf(testSale, withCode.config, soon), null);
  const withoutCode = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', goals: { PURCHASE_APPROVED: 'Purchase' } });
  assert.equal(skipReasonOf(testSale, withoutCode.config, soon), 'no_test_event_code', 'a test whose code was removed since fails closed');
  assert.equal(skipReasonOf(realSale, withoutCode.config, soon), null);
  const mgidResult = configureConversion({ preset: 'mgid', test_event_code: 'TEST1', goals: { PURCHASE_APPROVED: 'purchase' } }, undefined, undefined);
  assert.deepEqual('issues' in mgidResult ? mgidResult.issues.map((issue) => issue.path) : [], ['body.postback.test_event_code']);
});

test('Meta: an event older than its 7-day window is not sent (event_too_old), whatever the attempt or resend; other networks take any age', () => {
  const meta = configured({ preset: 'meta', pixel_id: '1234567890', access_token: 'EAAB-token-0123456789', test_event_code: 'TEST4821', goals: { PURCHASE_APPROVED: 'Purchase' } });
  const approved = sale('PURCHASE_APPROVED', { fbclid: 'IwAR2xYz_AbC' });
  assert.equal(skipReasonOf(approved, meta.config, approved.creationDate + days(7)), null, 'seven days old: Meta still takes it');
  assert.equal(skipReasonOf(approved, meta.config, approved.creationDate + days(7) + 1), 'event_too_old');
  assert.equal(skipReasonOf({ ...approved, isTest: true }, meta.config, approved.creationDate + days(30)), 'event_too_old', 'a test too');
  assert.deepEqual(eventAgeLimit(meta.config), { network: 'Meta Conversions API', maxAgeMs: days(7) });
  const mgid = configured({ preset: 'mgid' });
  assert.equal(skipReasonOf(sale('PURCHASE_APPROVED', { sck: 'MGID_1' }), mgid.config, approved.creationDate + days(60)), null);
  assert.equal(eventAgeLimit(mgid.config), null);
});

test('a stored credential is kept only while the postback stays on the origin it was given for', () => {
  const kept = { secrets: { access_token: 'EAAB-stored-token' }, url: 'https://graph.facebook.com/v21.0/123/events' };
  const change = (input: Partial<ConversionInput>) => {
    const result = configureConversion({ preset: 'meta', pixel_id: '123', goals: { PURCHASE_APPROVED: 'Purchase' }, ...input }, undefined, undefined, kept);
    return 'issues' in result ? result.issues.map((issue) => issue.path) : result.config.secrets;
  };
  assert.deepEqual(change({}), { access_token: 'EAAB-stored-token' }, 'same host: kept');
  assert.deepEqual(change({ base_url: 'https://attacker.example/{pixel_id}' }), ['body.postback.access_token']);
  assert.deepEqual(change({ base_url: 'http://graph.facebook.com/v21.0/{pixel_id}/events' }), ['body.postback.access_token'], 'no downgrade to clear text');
  assert.deepEqual(change({ base_url: 'https://attacker.example/{pixel_id}', access_token: 'EAAB-new' }), { access_token: 'EAAB-new' });
});
