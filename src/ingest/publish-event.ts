// Publishing an event: validate against the catalogue, envelope it, fan out, all in one store transaction.
// A result of 'accepted' means the event and every delivery are committed (durable before the 202).
import { randomUUID } from 'node:crypto';
import { isEventName, productIdOf, transactionOf, validateEventData } from '../catalog/index.ts';
import type { FieldIssue } from '../catalog/index.ts';
import { planDeliveries } from '../domain/fan-out.ts';
import type { DeliveryPlan, DeliverySummary, Store, Webhook } from '../store/store.ts';

export type PublishDeps = { store: Pick<Store, 'publish'>; defaultMaxAttempts: number; wake: () => void; clock: () => number };

export type PublishRequest = {
  accountId: string;
  event: string;
  data: unknown;
  id?: string | undefined;
  creationDate?: number | undefined;
  idempotencyKey?: string | undefined;
  /** Identifies the request's content: the same key or id with another hash is a conflict. */
  requestHash: string;
  isTest?: boolean;
  /** Test sends target one webhook whatever its subscriptions; normal events fan out by event and product. */
  onlyWebhook?: Webhook;
};

export type PublishOutcome =
  | { kind: 'accepted'; id: string; deliveries: DeliverySummary[]; replayed: boolean }
  | { kind: 'invalid'; issues: FieldIssue[] }
  | { kind: 'conflict'; id: string };

export async function publishEvent(deps: PublishDeps, request: PublishRequest): Promise<PublishOutcome> {
  if (!isEventName(request.event)) return { kind: 'invalid', issues: [{ path: 'event', message: `unknown event "${request.event}"; see GET /api/v1/catalog` }] };
  const event = request.event;
  const valid = validateEventData(event, request.data);
  if (!valid.ok) return { kind: 'invalid', issues: valid.issues };
  const productId = productIdOf(event, valid.data) ?? null;
  const now = deps.clock();
  const target = request.onlyWebhook;
  const fanOut = (webhooks: Webhook[]): DeliveryPlan[] => target
    ? [{ webhookId: target.id, version: target.version, maxAttempts: target.maxAttempts ?? deps.defaultMaxAttempts, status: 'pending' }]
    : planDeliveries(webhooks, { event, productId }, deps.defaultMaxAttempts);
  const result = await deps.store.publish({
    id: request.id ?? randomUUID(),
    accountId: request.accountId,
    event,
    creationDate: request.creationDate ?? now,
    // the accepted data, verbatim: unknown fields the receiver may rely on pass through untouched
    data: JSON.stringify(request.data),
    transaction: transactionOf(event, valid.data) ?? null,
    productId,
    isTest: request.isTest ?? false,
    idempotencyKey: request.idempotencyKey ?? null,
    requestHash: request.requestHash,
  }, fanOut, now);
  if (result.kind === 'replayed' && !result.sameRequest) return { kind: 'conflict', id: result.event.id };
  if (result.kind === 'created' && result.deliveries.some((d) => d.status === 'pending')) deps.wake();
  return { kind: 'accepted', id: result.event.id, deliveries: result.deliveries, replayed: result.kind === 'replayed' };
}
