// Test sends: GET /api/v1/webhooks/:id/test-sample?event= (what a test would post, to edit) and
// POST /api/v1/webhooks/:id/test {event, data?} (post it, or the edited data, marked as a test).
import type { FastifyPluginAsync } from 'fastify';
import type { EventName } from '../../catalog/index.ts';
import { publishEvent } from '../../ingest/publish-event.ts';
import { testSampleData } from '../../ingest/test-sample.ts';
import type { SampleProduct } from '../../ingest/test-sample.ts';
import { sha256Hex } from '../../security/secrets.ts';
import type { Webhook } from '../../store/store.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { idParams, testBody, testSampleQuery } from '../schemas.ts';

export function webhookTestRoutes(deps: ApiDeps): FastifyPluginAsync {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  /** The products a webhook of this account may be scoped to: its own, and those it promotes as an affiliate. */
  const knownProducts = async (accountId: string): Promise<Map<string, SampleProduct>> => {
    const own = (await deps.store.listProducts(accountId)).map((product) => [product.id, { id: product.id, name: product.name }] as const);
    const promoted = (await deps.store.listAffiliations(accountId)).filter((a) => a.affiliateAccountId === accountId)
      .map((a) => [a.productId, { id: a.productId, name: a.productName }] as const);
    return new Map([...promoted, ...own]);
  };
  const loadWebhook = async (accountId: string, id: string) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  };
  /** An affiliate's test looks like what its webhooks receive (no buyer data); a scoped webhook gets one of its products. */
  const sampleFor = async (accountId: string, webhook: Webhook, event: EventName) => {
    const audience = (await deps.store.getAccount(accountId))?.kind ?? 'producer';
    const known = webhook.products === 'all' ? new Map<string, SampleProduct>() : await knownProducts(accountId);
    const scoped = webhook.products === 'all' ? [] : webhook.products.flatMap((productId) => known.get(productId) ?? []);
    return { audience, data: testSampleData(event, audience, webhook.products, scoped) };
  };

  return async (app) => {
    app.get('/webhooks/:id/test-sample', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { event } = parseInput(testSampleQuery, request.query, 'query');
      const webhook = await loadWebhook(request.accountId, id);
      return { event, data: (await sampleFor(request.accountId, webhook, event)).data };
    });
    app.post('/webhooks/:id/test', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(testBody, request.body, 'body');
      const webhook = await loadWebhook(request.accountId, id);
      const sample = await sampleFor(request.accountId, webhook, body.event);
      const data = body.data ?? sample.data;
      const outcome = await publishEvent({ store: deps.store, defaultMaxAttempts, wake: deps.wake, offer: deps.offer, clock: deps.clock }, {
        accountId: request.accountId, event: body.event, data, requestHash: sha256Hex(`test:${webhook.id}:${JSON.stringify(data)}`), isTest: true, onlyWebhook: webhook, audience: sample.audience,
      });
      // edited data is checked like any event's; the catalogue's own sample failing is our bug, never the caller's
      if (outcome.kind === 'invalid' && body.data !== undefined) {
        throw problem('validation_failed', `The test data is not a valid ${body.event}: ${outcome.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
          outcome.issues.map((issue) => ({ path: `body.data.${issue.path}`, message: issue.message })));
      }
      if (outcome.kind !== 'accepted') throw new Error(`test send of ${body.event} was not accepted: ${JSON.stringify(outcome)}`);
      return reply.code(202).send({ id: outcome.id, delivery: presentDelivery(outcome.deliveries[0]!) });
    });
  };
}
