// A configuration's signing secret: POST /api/v1/webhooks/:id/rotate-secret {overlap?} makes a new one (the old
// keeps signing for the chosen overlap, 0 to 7 days; POSTBACK_SECRET_OVERLAP when not chosen; never a REST hook's), and
// POST /api/v1/webhooks/:id/reveal-secret shows the current one again. Both are recorded in the audit log.
import { newSigningSecret } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentWebhook } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { revealedSecret, rotatedWebhook } from '../responses.ts';
import { rotateSecretBody, webhookParams } from '../schemas.ts';
import type { Store } from '../../store/store.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';

const tags = ['Webhooks'];

export function webhookSecretRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'config'>): ZodRoutes {
  return async (app) => {
    app.post('/webhooks/:id/rotate-secret', { schema: {
      summary: 'Rotate the signing secret', tags, params: webhookParams, body: rotateSecretBody.optional(), response: { 200: rotatedWebhook }, errors: ['not_found', 'conflict'],
      description: 'The new secret is shown in the answer; the old one keeps signing beside it for overlap_hours (0 to 168), POSTBACK_SECRET_OVERLAP when not given. '
        + 'A REST hook\'s secret is not rotated here (409): the tool that subscribed it keeps it to verify deliveries and cannot learn a new one.',
      examples: [{ name: 'one_day', summary: 'The old secret signs for one more day', body: { overlap_hours: 24 } }, { name: 'at_once', summary: 'The old secret stops at once', body: { overlap_hours: 0 } }],
    } }, async (request) => {
      const { id } = request.params;
      await refuseHooks(deps.store, request.accountId, id);
      const { overlap_hours: overlapHours } = request.body ?? {};
      const overlapMs = overlapHours === undefined ? deps.config.secretOverlapMs : overlapHours * 3_600_000;
      const secret = newSigningSecret();
      const now = deps.clock();
      const rotated = await deps.store.rotateWebhookSecret(request.accountId, id, secret, now, overlapMs);
      if (!rotated) throw notFound('webhook', id);
      request.audit = { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id, targetName: rotated.name, detail: { overlap_hours: overlapMs / 3_600_000 } };
      // the old secret keeps signing beside the new one until the overlap ends (0: it stops at once)
      return { ...presentWebhook(rotated, request.role), secret, previous_secret_expires_at: new Date(now + overlapMs).toISOString() };
    });
    app.post('/webhooks/:id/reveal-secret', { schema: {
      summary: 'Show the current signing secret again (recorded in the audit log)', tags, params: webhookParams, response: { 200: revealedSecret }, errors: ['not_found'],
      description: 'Owners only.',
    } }, async (request) => {
      const { id } = request.params;
      const webhook = await deps.store.getWebhook(request.accountId, id);
      if (!webhook) throw notFound('webhook', id);
      request.audit = { action: 'webhook.secret_revealed', targetType: 'webhook', targetId: id, targetName: webhook.name };
      return { id: webhook.id, secret: webhook.secret, previous_secrets: webhook.previousSecrets.map((previous) => ({ expires_at: new Date(previous.expiresAt).toISOString() })) };
    });
  };
}

/**
 * A REST hook's secret belongs to the tool that subscribed it (n8n keeps it from the subscribe and verifies every
 * delivery with it; nothing tells the tool of a new one), so rotating it here would make the tool refuse every
 * delivery once the overlap ends, while its subscription still looks alive. Fails closed: refused before anything
 * changes. A missing webhook falls through to the rotation's own 404.
 */
async function refuseHooks(store: Pick<Store, 'getWebhook'>, accountId: AccountId, id: WebhookId): Promise<void> {
  const webhook = await store.getWebhook(accountId, id);
  if (webhook && webhook.hookTrigger !== null) {
    throw problem('conflict', `"${webhook.name}" is a REST hook: the tool that subscribed it (Zapier, n8n, Make) owns its signing secret and would reject `
      + 'deliveries signed with a new one. To get a new secret, unsubscribe and subscribe again (turn the Zap or workflow off and on).');
  }
}
