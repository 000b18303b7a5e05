// Reads a notification in either of Postback's (and Hotmart's) formats into the facts the area keeps: 2.0.0 JSON
// ({id, event, creation_date, data}) or the legacy 1.0.0 form (flat fields, `status` and `callback_type` instead of an
// event name). Lenient by design: a receiver takes what the sender sends and keeps what it needs; only a body with
// no event at all is refused.
import { valueAt } from '../../catalog/extract.ts';
import { contentId, instantOrNull, languageOfCountry, normalizeEmail, textOrNull } from './notification.ts';
import type { Notification } from './notification.ts';

export type Parsed = { ok: true; notification: Notification } | { ok: false; problem: string };

/** `webhookId`: the webhook-id header, when present (the body's own id wins). */
export function parseJsonNotification(body: Record<string, unknown>, webhookId: string | undefined, receivedAt: number): Parsed {
  const data = body.data;
  if (typeof body.event !== 'string' || typeof data !== 'object' || data === null) return { ok: false, problem: 'expected a 2.0.0 notification: {id, event, creation_date, data}' };
  const at = (...path: string[]) => valueAt(data as Record<string, unknown>, path);
  const id = textOrNull(body.id) ?? webhookId ?? contentId(JSON.stringify(body));
  return {
    ok: true,
    notification: {
      eventId: id, event: body.event, format: '2.0.0',
      occurredAt: instantOrNull(body.creation_date) ?? instantOrNull(body.creationDate) ?? receivedAt,
      email: normalizeEmail(at('buyer', 'email') ?? at('subscriber', 'email') ?? at('user', 'email')),
      buyerName: textOrNull(at('buyer', 'name') ?? at('subscriber', 'name') ?? at('user', 'name')),
      language: languageOfCountry(at('purchase', 'checkout_country', 'iso') ?? at('buyer', 'address', 'country_iso')),
      productId: textOrNull(at('product', 'id')),
      productName: textOrNull(at('product', 'name')),
      transaction: textOrNull(at('purchase', 'transaction')),
      subscriberCode: textOrNull(at('subscription', 'subscriber', 'code') ?? at('subscriber', 'code')),
      recurrenceNumber: numberOrNull(at('purchase', 'recurrence_number')),
      dateNextCharge: instantOrNull(at('purchase', 'date_next_charge') ?? at('date_next_charge')),
    },
  };
}

// The form has no event name: its lowercase status says it, and callback_type 2 marks a subscription cancellation
// (see the README's Receiving section); the other callback types are the events the legacy format never had.
const eventOfStatus: Record<string, string> = {
  approved: 'PURCHASE_APPROVED', completed: 'PURCHASE_COMPLETE', refunded: 'PURCHASE_REFUNDED', chargeback: 'PURCHASE_CHARGEBACK',
  canceled: 'PURCHASE_CANCELED', dispute: 'PURCHASE_PROTEST', delayed: 'PURCHASE_DELAYED', expired: 'PURCHASE_EXPIRED', billet_printed: 'PURCHASE_BILLET_PRINTED',
};
const eventOfCallback: Record<string, string> = {
  2: 'SUBSCRIPTION_CANCELLATION', 3: 'SWITCH_PLAN', 4: 'UPDATE_SUBSCRIPTION_CHARGE_DATE', 5: 'PURCHASE_OUT_OF_SHOPPING_CART', 6: 'CLUB_FIRST_ACCESS', 7: 'CLUB_MODULE_COMPLETED',
};

/** `sentAt`: the webhook-timestamp header in ms, when present. */
export function parseFormNotification(form: URLSearchParams, webhookId: string | undefined, sentAt: number | null, receivedAt: number): Parsed {
  const field = (name: string) => textOrNull(form.get(name));
  const status = field('status') ?? '';
  const event = eventOfCallback[field('callback_type') ?? ''] ?? eventOfStatus[status];
  if (event === undefined) return { ok: false, problem: `expected a 1.0.0 form with a known status (got "${status}") or callback_type` };
  // without a webhook-id (a sender other than Postback), the body itself is the identity, its hottok left out
  const withoutHottok = new URLSearchParams(form);
  withoutHottok.delete('hottok');
  const granted = event === 'PURCHASE_APPROVED' || event === 'PURCHASE_COMPLETE';
  return {
    ok: true,
    notification: {
      eventId: webhookId ?? contentId(withoutHottok.toString()), event, format: '1.0.0',
      // the form carries no creation date: a payment is dated by its confirmation, the rest by when it was sent
      occurredAt: (granted ? instantOrNull(form.get('confirmation_purchase_date')) : null) ?? sentAt ?? receivedAt,
      email: normalizeEmail(form.get('email')),
      buyerName: field('name'),
      language: languageOfCountry(form.get('address_country_ISO')),
      productId: field('prod'),
      productName: field('prod_name'),
      transaction: field('transaction'),
      subscriberCode: field('subscriber_code'),
      recurrenceNumber: numberOrNull(form.get('recurrency')),
      dateNextCharge: instantOrNull(form.get('subscription_date_next_charge')),
    },
  };
}

function numberOrNull(value: unknown): number | null {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : null;
}
