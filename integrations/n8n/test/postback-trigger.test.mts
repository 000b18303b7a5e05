// The n8n trigger against a LIVE `postback serve` (a real process on 127.0.0.1): its webhookMethods subscribe,
// check and unsubscribe a REST hook as n8n calls them on activation and deactivation, and webhook() turns each
// delivery (signature checked) into the workflow's item. n8n itself is replaced by test/harness.mts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createRequire } from 'node:module';
import type { IDataObject } from 'n8n-workflow';
import { PostbackApi } from '../dist/credentials/PostbackApi.credentials.js';
import { PostbackTrigger } from '../dist/nodes/PostbackTrigger/PostbackTrigger.node.js';
import { eventually, startHttpReceiver, startLivePostback } from '../../../test/helpers/live-postback.ts';
import type { LivePostback } from '../../../test/helpers/live-postback.ts';
import type { Receiver } from '../../../test/helpers/hostile-receivers.ts';
import { hookFunctions, webhookFunctions } from './harness.mts';
import type { Reply, Workflow } from './harness.mts';

// n8n-workflow's own expression engine, from its CommonJS build (its ESM build does not load in plain Node)
const { Expression } = createRequire(import.meta.url)('n8n-workflow') as typeof import('n8n-workflow');
const trigger = new PostbackTrigger();
const methods = trigger.webhookMethods.default;
let postback: LivePostback;
let n8n: Receiver;
let sentinel: Receiver;
let workflow: Workflow;

before(async () => {
  postback = await startLivePostback();
  // stands in for n8n's webhook endpoint: what arrives is handed to webhook() below
  n8n = await startHttpReceiver((_req, res) => res.end());
  sentinel = await startHttpReceiver((_req, res) => res.end());
  await postback.call('POST', '/api/v1/webhooks', { name: 'sentinel', url: sentinel.url, events: ['PURCHASE_APPROVED'] });
  workflow = {
    staticData: {},
    parameters: { event: 'order', products: '' },
    credentials: { url: `${postback.url}/api/v1/`, clientId: postback.account.client_id, clientSecret: postback.account.client_secret },
    webhookUrl: `${n8n.url}/webhook/4f1c/webhook`,
  };
});
after(async () => {
  await n8n?.[Symbol.asyncDispose]();
  await sentinel?.[Symbol.asyncDispose]();
  await postback?.[Symbol.asyncDispose]();
});

const publish = async (event: string) => {
  const data = (await postback.call('GET', `/api/v1/catalog/${event}`)).body.sample;
  const answer = await postback.call('POST', '/api/v1/events', { event, data });
  assert.equal(answer.status, 202, answer.text);
  return answer.body.id as string;
};
const run = async (index: number, tamper = (body: string) => body) => {
  const request = n8n.requests[index]!;
  const reply: Reply = { statusCode: 200, body: undefined };
  const result = await trigger.webhook.call(webhookFunctions(workflow, { headers: request.headers, rawBody: Buffer.from(tamper(request.body.toString('utf8'))) }, reply));
  return { result, reply };
};

test('activation creates the hook, checkExists finds it, and each delivery becomes the workflow item (signature checked)', async () => {
  const hooks = hookFunctions(workflow);
  assert.equal(await methods.checkExists.call(hooks), false, 'nothing subscribed yet');
  assert.equal(await methods.create.call(hooks), true);
  assert.match(String(workflow.staticData.webhookId), /^[0-9a-f-]{36}$/);
  assert.match(String(workflow.staticData.webhookSecret), /^whsec_/);
  assert.equal(await methods.checkExists.call(hooks), true);
  const hook = (await postback.call('GET', `/api/v1/hooks/${workflow.staticData.webhookId}`)).body;
  assert.deepEqual([hook.event, hook.target_url, hook.name], ['order', workflow.webhookUrl, 'n8n: Postback Trigger']);

  const eventId = await publish('PURCHASE_APPROVED');
  await eventually('the sale at n8n', () => (n8n.requests.length === 1 ? true : undefined));
  assert.equal(n8n.requests[0]!.url, '/webhook/4f1c/webhook');
  const { result } = await run(0);
  const [[item]] = result.workflowData as [[{ json: Record<string, unknown> }]];
  assert.equal(item.json.id, eventId);
  assert.equal(item.json.event, 'PURCHASE_APPROVED');
  assert.equal(item.json.status, 'APPROVED');
  assert.equal(item.json.buyer_email, (await postback.call('GET', '/api/v1/catalog/PURCHASE_APPROVED')).body.sample.buyer.email, 'the sale as the catalogue samples it');
  assert.equal((item.json.data as { purchase: { transaction: string } }).purchase.transaction, item.json.transaction);

  const forged = await run(0, (body) => body.replace('APPROVED', 'REFUNDED'));
  assert.deepEqual(forged.result, { noWebhookResponse: true }, 'a forged body starts nothing');
  assert.equal(forged.reply.statusCode, 401);
});

test('changing the trigger replaces the hook; a hook deleted in Postback is forgotten and made again', async () => {
  const hooks = hookFunctions(workflow);
  const first = workflow.staticData.webhookId;
  workflow.parameters.event = 'cart_abandonment';
  assert.equal(await methods.checkExists.call(hooks), false, 'a hook for another trigger does not count');
  assert.equal(await methods.create.call(hooks), true);
  assert.equal((await postback.call('GET', `/api/v1/hooks/${first}`)).status, 404, 'the old one was deleted');
  const items = (await postback.call('GET', '/api/v1/hooks')).body.items;
  assert.deepEqual(items.map((h: { id: string; event: string }) => [h.id, h.event]), [[workflow.staticData.webhookId, 'cart_abandonment']]);

  await publish('PURCHASE_OUT_OF_SHOPPING_CART');
  await eventually('the abandoned cart at n8n', () => (n8n.requests.length === 2 ? true : undefined));
  const [[cart]] = (await run(1)).result.workflowData as [[{ json: Record<string, unknown> }]];
  assert.equal(cart.json.event, 'PURCHASE_OUT_OF_SHOPPING_CART');

  assert.equal((await postback.call('DELETE', `/api/v1/hooks/${workflow.staticData.webhookId}`)).status, 204);
  assert.equal(await methods.checkExists.call(hooks), false);
  assert.equal(workflow.staticData.webhookId, undefined);
  workflow.parameters.event = 'order';
  assert.equal(await methods.create.call(hooks), true);
});

test('a rotated client secret: the cached token answers 401 and the node exchanges the new credentials again', async () => {
  const rotated = (await postback.call('POST', '/api/v1/account/rotate-client-secret')).body;
  // the live helper signs its own calls with the new secret from now on
  Object.assign(postback.account, { client_secret: rotated.client_secret, basic: rotated.basic });
  workflow.credentials.clientSecret = rotated.client_secret;
  assert.equal(await methods.checkExists.call(hookFunctions(workflow)), true);
  const wrong = { ...workflow, credentials: { ...workflow.credentials, clientId: 'no-such-client' } };
  await assert.rejects(methods.create.call(hookFunctions(wrong)), /did not accept the Client ID and Client Secret/);
});

test('a hook Postback disabled counts as gone: checkExists deletes it and the node subscribes again', async () => {
  const hooks = hookFunctions(workflow);
  const disabled = workflow.staticData.webhookId;
  // what Postback's auto-disable leaves (one NXDOMAIN, or failures past POSTBACK_DISABLE_AFTER_FAILURES): the hook
  // kept, answering 200 with enabled:false, and every event skipped for it
  assert.equal((await postback.call('PATCH', `/api/v1/webhooks/${disabled}`, { enabled: false })).status, 200);
  assert.equal((await postback.call('GET', `/api/v1/hooks/${disabled}`)).body.enabled, false);
  assert.equal(await methods.checkExists.call(hooks), false, 'a disabled hook receives nothing: n8n must subscribe again');
  assert.equal(workflow.staticData.webhookId, undefined);
  assert.equal((await postback.call('GET', `/api/v1/hooks/${disabled}`)).status, 404, 'deleted, not left behind');
  assert.equal(await methods.create.call(hooks), true);
  assert.notEqual(workflow.staticData.webhookId, disabled);
  assert.equal(await methods.checkExists.call(hooks), true);
  const before = n8n.requests.length;
  await publish('PURCHASE_APPROVED');
  await eventually('the sale at n8n again', () => (n8n.requests.length === before + 1 ? true : undefined));
});

test('Client ID and Client Secret pasted with spaces around them work, as the URL does (trimmed)', async () => {
  const rotated = (await postback.call('POST', '/api/v1/account/rotate-client-secret')).body;
  Object.assign(postback.account, { client_secret: rotated.client_secret, basic: rotated.basic });
  workflow.credentials = { url: ` ${postback.url}/api/v1/ `, clientId: ` ${postback.account.client_id} `, clientSecret: `${rotated.client_secret}\n` };
  assert.equal(await methods.checkExists.call(hookFunctions(workflow)), true);
});

test('a changed product filter replaces the hook, as a changed trigger does', async () => {
  const hooks = hookFunctions(workflow);
  assert.equal((await postback.call('POST', '/api/v1/products', { id: '3718245', name: 'Curso' })).status, 201);
  const all = workflow.staticData.webhookId;
  workflow.parameters.products = '3718245';
  assert.equal(await methods.checkExists.call(hooks), false, 'a hook for all products is not the one asked for');
  assert.equal((await postback.call('GET', `/api/v1/hooks/${all}`)).status, 404, 'the old one was deleted');
  assert.equal(await methods.create.call(hooks), true);
  assert.deepEqual((await postback.call('GET', `/api/v1/hooks/${workflow.staticData.webhookId}`)).body.products, ['3718245']);
  workflow.parameters.products = ' 3718245 ,';
  assert.equal(await methods.checkExists.call(hooks), true, 'the same product, written differently');
  workflow.parameters.products = '';
  assert.equal(await methods.checkExists.call(hooks), false);
  assert.equal(await methods.create.call(hooks), true);
  assert.equal((await postback.call('GET', `/api/v1/hooks/${workflow.staticData.webhookId}`)).body.products, 'all');
});

test('a workflow that lost its static data subscribes again and gets its existing hook back, not a second one', async () => {
  const hooks = hookFunctions(workflow);
  const kept = { ...workflow.staticData };
  workflow.staticData = {};
  assert.equal(await methods.checkExists.call(hookFunctions(workflow)), false);
  assert.equal(await methods.create.call(hookFunctions(workflow)), true);
  assert.deepEqual([workflow.staticData.webhookId, workflow.staticData.webhookSecret], [kept.webhookId, kept.webhookSecret]);
  assert.equal((await postback.call('GET', '/api/v1/hooks')).body.items.length, 1);
  assert.equal(await methods.checkExists.call(hooks), true);
});

test('deactivation deletes the hook; nothing more reaches n8n', async () => {
  const hooks = hookFunctions(workflow);
  const id = workflow.staticData.webhookId;
  assert.equal(await methods.delete.call(hooks), true);
  assert.equal(workflow.staticData.webhookId, undefined);
  assert.equal((await postback.call('GET', `/api/v1/hooks/${id}`)).status, 404);
  assert.equal(await methods.delete.call(hooks), true, 'deleting again is a no-op');
  const before = { n8n: n8n.requests.length, sentinel: sentinel.requests.length };
  await publish('PURCHASE_APPROVED');
  await eventually('the sale at the sentinel', () => (sentinel.requests.length > before.sentinel ? true : undefined));
  assert.equal(n8n.requests.length, before.n8n);
});

test('the node offers every catalogue event and the four named triggers', async () => {
  const offered = (trigger.description.properties[0]!.options as { value: string }[]).map((option) => option.value);
  const catalogue = (await postback.call('GET', '/api/v1/catalog')).body.events.map((event: { name: string }) => event.name);
  assert.deepEqual(offered, ['order', 'cart_abandonment', 'plan_change', 'subscription_cancellation', ...catalogue]);
});

test('the credential\'s Test button (its test request, as n8n evaluates it) works for every URL the node accepts', async () => {
  const { request } = new PostbackApi().test;
  // a value starting with = is an expression: n8n's own engine resolves it, with $credentials and its usual globals
  const evaluate = (value: unknown, credentials: Workflow['credentials']) => {
    if (typeof value !== 'string' || !value.startsWith('=')) return value as string;
    const data: IDataObject = { $credentials: credentials };
    Expression.initializeGlobalContext(data);
    return String(Expression.resolveWithoutWorkflow(value.slice(1), data));
  };
  for (const url of [postback.url, `${postback.url}/`, `${postback.url}/api/v1/`, ` ${postback.url}/api/v1 `]) {
    const credentials = { url, clientId: ` ${postback.account.client_id}`, clientSecret: `${postback.account.client_secret} ` };
    const address = new URL(`${evaluate(request.baseURL, credentials)}${request.url}`);
    for (const [key, value] of Object.entries(request.qs ?? {})) address.searchParams.set(key, String(value));
    const basic = Buffer.from(`${evaluate(request.auth!.username, credentials)}:${evaluate(request.auth!.password, credentials)}`).toString('base64');
    const answer = await fetch(address, { method: request.method, headers: { authorization: `Basic ${basic}` } });
    assert.equal(answer.status, 200, `${JSON.stringify(url)}: ${await answer.text()}`);
  }
});
