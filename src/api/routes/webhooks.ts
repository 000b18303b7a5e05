// Webhook configurations: create, list, read, change, remove; recover after a disable. Test sends live in
// webhook-tests.ts, the signing secret (rotate, reveal) in webhook-secrets.ts.
import { z } from 'zod';
import { displayUrl } from '../../security/display-url.ts';
import { createWebhook } from '../../webhooks/create-webhook.ts';
import { recoverWebhook } from '../../webhooks/recover-webhook.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { itemsOf, noContent, recoverableCount, webhookResponse, webhookWithSecret } from '../responses.ts';
import { createWebhookBody, patchWebhookBody, recoverableQuery, recoverBody, webhookParams } from '../schemas.ts';
import { webhookChecks } from '../webhook-checks.ts';
import { patchFor, targetForCreate, urlField } from '../webhook-postback.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';
import { troubleBegan } from '../../domain/webhook-health.ts';

const tags = ['Webhooks'];
const membersArea = { name: 'Members area', url: 'https://members.example.com/hotmart', events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED', 'PURCHASE_CHARGEBACK'] };

export function webhookRoutes(deps: ApiDeps): ZodRoutes {
  const defaultMaxAttempts = deps.config.retrySchedule.length;
  const { checkProducts, checkUrl } = webhookChecks(deps);
  /** A recovery's default start: the oldest sale left unsent since the webhook's trouble began, or that moment. */
  const suggestedSince = async (accountId: AccountId, id: WebhookId): Promise<number> => {
    const from = troubleBegan(await loadWebhook(accountId, id), deps.clock());
    return await deps.store.firstRecoverable(accountId, id, from) ?? from;
  };
  const loadWebhook = async (accountId: AccountId, id: WebhookId) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook) throw notFound('webhook', id);
    return webhook;
  };

  return async (app) => {
    app.post('/webhooks', { schema: {
      summary: 'Create a webhook configuration', tags, body: createWebhookBody, response: { 201: webhookWithSecret },
      description: 'The answer shows the whsec_ signing secret, once.',
      examples: [
        { name: 'members_area', summary: 'A members area that grants and revokes access', body: membersArea },
        { name: 'legacy_form', summary: 'A 1.0.0 (form-encoded) receiver for one product', body: { name: 'Old PHP script', url: 'https://shop.example.com/postback.php', events: ['PURCHASE_APPROVED'], version: '1.0.0', max_attempts: 10 } },
      ],
    } }, async (request, reply) => {
      const body = request.body;
      const target = targetForCreate(body);
      checkUrl(target.url, urlField(body.postback));
      await checkProducts(request.accountId, body.products);
      const { webhook, secret } = await createWebhook(deps.store, request.accountId, {
        name: body.name, ...target, products: body.products, version: body.version, maxAttempts: body.max_attempts, hottokInBody: body.hottok_in_body, enabled: body.enabled,
      }, deps.clock());
      request.audit = { action: 'webhook.created', targetType: 'webhook', targetId: webhook.id, targetName: webhook.name, detail: { url: displayUrl(webhook.url) } };
      // the signing secret is shown here, and again only to an owner who asks (webhook-secrets.ts)
      return reply.code(201).send({ ...presentWebhook(webhook, request.role), secret });
    });
    app.get('/webhooks', { schema: { summary: 'List the webhook configurations', tags, response: { 200: itemsOf(webhookResponse) } } }, async (request) => ({ items: (await deps.store.listWebhooks(request.accountId)).map((webhook) => presentWebhook(webhook, request.role)) }));
    app.get('/webhooks/:id', { schema: { summary: 'Read a webhook configuration', tags, params: webhookParams, response: { 200: webhookResponse }, errors: ['not_found'] } }, async (request) => {
      const { id } = request.params;
      return presentWebhook(await loadWebhook(request.accountId, id), request.role);
    });
    app.patch('/webhooks/:id', { schema: {
      summary: 'Change a webhook configuration', tags, params: webhookParams, body: patchWebhookBody, response: { 200: webhookResponse }, errors: ['not_found'],
      description: 'Disabling skips its pending deliveries; enabling clears the disabled reason.',
      examples: [{ name: 'rename', summary: 'Rename it and add an event', body: { name: 'Members area (new)', events: ['PURCHASE_APPROVED', 'PURCHASE_COMPLETE'] } }, { name: 'disable', summary: 'Turn it off', body: { enabled: false } }],
    } }, async (request) => {
      const { id } = request.params;
      const body = request.body;
      const before = await loadWebhook(request.accountId, id);
      const patch = patchFor(body, before);
      checkUrl(patch.url, urlField(body.postback));
      // only the ids this change adds: those it keeps may name products gone since (webhook-checks.ts)
      await checkProducts(request.accountId, body.products, 'body.products', before.products);
      const updated = await deps.store.updateWebhook(request.accountId, id, patch, deps.clock());
      if (!updated) throw notFound('webhook', id);
      const action = body.enabled === false ? 'webhook.disabled' : body.enabled === true ? 'webhook.enabled' : 'webhook.updated';
      // a new destination is the change that matters most: where the sales go now is kept, its password masked
      const url = updated.url !== before.url ? { url: displayUrl(updated.url) } : {};
      request.audit = { action, targetType: 'webhook', targetId: id, targetName: updated.name, detail: { fields: Object.keys(body).filter((field) => field !== 'enabled'), ...url } };
      return presentWebhook(updated, request.role);
    });
    app.delete('/webhooks/:id', { schema: { summary: 'Remove a webhook configuration and its history', tags, params: webhookParams, response: { 204: noContent }, errors: ['not_found'] } }, async (request, reply) => {
      const { id } = request.params;
      const webhook = await loadWebhook(request.accountId, id);
      if (!await deps.store.deleteWebhook(request.accountId, id)) throw notFound('webhook', id);
      request.audit = { action: 'webhook.removed', targetType: 'webhook', targetId: id, targetName: webhook.name };
      return reply.code(204).send();
    });
    app.get('/webhooks/:id/recoverable', { schema: {
      summary: 'How many deliveries a recovery since a time would resend (failed or skipped; not tests, nor those a receiver refused for good); without a time, from the suggested start', tags, params: webhookParams, querystring: recoverableQuery,
      response: { 200: recoverableCount }, errors: ['not_found'],
      examples: [{ name: 'since_date', summary: 'Since a date', query: { since: '2026-01-31T12:00:00Z' } }],
    } }, async (request) => {
      const { id } = request.params;
      const since = request.query.since ?? await suggestedSince(request.accountId, id);
      const count = await deps.store.countRecoverable(request.accountId, id, since);
      if (count === null) throw notFound('webhook', id);
      return { since: new Date(since).toISOString(), count };
    });
    app.post('/webhooks/:id/recover', { schema: {
      summary: 'Re-enable a webhook and resend what failed or was skipped since a time', tags, params: webhookParams, body: recoverBody,
      response: { 200: z.looseObject({ webhook: webhookResponse, requeued: z.number().int() }) }, errors: ['not_found'],
      examples: [{ name: 'since_date', summary: 'Everything since a date', body: { since: '2026-01-31T12:00:00Z' } }, { name: 'since_epoch', summary: 'Since an epoch-ms time', body: { since: 1767225600000 } }],
    } }, async (request) => {
      const { id } = request.params;
      const { since } = request.body;
      const recovered = await recoverWebhook({ store: deps.store, defaultMaxAttempts, wake: deps.wake }, request.accountId, id, since, deps.clock());
      if (!recovered) throw notFound('webhook', id);
      request.audit = { action: 'webhook.recovered', targetType: 'webhook', targetId: id, targetName: recovered.before.name, detail: { since: new Date(since).toISOString(), requeued: recovered.requeued } };
      return { webhook: presentWebhook(recovered.webhook, request.role), requeued: recovered.requeued };
    });
  };
}
