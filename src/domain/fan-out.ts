// Which webhooks receive an event: event type and product scope. Pure.
import type { DeliveryPlan, WebhookRoute } from '../store/store.ts';

export type FanOutEvent = { event: string; productId: string | null };

export function planDeliveries(webhooks: readonly WebhookRoute[], event: FanOutEvent, defaultMaxAttempts: number): DeliveryPlan[] {
  return webhooks.filter((webhook) => matches(webhook, event)).map((webhook) => planFor(webhook, defaultMaxAttempts));
}

export function planFor(webhook: WebhookRoute, defaultMaxAttempts: number): DeliveryPlan {
  return {
    webhookId: webhook.id,
    version: webhook.version,
    hottokInBody: webhook.hottokInBody,
    maxAttempts: webhook.maxAttempts ?? defaultMaxAttempts,
    // a disabled webhook's events are recorded as skipped, so "recover since" can send them later
    status: webhook.enabled ? 'pending' : 'skipped',
  };
}

function matches(webhook: WebhookRoute, event: FanOutEvent): boolean {
  if (!webhook.events.includes(event.event)) return false;
  if (webhook.products === 'all') return true;
  // fails closed: an event without a product id only reaches webhooks scoped to all products
  return event.productId !== null && webhook.products.includes(event.productId);
}
