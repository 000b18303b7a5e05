// REST hooks (Zapier's name for them): automation tools subscribe a target URL to a trigger and unsubscribe it when
// the Zap or workflow is turned off; subscribing again to what an enabled hook already covers answers that hook
// (the store decides it: subscribeHook). A hook is a webhook row in the flat `hook` format (src/hooks/create-hook.ts), so
// it is listed, delivered, retried, signed and isolated like one; GET answers 404 once it is gone (deleted here, or
// by its target answering 410 Gone), which is how a tool checks that its hook still exists.
import { z } from 'zod';
import { subscribeHook } from '../../hooks/create-hook.ts';
import { hookSamples } from '../../hooks/hook-samples.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { ApiDeps } from '../api-deps.ts';
import { createHookBody, hookSamplesParams, hookSamplesQuery } from '../hook-schemas.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentHook } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { hookResponse, itemsOf, noContent } from '../responses.ts';
import { allows } from '../roles.ts';
import { webhookParams } from '../schemas.ts';
import { webhookChecks } from '../webhook-checks.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';

const tags = ['REST hooks'];
const hookWithSecret = hookResponse.extend({ secret: z.string() });

export function hookRoutes(deps: ApiDeps): ZodRoutes {
  const { checkProducts, checkUrl } = webhookChecks(deps);
  // a webhook configured by hand is not a hook: /hooks neither shows nor deletes it
  const loadHook = async (accountId: AccountId, id: WebhookId) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook || webhook.hookTrigger === null) throw notFound('hook', id);
    return webhook;
  };

  return async (app) => {
    app.post('/hooks', { schema: {
      summary: 'Subscribe a REST hook (Zapier, n8n, Make): its target gets the trigger\'s events as flat JSON', tags, body: createHookBody,
      description: 'Subscribing again with the target URL, trigger and products of an enabled hook of the account answers 200 with that hook and '
        + 'its secret instead of making a second one (a retried subscribe would otherwise deliver every event twice); 409 for a caller '
        + 'below owner, to whom a secret is not shown again.',
      response: {
        201: hookWithSecret.meta({ description: 'Subscribed: a new hook' }),
        200: hookWithSecret.meta({ description: 'Already subscribed: the existing hook with the same target URL, trigger and products, and its secret' }),
      },
      errors: ['conflict'],
      examples: [{ name: 'zapier', summary: 'A Zap on approved purchases', body: { target_url: 'https://hooks.zapier.com/hooks/standard/123/abc', event: 'PURCHASE_APPROVED' } }],
    } }, async (request, reply) => {
      const body = request.body;
      checkUrl(body.target_url, 'body.target_url');
      await checkProducts(request.accountId, body.products);
      const { created, webhook } = await subscribeHook(deps.store, request.accountId, { targetUrl: body.target_url, trigger: body.event, products: body.products, name: body.name }, deps.clock());
      if (!created) {
        // the secret is shown again only to owners, as reveal-secret shows it (the tools' API clients act as owners): a
        // developer's dashboard session gets a 409 naming the hook, not a way around that rule
        if (!allows(request.role, 'owner')) {
          throw problem('conflict', `The REST hook ${webhook.id} already sends these events to this URL; its secret is shown again only to owners. `
            + `Use that hook, or unsubscribe it (DELETE /api/v1/hooks/${webhook.id}) and subscribe again.`);
        }
        // the tool gets the secret it needs to verify deliveries: recorded as a reveal, as reveal-secret is
        request.audit = { action: 'webhook.secret_revealed', targetType: 'webhook', targetId: webhook.id, targetName: webhook.name, detail: { hook: body.event, subscribed_again: true } };
        return reply.code(200).send({ ...presentHook(webhook, request.role), secret: webhook.secret });
      }
      // a hook is a configuration: the audit log names it as one, subscribed by an automation tool
      request.audit = { action: 'webhook.created', targetType: 'webhook', targetId: webhook.id, targetName: webhook.name, detail: { url: displayUrl(webhook.url), hook: body.event } };
      return reply.code(201).send({ ...presentHook(webhook, request.role), secret: webhook.secret });
    });
    app.get('/hooks', { schema: { summary: 'The account\'s REST hooks', tags, response: { 200: itemsOf(hookResponse) } } }, async (request) => ({
      items: (await deps.store.listWebhooks(request.accountId)).filter((webhook) => webhook.hookTrigger !== null).map((hook) => presentHook(hook, request.role)),
    }));
    app.get('/hooks/samples/:trigger', { schema: {
      summary: 'The latest events of a trigger as a hook receives them (the catalogue\'s sample when there are none yet)', tags,
      params: hookSamplesParams, querystring: hookSamplesQuery, response: { 200: itemsOf(z.record(z.string(), z.unknown())) },
      examples: [{ name: 'approved', summary: 'Approved purchases', params: { trigger: 'PURCHASE_APPROVED' }, query: { limit: 3 } }],
    } }, async (request) => {
      const { trigger } = request.params;
      const { limit } = request.query;
      return { items: await hookSamples(deps.store, request.accountId, trigger, limit, deps.clock()) };
    });
    app.get('/hooks/:id', { schema: { summary: 'One REST hook', tags, params: webhookParams, response: { 200: hookResponse }, errors: ['not_found'] } }, async (request) => {
      const { id } = request.params;
      return presentHook(await loadHook(request.accountId, id), request.role);
    });
    app.delete('/hooks/:id', { schema: { summary: 'Unsubscribe a REST hook', tags, params: webhookParams, response: { 204: noContent }, errors: ['not_found'] } }, async (request, reply) => {
      const { id } = request.params;
      const hook = await loadHook(request.accountId, id);
      if (!await deps.store.deleteWebhook(request.accountId, id)) throw notFound('hook', id);
      request.audit = { action: 'webhook.removed', targetType: 'webhook', targetId: id, targetName: hook.name, detail: { hook: hook.hookTrigger } };
      return reply.code(204).send();
    });
  };
}
