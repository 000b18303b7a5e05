// A manual resend: a new cycle of attempts for the same event id and body, unless there is nothing to send or the
// owner turned the webhook off.
import { noClickId } from '../domain/conversion.ts';
import type { DeliverySummary, Store } from '../store/store.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

export type ResendDeps = {
  store: Pick<Store, 'getDelivery' | 'getWebhook' | 'resendDelivery'>;
  /** The attempts a webhook without its own max_attempts gets (the retry schedule's length). */
  defaultMaxAttempts: number;
  /** Hint to a dispatcher in this process that a delivery is due. */
  wake: () => void;
};

export type ResendResult =
  | { kind: 'resent'; delivery: DeliverySummary }
  | { kind: 'not_found' }
  /** A conversion skipped for having no click id: there is nothing to attribute it to. */
  | { kind: 'no_click_id' }
  | { kind: 'webhook_disabled' };

export async function resendDelivery(deps: ResendDeps, accountId: AccountId, deliveryId: DeliveryId, now: number): Promise<ResendResult> {
  const detail = await deps.store.getDelivery(accountId, deliveryId);
  if (!detail) return { kind: 'not_found' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) return { kind: 'no_click_id' };
  const webhook = await deps.store.getWebhook(accountId, detail.delivery.webhookId);
  // fails closed: a disabled configuration means "do not post"; a resend must not post behind its back
  if (webhook && !webhook.enabled) return { kind: 'webhook_disabled' };
  const resent = await deps.store.resendDelivery(accountId, deliveryId, now, webhook?.maxAttempts ?? deps.defaultMaxAttempts);
  if (!resent) return { kind: 'not_found' };
  deps.wake();
  return { kind: 'resent', delivery: resent };
}
