// Which webhooks receive an event: event type and product scope. Pure.
import type { DeliveryPlan } from './delivery.ts';
import type { WebhookRoute } from './webhook.ts';
import { alreadyReported, conversionSkipReason } from './conversion.ts';
import type { TrackingOrigin } from './tracking-origin.ts';

/**
 * `origin`: the sale's tracking parameters, which a conversion postback needs its click id from; `transaction`: the
 * sale a conversion reports once (null: no sale to tell a repeat by, or a test, which goes as asked).
 */
export type FanOutEvent = { event: string; productId: string | null; origin: TrackingOrigin; transaction: string | null };

export function planDeliveries(webhooks: readonly WebhookRoute[], event: FanOutEvent, defaultMaxAttempts: number): DeliveryPlan[] {
  return webhooks.filter((webhook) => matches(webhook, event)).map((webhook) => planFor(webhook, defaultMaxAttempts, event));
}

export function planFor(webhook: WebhookRoute, defaultMaxAttempts: number, sale: Pick<FanOutEvent, 'origin' | 'transaction'>): DeliveryPlan {
  const plan: DeliveryPlan = {
    webhookId: webhook.id,
    version: webhook.version,
    hottokInBody: webhook.hottokInBody,
    maxAttempts: webhook.maxAttempts ?? defaultMaxAttempts,
    // a disabled webhook's events are recorded as skipped, so "recover since" can send them later
    status: webhook.enabled ? 'pending' : 'skipped',
  };
  if (!webhook.enabled || !webhook.postback) return plan;
  // a conversion with nothing to attribute it to is recorded as skipped, with the reason, and never sent
  const skipReason = conversionSkipReason(webhook.postback, sale.origin);
  if (skipReason !== null) return { ...plan, status: 'skipped', skipReason };
  // an ad network cannot tell a sale reported twice from two sales (no order id in the postback): the store skips a
  // repeat (`unlessReported`), reading the sale's earlier deliveries in the publish's transaction
  return sale.transaction === null ? plan : { ...plan, unlessReported: true };
}

/** A plan the store found already reported (`unlessReported`): recorded as skipped with the reason, never sent. */
export function asRepeat(plan: DeliveryPlan): DeliveryPlan {
  return { ...plan, status: 'skipped', skipReason: alreadyReported, unlessReported: false };
}

function matches(webhook: WebhookRoute, event: FanOutEvent): boolean {
  if (!webhook.events.includes(event.event)) return false;
  if (webhook.products === 'all') return true;
  // fails closed: an event without a product id only reaches webhooks scoped to all products
  return event.productId !== null && webhook.products.includes(event.productId);
}
