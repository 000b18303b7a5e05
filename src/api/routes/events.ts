// POST /api/v1/events: publish one event; 202 means the event and all its deliveries are committed.
import { z } from 'zod';
import { publishEvent } from '../../ingest/publish-event.ts';
import { compactMemberText } from '../json-body.ts';
import { sha256Hex } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import { perEvent } from '../openapi/catalog-examples.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentDelivery } from '../present.ts';
import { catalogueProblem, problem } from '../problems.ts';
import { publishResponse } from '../responses.ts';
import { idempotencyKey, publishBody } from '../schemas.ts';

const publishHeaders = z.object({ 'idempotency-key': idempotencyKey.meta({ description: 'The same key (or the same event id) never creates a second event; another event, id, creation date or data with it answers 409 (key order and whitespace do not count)' }) });

export function eventRoutes(deps: ApiDeps): ZodRoutes {
  const publishDeps = { store: deps.store, defaultMaxAttempts: deps.config.retrySchedule.length, wake: deps.wake, adopt: deps.adopt, clock: deps.clock };
  return async (app) => {
    app.post('/events', { schema: {
      summary: 'Publish an event: 202 means it and all its deliveries are committed', tags: ['Events'], headers: publishHeaders, body: publishBody,
      description: '`data` is validated against the event\'s catalogue schema (components: EventData.<event>).',
      response: { 202: publishResponse }, errors: ['idempotency_conflict'],
      examples: perEvent((event, data) => ({ event, data })),
    } }, async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const body = request.body;
      const outcome = await publishEvent(publishDeps, {
        accountId: request.accountId, event: body.event, data: body.data, id: body.id, creationDate: body.creation_date ?? body.creationDate, idempotencyKey: key,
        dataText: request.rawBody === undefined ? undefined : compactMemberText(request.rawBody, 'data'),
        requestHash: sha256Hex(request.rawBody ?? JSON.stringify(request.body)),
      });
      switch (outcome.kind) {
        case 'invalid':
          throw catalogueProblem(`The ${body.event} data`, outcome.issues);
        case 'conflict':
          throw problem('idempotency_conflict', `Event "${outcome.id}" was already published with a different body. Reuse an idempotency key or event id only to retry the very same request.`);
        case 'accepted':
          return reply.code(202).send({ id: outcome.id, replayed: outcome.replayed, deliveries: outcome.deliveries.map(presentDelivery) });
      }
    });
  };
}
