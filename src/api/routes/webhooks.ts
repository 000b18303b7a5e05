// Webhook configurations: create, list, read, change, remove; send a test; recover after a disable.
import type { FastifyPluginAsync } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { sendTest } from '../../ingest/send-test.ts';
import { newSigningSecret } from '../../security/secrets.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery, presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { createWebhookBody, idParams, patchWebhookBody, recoverBody, testBody } from '../schemas.ts';
import { webhookChecks } from '../webhook-checks.ts';
import { patchFor, targetForCreate } from '../webhook-postback.ts';

export function webhookRoutes(deps: ApiDeps): FastifyPluginAsync {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  const { checkProducts, checkUrl } = webhookChecks(deps);
  const loadWebhook = async (accountId: string, id: string) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  };

  return async (app) => {
    app.post('/webhooks', async (request, reply) => {
      const body = parseInput(createWebhookBody, request.body, 'body');
      const target = targetForCreate(body);
      checkUrl(target.url);
      await checkProducts(request.accountId, body.products);
      const secret = newSigningSecret();
      const webhook = await deps.store.createWebhook(request.accountId, uuidv7(), {
        name: body.name, ...target, products: body.products, version: body.version, maxAttempts: body.max_attempts, hottokInBody: body.hottok_in_body, enabled: body.enabled, secret,
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
      const patch = patchFor(body, await loadWebhook(request.accountId, id));
      checkUrl(patch.url);
      await checkProducts(request.accountId, body.products);
      const updated = await deps.store.updateWebhook(request.accountId, id, patch, deps.clock());
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
      const sent = await sendTest({ store: deps.store, defaultMaxAttempts, wake: deps.wake, offer: deps.offer, clock: deps.clock }, request.accountId, webhook, event);
      return reply.code(202).send({ id: sent.id, delivery: presentDelivery(sent.delivery) });
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
