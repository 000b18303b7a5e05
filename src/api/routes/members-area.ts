// A product's members area: GET /api/v1/products/:id/members-area/check (the set-up check, each finding with its fix)
// and POST /api/v1/products/:id/members-area/webhook (the one button that creates the missing webhook).
import type { FastifyPluginAsync } from 'fastify';
import { checkMembersArea } from '../../products/check-members-area.ts';
import { createMembersAreaWebhook } from '../../products/create-members-area-webhook.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery, presentWebhook } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { membersAreaWebhookBody, productParams } from '../schemas.ts';

export function membersAreaRoutes(deps: ApiDeps): FastifyPluginAsync {
  const loadProductWithArea = async (accountId: string, id: string) => {
    const product = await deps.store.getProduct(accountId, id);
    if (!product) throw notFound('product', id);
    const { membersArea } = product;
    if (!membersArea) throw problem('conflict', `Product "${id}" has no members area yet: set it with PATCH /api/v1/products/${id} {"members_area": {"url", "login", "password"}}.`);
    return { ...product, membersArea };
  };

  return async (app) => {
    app.get('/products/:id/members-area/check', async (request) => {
      const { id } = parseInput(productParams, request.params, 'params');
      const product = await loadProductWithArea(request.accountId, id);
      const check = await checkMembersArea(deps, request.accountId, product);
      return { ok: check.ok, url: check.url, webhook_id: check.webhookId, findings: check.findings };
    });
    app.post('/products/:id/members-area/webhook', async (request, reply) => {
      const { id } = parseInput(productParams, request.params, 'params');
      const { url } = parseInput(membersAreaWebhookBody, request.body, 'body');
      const product = await loadProductWithArea(request.accountId, id);
      const defaultMaxAttempts = deps.config.retrySchedule.length;
      const created = await createMembersAreaWebhook({ store: deps.store, defaultMaxAttempts, wake: deps.wake, offer: deps.offer, clock: deps.clock }, request.accountId, product, url);
      switch (created.kind) {
        case 'exists':
          throw problem('conflict', `The webhook "${created.webhook.name}" (${created.webhook.id}) already serves this members area: change it with PATCH /api/v1/webhooks/${created.webhook.id}.`);
        case 'other_origin':
          throw problem('validation_failed', `Invalid body: body.url: the webhook must go to the members area (${created.areaOrigin})`, [{ path: 'body.url', message: `must be on ${created.areaOrigin}` }]);
        case 'created':
          // the signing secret is shown once, here, as for any new webhook
          return reply.code(201).send({ webhook: { ...presentWebhook(created.webhook), secret: created.secret }, test: { id: created.test.id, delivery: presentDelivery(created.test.delivery) } });
      }
    });
  };
}
