// The webhooks screen's dialogs on conversion postbacks, in Chromium against a real Postback, desktop in English and
// phone in pt-BR. "Send test" says what the network does with the test: a Meta postback without a Test Events code
// offers no test (it would count as a real purchase) and says how to set the code; one with it sends the code and
// says so; another network's is said to reach the network as a real conversion. "Edit" on a postback made through
// the API (Meta) says to change it through the API, not on the Ad tracking screen, which only has MGID's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import type { BrowserContext } from 'playwright-core';
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
  assert.equal((await meta('Meta com código', { test_event_code: 'TEST4821' })).status, 201);
  assert.equal((await producer.call('POST', '/api/v1/webhooks', { name: 'MGID', version: 'postback', postback: { preset: 'mgid', base_url: `${graph.url}/mgid`, goals: { PURCHASE_APPROVED: 'purchase' } } })).status, 201);
  for (const view of views) {
    await t.test(view.name, (inView) => dialogsIn(inView, browser.context, view, { url: platform.url, producer, graph: graph.requests, metaId: withoutCode.body.id }));
  }
});

type Setting = { url: string; producer: Member; graph: ReceivedRequest[]; metaId: string };

async function dialogsIn(t: TestContext, context: BrowserContext, view: View, { url, producer, graph, metaId }: Setting): Promise<void> {
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
    await dialog.getByText(say('sendTest.needsTestEventCode', { id: metaId })).waitFor();
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
