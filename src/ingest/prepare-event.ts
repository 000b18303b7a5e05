// Turns a publish request into the event row and its fan-out rule, after validating it against the catalogue.
// Shared by plain ingest, test sends and the purchase lifecycle, so every event is built the same way.
import { randomUUID } from 'node:crypto';
import { isEventName, productIdOf, transactionOf, validateEventData } from '../catalog/index.ts';
import type { Audience, FieldIssue } from '../catalog/index.ts';
import { planDeliveries, planFor } from '../domain/fan-out.ts';
import { saleFactsOf, searchTermsOf } from '../domain/sale-facts.ts';
import { originOfEventData } from '../domain/tracking-origin.ts';
import type { AffiliateRouting, FanOut, NewEvent, Webhook } from '../store/store.ts';
import { affiliateRouting } from './affiliate-routing.ts';
import { type AccountId, asEventId, type EventId } from '../domain/ids.ts';

export type EventRequest = {
  accountId: AccountId;
  event: string;
  data: unknown;
  /** `data` as the client wrote it (json-body.ts compactMemberText), kept as it is; absent: `data` serialised. */
  dataText?: string | undefined;
  id?: EventId | undefined;
  creationDate?: number | undefined;
  idempotencyKey?: string | undefined;
  /** Identifies the request's content: the same key or id with another hash is a conflict. */
  requestHash: string;
  isTest?: boolean;
  /** Test sends target one webhook whatever its subscriptions; normal events fan out by event and product. */
  onlyWebhook?: Webhook;
  /** Whose payload `data` is: an affiliate account's test sends carry what affiliates receive. Producers by default. */
  audience?: Audience;
};

export type PreparedEvent =
  /** `affiliates` is absent for test sends: they go to the one webhook under test. */
  | { kind: 'ready'; event: NewEvent; fanOut: FanOut; affiliates?: AffiliateRouting }
  | { kind: 'invalid'; issues: FieldIssue[] };

export function prepareEvent(request: EventRequest, defaultMaxAttempts: number, now: number): PreparedEvent {
  if (!isEventName(request.event)) return { kind: 'invalid', issues: [{ path: 'event', message: `unknown event "${request.event}"; see GET /api/v1/catalog` }] };
  const name = request.event;
  const valid = validateEventData(name, request.data, request.audience);
  if (!valid.ok) return { kind: 'invalid', issues: valid.issues };
  const productId = productIdOf(name, valid.data) ?? null;
  const target = request.onlyWebhook;
  const origin = originOfEventData(valid.data);
  const transaction = transactionOf(name, valid.data) ?? null;
  // a test goes to its one webhook, enabled or not (its owner checks a receiver before turning it back on), under the
  // rules a sale follows there: a conversion with no click id is skipped, as the sale would be, not sent with none.
  // It is never taken for a repeat of its sale (no transaction): its owner asked for this one
  const fanOut: FanOut = (webhooks) => target
    ? [planFor({ ...target, enabled: true }, defaultMaxAttempts, { origin, transaction: null })]
    : planDeliveries(webhooks, { event: name, productId, origin, transaction }, defaultMaxAttempts);
  const event: NewEvent = {
    id: request.id ?? asEventId(randomUUID()),
    accountId: request.accountId,
    event: name,
    creationDate: request.creationDate ?? now,
    // the accepted data, verbatim: unknown fields the receiver may rely on pass through untouched, and its numbers
    // and key order as written when the request's text is known (3.10 is not 3.1 to a PHP or Python receiver)
    data: request.dataText ?? JSON.stringify(request.data),
    transaction,
    productId,
    isTest: request.isTest ?? false,
    idempotencyKey: request.idempotencyKey ?? null,
    requestHash: request.requestHash,
    searchTerms: searchTermsOf(saleFactsOf(name, valid.data), transaction, productId),
  };
  if (target) return { kind: 'ready', event, fanOut };
  return { kind: 'ready', event, fanOut, affiliates: affiliateRouting(name, event, valid.data) };
}
