// The purchase lifecycle: create a purchase, move it through its states, read its state and event timeline.
import { z } from 'zod';
import { initialStates, purchaseStateNames } from '../../domain/purchase-lifecycle.ts';
import { createPurchase, movePurchase } from '../../ingest/record-purchase.ts';
import type { PurchaseOutcome } from '../../ingest/record-purchase.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentDelivery } from '../present.ts';
import { catalogueProblem, problem } from '../problems.ts';
import { purchaseMove, purchaseResponse } from '../responses.ts';
import { sampleData } from '../../catalog/index.ts';

const tags = ['Purchases'];

const object = z.record(z.string(), z.unknown(), { error: 'expected an object' });
const createBody = z.strictObject({ status: z.enum(initialStates).default('approved'), data: object });
const moveBody = z.strictObject({ status: z.enum(purchaseStateNames as [string, ...string[]]), purchase: object.optional(), subscription: object.optional() });
const transactionParams = z.object({ transaction: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'a transaction code is 1 to 64 letters, digits, - or _' }) });

export function purchaseRoutes(deps: ApiDeps): ZodRoutes {
  const lifecycle = { store: deps.store, defaultMaxAttempts: deps.config.retrySchedule.length, wake: deps.wake, clock: deps.clock };
  return async (app) => {
    app.post('/purchases', { schema: {
      summary: 'Create a purchase from 2.0.0 purchase data; emits its event', tags, body: createBody, response: { 202: purchaseMove }, errors: ['conflict'],
      examples: [{ name: 'approved', summary: 'An approved card sale (the catalogue\'s sample)', body: { data: withoutStatus(sampleData('PURCHASE_APPROVED')) } }],
    } }, async (request, reply) => {
      const body = request.body;
      return reply.code(202).send(answer(await createPurchase(lifecycle, request.accountId, body.status, body.data)));
    });
    app.post('/purchases/:transaction/status', { schema: {
      summary: 'Move a purchase to another state; emits the matching event', tags, params: transactionParams, body: moveBody, response: { 202: purchaseMove },
      errors: ['not_found', 'invalid_transition'], description: 'A move the state machine refuses answers 409 with the allowed ones.',
      examples: [{ name: 'refund', summary: 'Refund it', body: { status: 'refunded' } }],
    } }, async (request, reply) => {
      const { transaction } = request.params;
      const body = request.body;
      const changes = { ...(body.purchase ? { purchase: body.purchase } : {}), ...(body.subscription ? { subscription: body.subscription } : {}) };
      return reply.code(202).send(answer(await movePurchase(lifecycle, request.accountId, transaction, body.status as never, changes)));
    });
    app.get('/purchases/:transaction', { schema: {
      summary: 'A purchase\'s state, current data and the timeline of its events', tags, params: transactionParams, response: { 200: purchaseResponse }, errors: ['not_found'],
    } }, async (request) => {
      const { transaction } = request.params;
      const purchase = await deps.store.getPurchase(request.accountId, transaction);
      if (!purchase) throw problem('not_found', `No purchase "${transaction}" in this account.`);
      const timeline = await deps.store.transactionTimeline(request.accountId, transaction);
      return {
        transaction, status: purchase.state, data: purchase.data,
        created_at: new Date(purchase.createdAt).toISOString(), updated_at: new Date(purchase.updatedAt).toISOString(),
        timeline: timeline.map((event) => ({ id: event.id, event: event.event, creation_date: event.creationDate, test: event.isTest })),
      };
    });
  };
}

/** The sample without its status: the purchase's state decides it. */
function withoutStatus(data: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, ...purchase } = data.purchase as Record<string, unknown>;
  return { ...data, purchase };
}

function answer(outcome: PurchaseOutcome) {
  switch (outcome.kind) {
    case 'recorded':
      return { transaction: outcome.purchase.transaction, status: outcome.purchase.state, event: { id: outcome.eventId, name: outcome.event, deliveries: outcome.deliveries.map(presentDelivery) } };
    case 'invalid':
      throw catalogueProblem('The purchase data', outcome.issues);
    case 'exists':
      throw problem('conflict', `Purchase "${outcome.transaction}" already exists; move it with POST /api/v1/purchases/${outcome.transaction}/status.`);
    case 'not_found':
      throw problem('not_found', `No purchase "${outcome.transaction}" in this account.`);
    case 'refused':
      throw problem('invalid_transition', `A purchase that is ${outcome.from} cannot become ${outcome.to}. Allowed: ${outcome.allowed.join(', ') || 'none (final state)'}.`,
        [{ path: 'body.status', message: `allowed from ${outcome.from}: ${outcome.allowed.join(', ') || 'none'}` }]);
  }
}
