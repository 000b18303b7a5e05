// Webhook configurations: create, list, read, change, remove; recover after a disable. Test sends live in
// webhook-tests.ts, the signing secret (rotate, reveal) in webhook-secrets.ts.
import type { FastifyPluginAsync } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { newSigningSecret } from '../../security/secrets.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { createWebhookBody, idParams, patchWebhookBody, recoverableQuery, recoverBody } from '../schemas.ts';
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
      request.audit = { action: 'webhook.created', targetType: 'webhook', targetId: webhook.id, targetName: webhook.name, detail: { url: displayUrl(webhook.url) } };
      // the signing secret is shown here, and again only to an owner who asks (webhook-secrets.ts)
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
      const action = body.enabled === false ? 'webhook.disabled' : body.enabled === true ? 'webhook.enabled' : 'webhook.updated';
      request.audit = { action, targetType: 'webhook', targetId: id, targetName: updated.name, detail: { fields: Object.keys(body).filter((field) => field !== 'enabled') } };
      return presentWebhook(updated);
    });
    app.delete('/webhooks/:id', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const webhook = await loadWebhook(request.accountId, id);
      if (!await deps.store.deleteWebhook(request.accountId, id)) throw notFound('webhook', id);
      request.audit = { action: 'webhook.removed', targetType: 'webhook', targetId: id, targetName: webhook.name };
      return reply.code(204).send();
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
      request.audit = { action: 'webhook.recovered', targetType: 'webhook', targetId: id, targetName: webhook.name, detail: { since: new Date(since).toISOString(), requeued: recovered.requeued } };
      return { webhook: presentWebhook(recovered.webhook), requeued: recovered.requeued };
    });
  };
}
