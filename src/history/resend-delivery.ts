// A manual resend: a new cycle of attempts for the same event id and body, unless there is nothing to send or the
// owner turned the webhook off.
import { noClickId } from '../domain/conversion.ts';
import type { StoredResend } from '../domain/delivery.ts';
import type { Store } from '../store/store.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

export type ResendDeps = {
  store: Pick<Store, 'getDelivery' | 'getWebhook' | 'resendDelivery'>;
  /** The attempts a webhook without its own max_attempts gets (the retry schedule's length). */
  defaultMaxAttempts: number;
  /** Hint to a dispatcher in this process that a delivery is due. */
  wake: () => void;
};

export type ResendResult =
  | StoredResend
  /** A conversion skipped for having no click id: there is nothing to attribute it to. */
  | { kind: 'no_click_id' };

export async function resendDelivery(deps: ResendDeps, accountId: AccountId, deliveryId: DeliveryId, now: number): Promise<ResendResult> {
  const detail = await deps.store.getDelivery(accountId, deliveryId);
  if (!detail) return { kind: 'not_found' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) return { kind: 'no_click_id' };
  const webhook = await deps.store.getWebhook(accountId, detail.delivery.webhookId);
  // the store refuses, as it writes, a delivery whose attempt is out and a disabled configuration ("do not post": a
  // resend must not post behind its back)
  const resent = await deps.store.resendDelivery(accountId, deliveryId, now, webhook?.maxAttempts ?? deps.defaultMaxAttempts);
  if (resent.kind === 'resent') deps.wake();
  return resent;
}
