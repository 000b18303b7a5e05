// A configuration's signing secret: POST /api/v1/webhooks/:id/rotate-secret {overlap?} makes a new one (the old
// keeps signing for the chosen overlap, 0 to 7 days; POSTBACK_SECRET_OVERLAP when not chosen), and
// POST /api/v1/webhooks/:id/reveal-secret shows the current one again. Both are recorded in the audit log.
import { newSigningSecret } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { revealedSecret, rotatedWebhook } from '../responses.ts';
import { rotateSecretBody, webhookParams } from '../schemas.ts';

const tags = ['Webhooks'];

export function webhookSecretRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'config'>): ZodRoutes {
  return async (app) => {
    app.post('/webhooks/:id/rotate-secret', { schema: {
      summary: 'Rotate the signing secret', tags, params: webhookParams, body: rotateSecretBody.optional(), response: { 200: rotatedWebhook }, errors: ['not_found'],
      description: 'The new secret is shown in the answer; the old one keeps signing beside it for overlap_hours (0 to 168), POSTBACK_SECRET_OVERLAP when not given.',
      examples: [{ name: 'one_day', summary: 'The old secret signs for one more day', body: { overlap_hours: 24 } }, { name: 'at_once', summary: 'The old secret stops at once', body: { overlap_hours: 0 } }],
    } }, async (request) => {
      const { id } = request.params;
      const { overlap_hours: overlapHours } = request.body ?? {};
      const overlapMs = overlapHours === undefined ? deps.config.secretOverlapMs : overlapHours * 3_600_000;
      const secret = newSigningSecret();
      const now = deps.clock();
      const rotated = await deps.store.rotateWebhookSecret(request.accountId, id, secret, now, overlapMs);
      if (!rotated) throw notFound('webhook', id);
      request.audit = { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id, targetName: rotated.name, detail: { overlap_hours: overlapMs / 3_600_000 } };
      // the old secret keeps signing beside the new one until the overlap ends (0: it stops at once)
      return { ...presentWebhook(rotated), secret, previous_secret_expires_at: new Date(now + overlapMs).toISOString() };
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
