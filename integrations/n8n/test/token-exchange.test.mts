// The node's token exchange against a LIVE `postback serve`: executions that need a token at the same time share one
// exchange (POST /oauth/token), a cached token serves only the credentials that got it (the whole of URL, Client ID
// and Client Secret), and a 429 there is reported as a rate limit, not as wrong credentials.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { PostbackTrigger } from '../dist/nodes/PostbackTrigger/PostbackTrigger.node.js';
import { startLivePostback } from '../../../test/helpers/live-postback.ts';
import type { LivePostback } from '../../../test/helpers/live-postback.ts';
import { hookFunctions } from './harness.mts';
import type { Workflow } from './harness.mts';

const methods = new PostbackTrigger().webhookMethods.default;
let postback: LivePostback;
let exchanges = 0;

before(async () => { postback = await startLivePostback(); });
after(async () => { await postback?.[Symbol.asyncDispose](); });

const workflowFor = (index: number, credentials?: Partial<Workflow['credentials']>): Workflow => ({
  staticData: {},
  parameters: { event: 'order', products: '' },
  credentials: { url: postback.url, clientId: postback.account.client_id, clientSecret: postback.account.client_secret, ...credentials },
  webhookUrl: `https://n8n.example.com/webhook/${index}/webhook`,
});
/** The harness's context, counting the token requests it sends. */
const counted = (workflow: Workflow): IHookFunctions => {
  const context = hookFunctions(workflow);
  const send = context.helpers.httpRequest.bind(context.helpers);
  context.helpers.httpRequest = async (options: IHttpRequestOptions) => {
    if (options.url.endsWith('/oauth/token')) exchanges += 1;
    return send(options);
  };
  return context;
};

test('five workflows activated at once share one token exchange', async () => {
  const workflows = [0, 1, 2, 3, 4].map((index) => workflowFor(index));
  const created = await Promise.all(workflows.map((workflow) => methods.create.call(counted(workflow))));
  assert.deepEqual(created, [true, true, true, true, true]);
  assert.equal(exchanges, 1, 'one POST /oauth/token for all five');
  assert.deepEqual(await Promise.all(workflows.map((workflow) => methods.checkExists.call(counted(workflow)))), [true, true, true, true, true]);
  assert.equal(exchanges, 1, 'the token is kept');
  for (const workflow of workflows) assert.equal(await methods.delete.call(counted(workflow)), true);
});

test('a credential with the right Client ID and a wrong Client Secret is refused, even while the right one\'s token is cached', async () => {
  const owner = workflowFor(10);
  assert.equal(await methods.create.call(counted(owner)), true, 'the producer\'s own workflow: its token is cached now');
  // anyone in the same n8n who knows the Postback URL and the Client ID (not a secret: every Basic header carries it)
  const guesser = workflowFor(11, { clientSecret: 'I do not know the secret' });
  const before = exchanges;
  await assert.rejects(methods.create.call(counted(guesser)), /did not accept the Client ID and Client Secret/);
  assert.equal(exchanges, before + 1, 'the wrong secret was sent to Postback, not matched against the cache');
  assert.equal(guesser.staticData.webhookId, undefined);
  assert.deepEqual((await postback.call('GET', '/api/v1/hooks')).body.items.map((hook: { target_url: string }) => hook.target_url), [owner.webhookUrl], 'no hook for the guesser');
  assert.equal(await methods.delete.call(counted(owner)), true);
});

// last: it spends this address's failure budget on the live server for a minute
test('a 429 from the token endpoint is reported as a rate limit with its Retry-After, not as refused credentials', async () => {
  const wrong = { clientId: postback.account.client_id, clientSecret: 'not the secret' };
  const basic = Buffer.from(`${wrong.clientId}:${wrong.clientSecret}`).toString('base64');
  // POSTBACK_AUTH_FAILURES (20 by default) wrong guesses from this address; the test above spent one, so the last
  // of these may already be the 429
  const spent = await Promise.all(Array.from({ length: 20 }, () => fetch(`${postback.url}/oauth/token?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${basic}` } })));
  const statuses = spent.map((response) => response.status);
  assert.ok(statuses.filter((status) => status === 401).length >= 19 && statuses.every((status) => status === 401 || status === 429), statuses.join(','));
  // another Client ID, so no token is cached for it: the node must exchange, from the spent address
  const error = await methods.create.call(counted(workflowFor(9, { clientId: 'no-such-client' }))).then(() => null, (thrown: Error) => thrown);
  assert.ok(error, 'the node could not get a token');
  assert.match(error.message, /rate-limited the token request \(HTTP 429\): try again in \d+ s \(Retry-After\)/);
  assert.doesNotMatch(error.message, /did not accept the Client ID/);
});
