// Which webhooks receive an event: event type and product scope. Pure.
import type { DeliveryPlan } from './delivery.ts';
import type { WebhookRoute } from './webhook.ts';
import { conversionSkipReason } from './conversion.ts';
import type { TrackingOrigin } from './tracking-origin.ts';

/** `origin`: the sale's tracking parameters, which a conversion postback needs its click id from. */
export type FanOutEvent = { event: string; productId: string | null; origin: TrackingOrigin };

export function planDeliveries(webhooks: readonly WebhookRoute[], event: FanOutEvent, defaultMaxAttempts: number): DeliveryPlan[] {
  return webhooks.filter((webhook) => matches(webhook, event)).map((webhook) => planFor(webhook, defaultMaxAttempts, event.origin));
}

export function planFor(webhook: WebhookRoute, defaultMaxAttempts: number, origin: TrackingOrigin): DeliveryPlan {
  const plan: DeliveryPlan = {
    webhookId: webhook.id,
    version: webhook.version,
    hottokInBody: webhook.hottokInBody,
    maxAttempts: webhook.maxAttempts ?? defaultMaxAttempts,
    // a disabled webhook's events are recorded as skipped, so "recover since" can send them later
    status: webhook.enabled ? 'pending' : 'skipped',
  };
  // a conversion with nothing to attribute it to is recorded as skipped, with the reason, and never sent
  const skipReason = webhook.enabled && webhook.postback ? conversionSkipReason(webhook.postback, origin) : null;
  return skipReason === null ? plan : { ...plan, status: 'skipped', skipReason };
}

function matches(webhook: WebhookRoute, event: FanOutEvent): boolean {
  if (!webhook.events.includes(event.event)) return false;
  if (webhook.products === 'all') return true;
  // fails closed: an event without a product id only reaches webhooks scoped to all products
  return event.productId !== null && webhook.products.includes(event.productId);
}
