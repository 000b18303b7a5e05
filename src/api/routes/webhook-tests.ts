// Test sends: GET /api/v1/webhooks/:id/test-sample?event= (what a test would post, to edit),
// POST /api/v1/webhooks/:id/test {event, data?} (post it, or the edited data, marked as a test), and
// PUT /api/v1/webhooks/:id/test-event-code {test_event_code} (the code a network needs to tell a test from a sale: Meta's).
import { z } from 'zod';
import { presets } from '../../delivery/conversion/presets.ts';
import { InvalidTestData, sendTest, TestNotAllowed, testSample } from '../../ingest/send-test.ts';
import type { ApiDeps } from '../api-deps.ts';
import { perEvent } from '../openapi/catalog-examples.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentDelivery, presentWebhook } from '../present.ts';
import { catalogueProblem, notFound, problem } from '../problems.ts';
import { deliverySummary, testSampleResponse, webhookResponse } from '../responses.ts';
import { testBody, testEventCodeBody, testSampleQuery, webhookParams } from '../schemas.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';

const tags = ['Webhooks'];

export function webhookTestRoutes(deps: ApiDeps): ZodRoutes {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  const loadWebhook = async (accountId: AccountId, id: WebhookId) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  };
  return async (app) => {
    app.get('/webhooks/:id/test-sample', { schema: {
      summary: 'What a test of an event would post to this webhook (the catalogue\'s sample, with one of its products), to edit', tags,
      params: webhookParams, querystring: testSampleQuery, response: { 200: testSampleResponse }, errors: ['not_found'],
      examples: [{ name: 'approved', summary: 'A purchase approved', query: { event: 'PURCHASE_APPROVED' } }],
    } }, async (request) => {
      const { id } = request.params;
      const { event } = request.query;
      const webhook = await loadWebhook(request.accountId, id);
      return { event, data: (await testSample(deps, request.accountId, webhook, event)).data };
    });
    app.post('/webhooks/:id/test', { schema: {
      summary: 'Send the catalogue\'s sample of an event (or the data given instead), marked as a test', tags, params: webhookParams, body: testBody,
      response: { 202: z.looseObject({ id: z.string(), delivery: deliverySummary }) }, errors: ['not_found'],
      description: '`data`, when given, replaces the sample\'s and is checked against the catalogue like any event\'s data.',
      examples: perEvent((event) => ({ event })),
    } }, async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const webhook = await loadWebhook(request.accountId, id);
      try {
        const sent = await sendTest({ store: deps.store, defaultMaxAttempts, wake: deps.wake, adopt: deps.adopt, clock: deps.clock }, request.accountId, webhook, body.event, body.data);
        request.audit = { action: 'webhook.tested', targetType: 'webhook', targetId: id, targetName: webhook.name, detail: { event: body.event, edited: body.data !== undefined } };
        return reply.code(202).send({ id: sent.id, delivery: presentDelivery(sent.delivery) });
      } catch (error) {
        if (error instanceof TestNotAllowed) throw problem('validation_failed', error.message, error.issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })));
        if (!(error instanceof InvalidTestData)) throw error;
        throw catalogueProblem(`The test data of ${body.event}`, error.issues);
      }
    });
    app.put('/webhooks/:id/test-event-code', { schema: {
      summary: 'Set or remove a Meta postback\'s Test Events code: its test sends (and their resends) carry it, so Meta shows them in Test events and never counts them as sales', tags,
      params: webhookParams, body: testEventCodeBody, response: { 200: webhookResponse }, errors: ['not_found'],
      description: 'Nothing else of the postback changes (its stored access token stays). Without a code, test sends of a Meta postback are refused.',
      examples: [{ name: 'set', summary: 'The code Events Manager shows', body: { test_event_code: 'TEST12345' } }, { name: 'remove', summary: 'No code: test sends are refused', body: { test_event_code: null } }],
    } }, async (request) => {
      const { id } = request.params;
      const code = request.body.test_event_code;
      const webhook = await loadWebhook(request.accountId, id);
      const postback = webhook.postback;
      if (!postback || postback.preset === 'custom' || !presets[postback.preset].testsNeedCode) {
        const message = 'only a postback to a network that tells tests apart by a code has one (preset "meta")';
        throw problem('validation_failed', `Invalid body: body.test_event_code: ${message}`, [{ path: 'body.test_event_code', message }]);
      }
      const { test_event_code: _previous, ...settings } = postback;
      const updated = await deps.store.updateWebhook(request.accountId, id, { postback: code === null ? settings : { ...settings, test_event_code: code } }, deps.clock());
      if (!updated) throw notFound('webhook', id);
      request.audit = { action: 'webhook.updated', targetType: 'webhook', targetId: id, targetName: updated.name, detail: { fields: ['postback.test_event_code'] } };
      return presentWebhook(updated, request.role);
    });
  };
}
