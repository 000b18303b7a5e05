// A delivery (one event for one webhook), what fan-out plans of it, and its attempts: the domain's types, which the
// Store contract (src/store/store.ts) persists and the dispatcher and the API read.
import type { DeliveryId, EventId, WebhookId } from './ids.ts';
import type { WebhookRoute } from './webhook.ts';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';
/** A delivery's last error when its receiver refused it for good (`webhook-delivery: abort`): no attempt follows, nor a recovery. */
export const receiverAbort = 'receiver_abort';
export const deliveryStatuses = ['pending', 'delivered', 'failed', 'skipped'] as const satisfies readonly DeliveryStatus[];

/**
 * What fan-out decided for one webhook: deliver now, or record as skipped (the webhook is disabled; or, with
 * `skipReason`, recorded as the delivery's last error, there is nothing to send, e.g. a conversion without a click id).
 * `hottokInBody` is off when absent. `unlessReported` (a conversion of a sale, domain/fan-out.ts): the store records
 * this pending plan as skipped, `already_reported`, when a delivery of the same webhook for the same transaction and
 * event, not a test, is pending or delivered; it decides in the publish's own transaction, where it can see them.
 */
export type DeliveryPlan = {
  webhookId: WebhookId; version: string; hottokInBody?: boolean; maxAttempts: number; status: 'pending' | 'skipped'; skipReason?: string; unlessReported?: boolean;
};
export type FanOut = (webhooks: WebhookRoute[]) => DeliveryPlan[];

export type DeliverySummary = {
  id: DeliveryId;
  webhookId: WebhookId;
  eventId: EventId;
  event: string;
  transaction: string | null;
  status: DeliveryStatus;
  isTest: boolean;
  version: string;
  /** The webhook's hottok_in_body when the delivery was made: part of what its body is, like the version. */
  hottokInBody: boolean;
  attemptCount: number;
  cycleAttempts: number;
  maxAttempts: number;
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
};

/** What a resend did (Store.resendDelivery): a new cycle, or why not, as the store saw it when it wrote. */
export type StoredResend =
  | { kind: 'resent'; delivery: DeliverySummary }
  /** An attempt is out, its lease live until `until`. */
  | { kind: 'in_flight'; until: number }
  | { kind: 'webhook_disabled' }
  | { kind: 'not_found' };

export type AttemptRecord = {
  id: string;
  number: number;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  /** A named cause (`timeout`, `refused`, `http_500`...) or null when delivered. */
  error: string | null;
  errorDetail: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  responseBody: string;
  /**
   * The URL this attempt went to: the webhook's URL as claimed, or a conversion postback's as rendered from it (its
   * credentials masked; see `templateUrl`); stored with the attempt, and shown in its history (absent for attempts
   * recorded before it was kept, and for one that sent nothing). A failure made for a URL the webhook no longer has (its owner changed it while the attempt was out) is
   * recorded and settled, but says nothing of the new receiver: it moves no health, disables nothing and unsubscribes
   * no REST hook. Absent: made for the URL the webhook has now.
   */
  webhookUrl?: string;
  /**
   * A conversion postback's: the webhook's URL (a template) that `webhookUrl` was rendered from, which is what tells
   * whether the webhook still has the URL the attempt was made for. Not stored.
   */
  templateUrl?: string;
};
export type Attempt = AttemptRecord & { deliveryId: DeliveryId; cycle: number };
