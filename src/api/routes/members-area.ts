// A product's members area: GET /api/v1/products/:id/members-area/check (the set-up check, each finding with its fix)
// and POST /api/v1/products/:id/members-area/webhook (the one button that creates the missing webhook).
import { z } from 'zod';
import { checkMembersArea } from '../../products/check-members-area.ts';
import { createMembersAreaWebhook } from '../../products/create-members-area-webhook.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentDelivery, presentWebhook } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { deliverySummary, webhookWithSecret } from '../responses.ts';
import { membersAreaWebhookBody, productParams } from '../schemas.ts';
import type { AccountId } from '../../domain/ids.ts';

const tags = ['Products'];
const finding = z.looseObject({
  check: z.enum(['https', 'webhook', 'test_post']), status: z.enum(['pass', 'fail', 'pending']), reason: z.string(), detail: z.string(),
  fix: z.string().nullable().meta({ description: 'What to do about it' }), facts: z.record(z.string(), z.unknown()),
});

export function membersAreaRoutes(deps: ApiDeps): ZodRoutes {
  const loadProductWithArea = async (accountId: AccountId, id: string) => {
    const product = await deps.store.getProduct(accountId, id);
    if (!product) throw notFound('product', id);
    const { membersArea } = product;
    if (!membersArea) throw problem('conflict', `Product "${id}" has no members area yet: set it with PATCH /api/v1/products/${id} {"members_area": {"url", "login", "password"}}.`);
    return { ...product, membersArea };
  };

  return async (app) => {
    app.get('/products/:id/members-area/check', { schema: {
      summary: 'Check the product\'s members area: it answers over https, a webhook serves it, its test post went through', tags, params: productParams,
      response: { 200: z.looseObject({ ok: z.boolean(), url: z.string(), webhook_id: z.string().nullable(), findings: z.array(finding) }) }, errors: ['not_found', 'conflict'],
    } }, async (request) => {
      const { id } = request.params;
      const product = await loadProductWithArea(request.accountId, id);
      const check = await checkMembersArea(deps, request.accountId, product);
      return { ok: check.ok, url: check.url, webhook_id: check.webhookId, findings: check.findings };
    });
    app.post('/products/:id/members-area/webhook', { schema: {
      summary: 'Create the webhook that serves the product\'s members area, and send it a test post', tags, params: productParams, body: membersAreaWebhookBody,
      response: { 201: z.looseObject({ webhook: webhookWithSecret, test: z.looseObject({ id: z.string(), delivery: deliverySummary }) }) }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'area', summary: 'The members area\'s own receiver (on its origin)', body: { url: 'https://members.example.com/hotmart' } }],
    } }, async (request, reply) => {
      const { id } = request.params;
      const { url } = request.body;
      const product = await loadProductWithArea(request.accountId, id);
      const defaultMaxAttempts = deps.config.retrySchedule.length;
      const created = await createMembersAreaWebhook({ store: deps.store, defaultMaxAttempts, wake: deps.wake, adopt: deps.adopt, clock: deps.clock }, request.accountId, product, url);
      switch (created.kind) {
        case 'exists':
          throw problem('conflict', `The webhook "${created.webhook.name}" (${created.webhook.id}) already serves this members area: change it with PATCH /api/v1/webhooks/${created.webhook.id}.`);
        case 'other_origin':
          throw problem('validation_failed', `Invalid body: body.url: the webhook must go to the members area (${created.areaOrigin})`, [{ path: 'body.url', message: `must be on ${created.areaOrigin}` }]);
        case 'created':
          request.audit = { action: 'webhook.created', targetType: 'webhook', targetId: created.webhook.id, targetName: created.webhook.name, detail: { url: displayUrl(created.webhook.url), product: product.id } };
          // the signing secret is shown once, here, as for any new webhook
          return reply.code(201).send({ webhook: { ...presentWebhook(created.webhook, request.role), secret: created.secret }, test: { id: created.test.id, delivery: presentDelivery(created.test.delivery) } });
      }
    });
  };
}
