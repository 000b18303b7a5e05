// REST hooks (Zapier's name for them): automation tools subscribe a target URL to a trigger and unsubscribe it when
// the Zap or workflow is turned off. A hook is a webhook row in the flat `hook` format (src/hooks/create-hook.ts), so
// it is listed, delivered, retried, signed and isolated like one; GET answers 404 once it is gone (deleted here, or
// by its target answering 410 Gone), which is how a tool checks that its hook still exists.
import type { FastifyPluginAsync } from 'fastify';
import { createHook } from '../../hooks/create-hook.ts';
import { hookSamples } from '../../hooks/hook-samples.ts';
import type { ApiDeps } from '../app.ts';
import { createHookBody, hookSamplesParams, hookSamplesQuery } from '../hook-schemas.ts';
import { parseInput } from '../parse-input.ts';
import { presentHook } from '../present.ts';
import { notFound } from '../problems.ts';
import { idParams } from '../schemas.ts';
import { webhookChecks } from '../webhook-checks.ts';

export function hookRoutes(deps: ApiDeps): FastifyPluginAsync {
  const { checkProducts, checkUrl } = webhookChecks(deps);
  // a webhook configured by hand is not a hook: /hooks neither shows nor deletes it
  const loadHook = async (accountId: string, id: string) => {
    const webhook = await deps.store.getWebhook(accountId, id);
    if (!webhook || webhook.hookTrigger === null) throw notFound('hook', id);
    return webhook;
  };

  return async (app) => {
    app.post('/hooks', async (request, reply) => {
      const body = parseInput(createHookBody, request.body, 'body');
      checkUrl(body.target_url, 'body.target_url');
      await checkProducts(request.accountId, body.products);
      const { webhook, secret } = await createHook(deps.store, request.accountId, { targetUrl: body.target_url, trigger: body.event, products: body.products, name: body.name }, deps.clock());
      return reply.code(201).send({ ...presentHook(webhook), secret });
    });
    app.get('/hooks', async (request) => ({
      items: (await deps.store.listWebhooks(request.accountId)).filter((webhook) => webhook.hookTrigger !== null).map(presentHook),
    }));
    app.get('/hooks/samples/:trigger', async (request) => {
      const { trigger } = parseInput(hookSamplesParams, request.params, 'params');
      const { limit } = parseInput(hookSamplesQuery, request.query, 'query');
      return { items: await hookSamples(deps.store, request.accountId, trigger, limit, deps.clock()) };
    });
    app.get('/hooks/:id', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      return presentHook(await loadHook(request.accountId, id));
    });
    app.delete('/hooks/:id', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      await loadHook(request.accountId, id);
      if (!await deps.store.deleteWebhook(request.accountId, id)) throw notFound('hook', id);
      return reply.code(204).send();
    });
  };
}
