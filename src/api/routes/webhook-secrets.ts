// A configuration's signing secret: POST /api/v1/webhooks/:id/rotate-secret {overlap?} makes a new one (the old
// keeps signing for the chosen overlap, 0 to 7 days; POSTBACK_SECRET_OVERLAP when not chosen), and
// POST /api/v1/webhooks/:id/reveal-secret shows the current one again. Both are recorded in the audit log.
import type { FastifyPluginAsync } from 'fastify';
import { newSigningSecret } from '../../security/secrets.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentWebhook } from '../present.ts';
import { notFound } from '../problems.ts';
import { idParams, rotateSecretBody } from '../schemas.ts';

export function webhookSecretRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'config'>): FastifyPluginAsync {
  return async (app) => {
    app.post('/webhooks/:id/rotate-secret', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { overlap_hours: overlapHours } = parseInput(rotateSecretBody, request.body ?? {}, 'body');
      const overlapMs = overlapHours === undefined ? deps.config.secretOverlapMs : overlapHours * 3_600_000;
      const secret = newSigningSecret();
      const now = deps.clock();
      const rotated = await deps.store.rotateWebhookSecret(request.accountId, id, secret, now, overlapMs);
      if (!rotated) throw notFound('webhook', id);
      request.audit = { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id, targetName: rotated.name, detail: { overlap_hours: overlapMs / 3_600_000 } };
      // the old secret keeps signing beside the new one until the overlap ends (0: it stops at once)
      return { ...presentWebhook(rotated), secret, previous_secret_expires_at: new Date(now + overlapMs).toISOString() };
    });
    app.post('/webhooks/:id/reveal-secret', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const webhook = await deps.store.getWebhook(request.accountId, id);
      if (!webhook) throw notFound('webhook', id);
      request.audit = { action: 'webhook.secret_revealed', targetType: 'webhook', targetId: id, targetName: webhook.name };
      return { id: webhook.id, secret: webhook.secret, previous_secrets: webhook.previousSecrets.map((previous) => ({ expires_at: new Date(previous.expiresAt).toISOString() })) };
    });
  };
}
