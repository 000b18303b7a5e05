// The webhooks screen's dialogs on conversion postbacks, in Chromium against a real Postback, desktop in English and
// phone in pt-BR. "Send test" says what the network does with the test: a Meta postback without a Test Events code
// offers no test (it would count as a real purchase) and takes the code right there; one with it sends the code and
// says so; another network's is said to reach the network as a real conversion. The code is set, changed and cleared
// on the screen (test and edit dialogs), only by those who may change webhooks, and is there after a reload. "Edit"
// on a postback made through the API (Meta) says to change the rest through the API, not on the Ad tracking screen,
// which only has MGID's. A conversion delivery's history says what it masks (Meta's access token; nothing for MGID,
// never the hottok it does not carry), and its curl command replays it: the token from $META_ACCESS_TOKEN, a GET as a GET.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { createUser } from '../../src/accounts/create-user.ts';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import type { ReceivedRequest } from '../helpers/hostile-receivers.ts';
import { eventually, startPlatform } from '../helpers/platform.ts';
import { ensureDashboardBuilt } from './built-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { member, pageIn, shot, signIn, views, watchForErrors, wordsOf } from './dashboard-helpers.ts';
import type { Member, View } from './dashboard-helpers.ts';

test('conversion postbacks: the test dialog tells the truth about the network, and Edit says where a postback is changed', { timeout: 180_000 }, async (t) => {
  await using browser = await launchChromium(t);
  if (!browser) return;
  ensureDashboardBuilt();
  await using platform = await startPlatform();
  await using graph = await startHttpReceiver((_request, response) => { response.setHeader('content-type', 'application/json'); response.end('{"events_received":1}'); });
  const producer = await member(platform, 'Escola da Bia', 'producer', 'bia@example.com');
  const meta = (name: string, extra: Record<string, unknown>) => producer.call('POST', '/api/v1/webhooks', {
    name, version: 'postback',
    postback: { preset: 'meta', base_url: `${graph.url}/v21.0/{pixel_id}/events`, pixel_id: '1234567890', access_token: 'EAAB-token-5566', goals: { PURCHASE_APPROVED: 'Purchase' }, ...extra },
  });
  const withoutCode = await meta('Meta sem código', {});
  assert.equal(withoutCode.status, 201, withoutCode.text);
  const withCode = await meta('Meta com código', { test_event_code: 'TEST4821' });
  assert.equal(withCode.status, 201);
  const mgid = await producer.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${graph.url}/mgid`, goals: { PURCHASE_APPROVED: 'purchase' } } });
  assert.equal(mgid.status, 201);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
  const ids = { meta: withoutCode.body.id, metaWithCode: withCode.body.id, mgid: mgid.body.id };
  for (const view of views) {
    await t.test(view.name, (inView) => dialogsIn(inView, browser.context, view, { url: platform.url, producer, graph: graph.requests, ids }));
  }

  await t.test('a viewer gets no way to change the Test Events code', async () => {
    const viewer = { email: 'leitora@example.com', password: 'a good password' };
    await createUser(platform.store, { accountId: producer.accountId, ...viewer, role: 'viewer' }, Date.now());
    const say = wordsOf(views[0]!.locale);
    const page = await pageIn(browser.context, views[0]!);
    await signIn(page, platform.url, viewer);
    await page.goto(`${platform.url}/webhooks`);
    const card = page.getByRole('article', { name: 'Meta com código' });
    await card.getByRole('link', { name: say('nav.history') }).waitFor();
    assert.equal(await card.getByRole('button', { name: say('webhooks.sendTest') }).count(), 0);
    assert.equal(await card.getByRole('button', { name: say('common.edit') }).count(), 0);
    assert.equal(await page.getByLabel(say('testEventCode.label')).count(), 0);
    await page.close();
  });
});

type Setting = { url: string; producer: Member; graph: ReceivedRequest[]; ids: { meta: string; metaWithCode: string; mgid: string } };

async function dialogsIn(t: TestContext, context: BrowserContext, view: View, { url, producer, graph, ids }: Setting): Promise<void> {
  const metaId = ids.meta;
  const say = wordsOf(view.locale);
  // what a rich text says after the address it names (the event's name and the address vary)
  const afterUrl = (key: string) => say(key).split('{url}')[1]!.trim();
  const page = await pageIn(context, view);
  const errors = watchForErrors(page);
  await signIn(page, url, producer);
  const openTest = async (configuration: string) => {
    await page.goto(`${url}/webhooks`);
    await page.getByRole('article', { name: configuration }).getByRole('button', { name: say('webhooks.sendTest') }).click();
    return page.getByRole('dialog', { name: say('sendTest.title') });
  };

  await t.test('a Meta postback without a Test Events code offers no test, and says how to set the code', async () => {
    const before = graph.length;
    const dialog = await openTest('Meta sem código');
    await dialog.getByText(say('sendTest.needsTestEventCode')).waitFor();
    assert.equal(await dialog.getByText(afterUrl('sendTest.textMeta')).count(), 0, 'no promise of a code it does not have');
    assert.equal(await dialog.getByRole('button', { name: say('sendTest.submit') }).isDisabled(), true);
    await shot(page, `meta-test-needs-code-${view.name}`);
    assert.equal(graph.length, before, 'nothing reached Meta');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
  });

  await t.test('a Meta postback with its code sends the test with it, and says so', async () => {
    const before = graph.length;
    const dialog = await openTest('Meta com código');
    await dialog.getByText(afterUrl('sendTest.textMeta')).waitFor();
    await dialog.getByRole('button', { name: say('sendTest.submit') }).click();
    await dialog.getByRole('heading', { name: say('sendTest.answer') }).waitFor();
    await eventually('the test at the graph', () => (graph.length === before + 1 ? true : undefined));
    assert.equal(JSON.parse(graph[before]!.body.toString('utf8')).test_event_code, 'TEST4821');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
  });

  await t.test('the Test Events code is set, changed and cleared on the screen, and is there after a reload', async () => {
    const code = `TEST${view.name.startsWith('en') ? 'EN' : 'PT'}77`;
    const stored = async () => (await producer.call('GET', `/api/v1/webhooks/${metaId}`)).body;
    // everything but the code (and the time of the change)
    const rest = ({ updated_at: _changed, postback: { test_event_code: _code, ...postback }, ...webhook }: Record<string, any>) => ({ ...webhook, postback });
    const before = await stored();
    let dialog = await openTest('Meta sem código');
    const field = () => dialog.getByLabel(say('testEventCode.label'));
    await dialog.getByText(say('sendTest.needsTestEventCode')).waitFor();
    assert.equal(await field().inputValue(), '');
    // a code Events Manager never shows: said next to the field, nothing saved
    await field().fill('TEST 12');
    await dialog.getByRole('button', { name: say('testEventCode.save') }).click();
    await dialog.getByText(say('testEventCode.invalid')).waitFor();
    assert.equal((await stored()).postback.test_event_code, undefined);
    await field().fill(code);
    await dialog.getByRole('button', { name: say('testEventCode.save') }).click();
    await dialog.getByText(say('testEventCode.saved')).waitFor();
    // the test is offered now, and says it carries the code
    await dialog.getByText(afterUrl('sendTest.textMeta')).waitFor();
    assert.equal(await dialog.getByRole('button', { name: say('sendTest.submit') }).isDisabled(), false);
    const saved = await stored();
    assert.equal(saved.postback.test_event_code, code);
    assert.deepEqual(rest(saved), rest(before), 'only the code changed: the URL (its pixel), events, goals and the stored token are kept');
    await shot(page, `meta-test-code-saved-${view.name}`);
    const sent = graph.length;
    await dialog.getByRole('button', { name: say('sendTest.submit') }).click();
    await dialog.getByRole('heading', { name: say('sendTest.answer') }).waitFor();
    await eventually('the test at the graph', () => (graph.length === sent + 1 ? true : undefined));
    const body = JSON.parse(graph[sent]!.body.toString('utf8'));
    assert.deepEqual([body.test_event_code, body.access_token], [code, 'EAAB-token-5566'], 'the new code, and the token it kept');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();

    // after a reload: there, in both dialogs; changed, then cleared, from Edit
    dialog = await openTest('Meta sem código');
    assert.equal(await field().inputValue(), code);
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
    await page.getByRole('article', { name: 'Meta sem código' }).getByRole('button', { name: say('common.edit') }).click();
    dialog = page.getByRole('dialog', { name: say('webhooks.editTitle') });
    assert.equal(await field().inputValue(), code);
    await field().fill('TEST999');
    await dialog.getByRole('button', { name: say('testEventCode.save') }).click();
    await dialog.getByText(say('testEventCode.saved')).waitFor();
    assert.equal((await stored()).postback.test_event_code, 'TEST999');
    await field().fill('');
    await dialog.getByRole('button', { name: say('testEventCode.remove') }).click();
    await dialog.getByText(say('testEventCode.removed')).waitFor();
    assert.deepEqual(rest(await stored()), rest(before));
    assert.equal((await stored()).postback.test_event_code, undefined);
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
    dialog = await openTest('Meta sem código');
    await dialog.getByText(say('sendTest.needsTestEventCode')).waitFor();
    assert.equal(await field().inputValue(), '');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
  });

  /** A test send of this configuration through the API: the request the graph got, once the history has it as delivered. */
  const sendTest = async (webhookId: string) => {
    const before = graph.length;
    const sent = await producer.call('POST', `/api/v1/webhooks/${webhookId}/test`, { event: 'PURCHASE_APPROVED' });
    assert.equal(sent.status, 202, sent.text);
    await eventually('the test at the graph', () => (graph.length === before + 1 ? true : undefined));
    await eventually('delivered', async () => ((await producer.call('GET', `/api/v1/deliveries/${sent.body.delivery.id}`)).body.status === 'delivered' ? true : undefined));
    return { id: sent.body.delivery.id as string, request: graph[before]! };
  };
  const copyCurl = async () => {
    await page.getByRole('button', { name: say('delivery.copyCurl'), exact: true }).click();
    return await page.evaluate('navigator.clipboard.readText()') as string;
  };
  const hotmartWords = ['delivery.headersCaption', 'delivery.exactLabel', 'delivery.curlHint'];

  await t.test('a Meta delivery says its access token is masked, not a hottok, and its curl reads it from $META_ACCESS_TOKEN', async () => {
    const { id, request } = await sendTest(ids.metaWithCode);
    await page.goto(`${url}/history/${id}`);
    await page.getByText(say('delivery.exactLabelToken'), { exact: true }).waitFor();
    await page.getByText(say('delivery.headersCaptionPlain'), { exact: true }).waitFor();
    await page.getByText(say('delivery.curlHintToken', { variable: 'META_ACCESS_TOKEN' }), { exact: true }).waitFor();
    for (const key of hotmartWords) assert.equal(await page.getByText(say(key)).count(), 0, `no ${key}: a conversion carries no hottok`);
    await page.locator('pre', { hasText: '"access_token":"********5566"' }).waitFor();
    await shot(page, `meta-delivery-${view.name}`);
    const curl = await copyCurl();
    assert.doesNotMatch(curl, /\*{8}/, 'no masked token left in the command');
    const count = graph.length;
    await promisify(execFile)('sh', ['-c', curl], { env: { ...process.env, META_ACCESS_TOKEN: 'EAAB-token-5566' }, timeout: 10_000 });
    const replayed = graph[count]!;
    assert.deepEqual([replayed.method, replayed.url, replayed.body.toString('utf8')], [request.method, request.url, request.body.toString('utf8')], 'the same request, the real token in it');
  });

  await t.test('an MGID delivery says nothing is masked, and copies as the GET it was', async () => {
    const { id, request } = await sendTest(ids.mgid);
    assert.equal(request.method, 'GET');
    await page.goto(`${url}/history/${id}`);
    await page.getByText(say('delivery.exactLabelPlain'), { exact: true }).waitFor();
    await page.getByText(say('delivery.headersCaptionPlain'), { exact: true }).waitFor();
    for (const key of hotmartWords) assert.equal(await page.getByText(say(key)).count(), 0, `no ${key}: a conversion carries no hottok`);
    for (const variable of ['META_ACCESS_TOKEN', 'POSTBACK_ACCESS_TOKEN']) assert.equal(await page.getByText(say('delivery.curlHintToken', { variable })).count(), 0, 'no variable to set');
    const curl = await copyCurl();
    assert.match(curl, /^curl -X GET /);
    assert.doesNotMatch(curl, /--data-binary/);
    const count = graph.length;
    await promisify(execFile)('sh', ['-c', curl], { timeout: 10_000 });
    assert.deepEqual([graph[count]!.method, graph[count]!.url, graph[count]!.body.length], ['GET', request.url, 0]);
  });

  await t.test('another network\'s test is said to reach it as a real conversion', async () => {
    const dialog = await openTest('MGID');
    await dialog.getByText(afterUrl('sendTest.textConversion')).waitFor();
    assert.equal(await dialog.getByText(afterUrl('sendTest.text')).count(), 0, 'not "marked as a test" alone');
    await dialog.getByRole('button', { name: say('common.close'), exact: true }).last().click();
  });

  await t.test('Edit on a postback made through the API says to change it through the API; MGID\'s points to Ad tracking', async () => {
    await page.goto(`${url}/webhooks`);
    await page.getByRole('article', { name: 'Meta sem código' }).getByRole('button', { name: say('common.edit') }).click();
    const form = page.getByRole('dialog', { name: say('webhooks.editTitle') });
    await form.getByText(say('webhookForm.postbackApi', { id: metaId })).waitFor();
    assert.equal(await form.getByRole('link', { name: say('nav.tracking') }).count(), 0, 'no way to a screen that cannot edit it');
    await shot(page, `meta-edit-api-${view.name}`);
    await form.getByRole('button', { name: say('common.close'), exact: true }).last().click();
    await page.getByRole('article', { name: 'MGID' }).getByRole('button', { name: say('common.edit') }).click();
    await form.getByRole('link', { name: say('nav.tracking') }).waitFor();
  });

  await t.test('the Ad tracking screen names the postbacks it does not edit', async () => {
    await page.goto(`${url}/tracking`);
    const names = new Intl.ListFormat(view.locale, { type: 'conjunction' }).format(['Meta sem código', 'Meta com código']);
    await page.getByText(say('tracking.otherPostbacks', { names })).waitFor();
  });
  assert.deepEqual(errors, []);
}
