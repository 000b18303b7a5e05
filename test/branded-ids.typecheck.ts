// Swapped ids do not compile. This file is never run: `npm run typecheck` (tsc, whose include takes test/**) checks it,
// and every `@ts-expect-error` below must meet a type error or tsc fails with "Unused '@ts-expect-error' directive".
// So if a Store signature, a use case or a domain type went back to plain strings, the swapped call beneath it would
// compile and typecheck would say so. Each pair shows the call in the right order (it compiles) and swapped.
import type { AccountId, DeliveryId, EventId, WebhookId } from '../src/domain/ids.ts';
import type { AttemptRecord, DeliveryPlan } from '../src/domain/delivery.ts';
import type { NewWebhook } from '../src/domain/webhook.ts';
import { readDeliveryDetail } from '../src/history/delivery-detail.ts';
import { resendDelivery } from '../src/history/resend-delivery.ts';
import type { ResendDeps } from '../src/history/resend-delivery.ts';
import type { Store } from '../src/store/store.ts';
import { recoverWebhook } from '../src/webhooks/recover-webhook.ts';
import type { RecoverDeps } from '../src/webhooks/recover-webhook.ts';

declare const store: Store;
declare const accountId: AccountId;
declare const webhookId: WebhookId;
declare const deliveryId: DeliveryId;
declare const eventId: EventId;
declare const attempt: AttemptRecord;
declare const newWebhook: NewWebhook;
/** A string nobody parsed: a request's text, a column read without its mapping. */
declare const text: string;

export async function storeCallsTakeTheirIdsInOrder(now: number): Promise<void> {
  await store.getWebhook(accountId, webhookId);
  // @ts-expect-error the webhook's id where the account's goes, and the other way round
  await store.getWebhook(webhookId, accountId);
  // @ts-expect-error a string nobody parsed is no account id
  await store.getWebhook(text, webhookId);
  // @ts-expect-error nor a webhook id
  await store.getWebhook(accountId, text);
  // @ts-expect-error a delivery's id is not a webhook's
  await store.updateWebhook(accountId, deliveryId, { enabled: false }, now);
  // @ts-expect-error swapped
  await store.deleteWebhook(webhookId, accountId);
  // @ts-expect-error swapped
  await store.rotateWebhookSecret(webhookId, accountId, 'whsec_x', now, 0);
  // @ts-expect-error swapped
  await store.countRecoverable(webhookId, accountId, now);
  // @ts-expect-error swapped
  await store.recoverWebhook(webhookId, accountId, now, now, 5);
  // @ts-expect-error a new webhook's id must be made as one (createWebhook's second argument)
  await store.createWebhook(accountId, text, newWebhook, now);

  await store.getDelivery(accountId, deliveryId);
  // @ts-expect-error swapped
  await store.getDelivery(deliveryId, accountId);
  // @ts-expect-error an event's id is not a delivery's
  await store.resendDelivery(accountId, eventId, now, 5);
  // @ts-expect-error a webhook's id is not a delivery's
  await store.recordAttempt(webhookId, 'lease', attempt, { kind: 'delivered' }, () => null, now);
  // @ts-expect-error the leases a dispatcher gives back name deliveries
  await store.releaseLeases([{ deliveryId: webhookId, leaseToken: 'lease' }]);
  await store.getEventData(accountId, [eventId]);
  // @ts-expect-error the history reads events by their ids, not by their deliveries'
  await store.getEventData(accountId, [deliveryId]);
  // @ts-expect-error a filter's webhook is a webhook id
  await store.listDeliveries(accountId, { webhookId: deliveryId, limit: 10 });

  // the other contract files take the account's id the same way
  // @ts-expect-error a webhook's id is no account's
  await store.listProducts(webhookId);
  // @ts-expect-error
  await store.listNotices(text, 10);
}

export async function useCasesTakeTheirIdsInOrder(resendDeps: ResendDeps, recoverDeps: RecoverDeps, now: number): Promise<void> {
  await readDeliveryDetail(store, accountId, deliveryId);
  // @ts-expect-error swapped
  await readDeliveryDetail(store, deliveryId, accountId);
  // @ts-expect-error swapped
  await resendDelivery(resendDeps, deliveryId, accountId, now);
  // @ts-expect-error swapped
  await recoverWebhook(recoverDeps, webhookId, accountId, now, now);
}

export function domainTypesCarryTheirIds(): DeliveryPlan[] {
  // @ts-expect-error fan-out plans a delivery for a webhook id, not for any string
  return [{ webhookId: text, version: '2.0.0', maxAttempts: 5, status: 'pending' }];
}
