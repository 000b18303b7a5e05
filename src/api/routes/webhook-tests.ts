// Test sends: GET /api/v1/webhooks/:id/test-sample?event= (what a test would post, to edit) and
// POST /api/v1/webhooks/:id/test {event, data?} (post it, or the edited data, marked as a test).
import type { FastifyPluginAsync } from 'fastify';
import { InvalidTestData, sendTest, testSample } from '../../ingest/send-test.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { idParams, testBody, testSampleQuery } from '../schemas.ts';

export function webhookTestRoutes(deps: ApiDeps): FastifyPluginAsync {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  const loadWebhook = async (accountId: string, id: string) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  };
  return async (app) => {
    app.get('/webhooks/:id/test-sample', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { event } = parseInput(testSampleQuery, request.query, 'query');
      const webhook = await loadWebhook(request.accountId, id);
      return { event, data: (await testSample(deps, request.accountId, webhook, event)).data };
    });
    app.post('/webhooks/:id/test', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(testBody, request.body, 'body');
      const webhook = await loadWebhook(request.accountId, id);
      try {
        const sent = await sendTest({ store: deps.store, defaultMaxAttempts, wake: deps.wake, offer: deps.offer, clock: deps.clock }, request.accountId, webhook, body.event, body.data);
        return reply.code(202).send({ id: sent.id, delivery: presentDelivery(sent.delivery) });
      } catch (error) {
        if (!(error instanceof InvalidTestData)) throw error;
        throw problem('validation_failed', `The test data is not a valid ${body.event}: ${error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
          error.issues.map((issue) => ({ path: `body.data.${issue.path}`, message: issue.message })));
      }
    });
  };
}
