// A manual resend: a new cycle of attempts for the same event id and body, unless there is nothing to send or the
// owner turned the webhook off.
import { eventAgeLimit, skipReasonOf } from '../delivery/conversion/render-conversion.ts';
import { alreadyReported, eventTooOld, noClickId } from '../domain/conversion.ts';
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
  /** A test of a network that counts tests as sales unless they carry its test code (Meta), whose webhook has none now. */
  | { kind: 'no_test_event_code' }
  /** A conversion whose event (`eventTime`, its creation date) is older than its network accepts (`maxAgeMs`). */
  | { kind: 'event_too_old'; eventTime: number; network: string; maxAgeMs: number }
  /** A conversion skipped as a repeat of one its webhook already reported for the sale: sending it would count the sale twice. */
  | { kind: 'already_reported' };

export async function resendDelivery(deps: ResendDeps, accountId: AccountId, deliveryId: DeliveryId, now: number): Promise<ResendResult> {
  const detail = await deps.store.getDelivery(accountId, deliveryId);
  if (!detail) return { kind: 'not_found' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) return { kind: 'no_click_id' };
  if (detail.delivery.status === 'skipped' && detail.delivery.lastError === alreadyReported) return { kind: 'already_reported' };
  const webhook = await deps.store.getWebhook(accountId, detail.delivery.webhookId);
  // a conversion is rendered under its webhook's settings of the moment it goes out: once the owner has changed
  // click_id_from (or the templates) so that they find no click id in this sale, or removed the Test Events code a
  // test needs, there is nothing to send again; nor once the event is older than its network accepts. The refusal says
  // which, as the attempt would record it
  if (webhook?.postback) {
    const skip = skipReasonOf(detail.event, webhook.postback, now);
    // only a network's age limit makes an event too old: it has one
    if (skip === eventTooOld) return { kind: skip, eventTime: detail.event.creationDate, ...eventAgeLimit(webhook.postback)! };
    if (skip !== null) return { kind: skip };
  }
  // the store refuses, as it writes, a delivery whose attempt is out and a disabled configuration ("do not post": a
  // resend must not post behind its back)
  const resent = await deps.store.resendDelivery(accountId, deliveryId, now, webhook?.maxAttempts ?? deps.defaultMaxAttempts);
  if (resent.kind === 'resent') deps.wake();
  return resent;
}
