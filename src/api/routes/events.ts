// POST /api/v1/events: publish one event; 202 means the event and all its deliveries are committed.
import type { FastifyPluginAsync } from 'fastify';
import { publishEvent } from '../../ingest/publish-event.ts';
import { sha256Hex } from '../../security/secrets.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentDelivery } from '../present.ts';
import { problem } from '../problems.ts';
import { idempotencyKey, publishBody } from '../schemas.ts';

export function eventRoutes(deps: ApiDeps): FastifyPluginAsync {
  const publishDeps = { store: deps.store, defaultMaxAttempts: deps.config.retrySchedule.length, wake: deps.wake, offer: deps.offer, clock: deps.clock };
  return async (app) => {
    app.post('/events', async (request, reply) => {
      const key = parseInput(idempotencyKey, request.headers['idempotency-key'], 'headers.idempotency-key');
      const body = parseInput(publishBody, request.body, 'body');
      const outcome = await publishEvent(publishDeps, {
        accountId: request.accountId, event: body.event, data: body.data, id: body.id, creationDate: body.creation_date, idempotencyKey: key,
        requestHash: sha256Hex(request.rawBody ?? JSON.stringify(request.body)),
      });
      switch (outcome.kind) {
        case 'invalid':
          throw problem('validation_failed', `The ${body.event} data does not match the catalogue: ${outcome.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            outcome.issues.map((issue) => ({ path: issue.path.startsWith('data') || issue.path === 'event' ? `body.${issue.path}` : `body.data.${issue.path}`, message: issue.message })));
        case 'conflict':
          throw problem('idempotency_conflict', `Event "${outcome.id}" was already published with a different body. Reuse an idempotency key or event id only to retry the very same request.`);
        case 'accepted':
          return reply.code(202).send({ id: outcome.id, replayed: outcome.replayed, deliveries: outcome.deliveries.map(presentDelivery) });
      }
    });
  };
}
