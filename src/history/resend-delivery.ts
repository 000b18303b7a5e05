// A manual resend: a new cycle of attempts for the same event id and body, unless there is nothing to send or the
// owner turned the webhook off.
import { skipReasonOf } from '../delivery/conversion/render-conversion.ts';
import { alreadyReported, noClickId } from '../domain/conversion.ts';
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
  /** A conversion skipped for having no click id, or with none under its webhook's settings now: nothing to attribute it to. */
  | { kind: 'no_click_id' }
  /** A conversion skipped as a repeat of one its webhook already reported for the sale: sending it would count the sale twice. */
  | { kind: 'already_reported' };

export async function resendDelivery(deps: ResendDeps, accountId: AccountId, deliveryId: DeliveryId, now: number): Promise<ResendResult> {
  const detail = await deps.store.getDelivery(accountId, deliveryId);
  if (!detail) return { kind: 'not_found' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) return { kind: 'no_click_id' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === alreadyReported) return { kind: 'already_reported' };
  const webhook = await deps.store.getWebhook(accountId, detail.delivery.webhookId);
  // a conversion is rendered under its webhook's settings of the moment it goes out: once the owner has changed
  // click_id_from (or the templates) so that they find no click id in this sale, there is nothing to send again
  if (webhook?.postback && skipReasonOf(detail.event, webhook.postback) !== null) return { kind: 'no_click_id' };
  // the store refuses, as it writes, a delivery whose attempt is out and a disabled configuration ("do not post": a
  // resend must not post behind its back)
  const resent = await deps.store.resendDelivery(accountId, deliveryId, now, webhook?.maxAttempts ?? deps.defaultMaxAttempts);
  if (resent.kind === 'resent') deps.wake();
  return resent;
}
