// Webhook configurations: create, list, read, change, remove; send a test; recover after a disable.
import type { FastifyPluginAsync } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { publishEvent } from '../../ingest/publish-event.ts';
import { testSampleData } from '../../ingest/test-sample.ts';
import type { SampleProduct } from '../../ingest/test-sample.ts';
import { newSigningSecret, sha256Hex } from '../../security/secrets.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery, presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { createWebhookBody, idParams, patchWebhookBody, recoverableQuery, recoverBody, testBody } from '../schemas.ts';
import { webhookChecks } from '../webhook-checks.ts';

export function webhookRoutes(deps: ApiDeps): FastifyPluginAsync {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  const { checkProducts, checkUrl } = webhookChecks(deps);
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

  return async (app) => {
    app.post('/webhooks', async (request, reply) => {
      const body = parseInput(createWebhookBody, request.body, 'body');
      checkUrl(body.url);
      await checkProducts(request.accountId, body.products);
      const secret = newSigningSecret();
      const webhook = await deps.store.createWebhook(request.accountId, uuidv7(), {
        name: body.name, url: body.url, events: body.events, products: body.products, version: body.version, maxAttempts: body.max_attempts, enabled: body.enabled, secret,
      }, deps.clock());
      // the signing secret is shown once, here
      return reply.code(201).send({ ...presentWebhook(webhook), secret });
    });
    app.get('/webhooks', async (request) => ({ items: (await deps.store.listWebhooks(request.accountId)).map(presentWebhook) }));
    app.get('/webhooks/:id', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      return presentWebhook(await loadWebhook(request.accountId, id));
    });
    app.patch('/webhooks/:id', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const body = parseInput(patchWebhookBody, request.body, 'body');
      checkUrl(body.url);
      await checkProducts(request.accountId, body.products);
      const { max_attempts: maxAttempts, ...rest } = body;
      const updated = await deps.store.updateWebhook(request.accountId, id, { ...rest, ...(maxAttempts !== undefined ? { maxAttempts } : {}) }, deps.clock());
      if (!updated) throw notFound('webhook', id);
      return presentWebhook(updated);
    });
    app.delete('/webhooks/:id', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      if (!await deps.store.deleteWebhook(request.accountId, id)) throw notFound('webhook', id);
      return reply.code(204).send();
    });
    app.post('/webhooks/:id/rotate-secret', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const secret = newSigningSecret();
      const now = deps.clock();
      const rotated = await deps.store.rotateWebhookSecret(request.accountId, id, secret, now, deps.config.secretOverlapMs);
      if (!rotated) throw notFound('webhook', id);
      // the new secret is shown once; the old one keeps signing beside it until the overlap ends
      return { ...presentWebhook(rotated), secret, previous_secret_expires_at: new Date(now + deps.config.secretOverlapMs).toISOString() };
    });
    app.post('/webhooks/:id/test', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { event } = parseInput(testBody, request.body, 'body');
      const webhook = await loadWebhook(request.accountId, id);
      // an affiliate's test looks like what its webhooks will receive: the sample without the buyer's data; a
      // webhook scoped to some products gets one of them in the sample
      const audience = (await deps.store.getAccount(request.accountId))?.kind ?? 'producer';
      const known = webhook.products === 'all' ? new Map<string, SampleProduct>() : await knownProducts(request.accountId);
      const scoped = webhook.products === 'all' ? [] : webhook.products.flatMap((productId) => known.get(productId) ?? []);
      const data = testSampleData(event, audience, webhook.products, scoped);
      const outcome = await publishEvent({ store: deps.store, defaultMaxAttempts, wake: deps.wake, offer: deps.offer, clock: deps.clock }, {
        accountId: request.accountId, event, data, requestHash: sha256Hex(`test:${webhook.id}:${JSON.stringify(data)}`), isTest: true, onlyWebhook: webhook, audience,
      });
      // our bug if the catalogue's own sample does not validate or collides: never the caller's fault
      if (outcome.kind !== 'accepted') throw new Error(`test send of ${event} was not accepted: ${JSON.stringify(outcome)}`);
      return reply.code(202).send({ id: outcome.id, delivery: presentDelivery(outcome.deliveries[0]!) });
    });
    app.get('/webhooks/:id/recoverable', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { since } = parseInput(recoverableQuery, request.query, 'query');
      const count = await deps.store.countRecoverable(request.accountId, id, since);
      if (count === null) throw notFound('webhook', id);
      return { since: new Date(since).toISOString(), count };
    });
    app.post('/webhooks/:id/recover', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { since } = parseInput(recoverBody, request.body, 'body');
      const webhook = await loadWebhook(request.accountId, id);
      const recovered = await deps.store.recoverWebhook(request.accountId, id, since, deps.clock(), webhook.maxAttempts ?? defaultMaxAttempts);
      if (!recovered) throw notFound('webhook', id);
      if (recovered.requeued > 0) deps.wake();
      return { webhook: presentWebhook(recovered.webhook), requeued: recovered.requeued };
    });
  };
}
