// The 1.0.0 fields every event carries (hottok, callback_type) and the keys the catalogue already locates per
// event (product id, subscriber code, transaction): read through the same extractors fan-out and history use.
import { eventDefinitions } from '../definitions.ts';
import { eventNames } from '../event-names.ts';
import type { EventName } from '../event-names.ts';
import { productIdOf, subscriberCodeOf, transactionOf } from '../extract.ts';
import { computed } from './field.ts';
import type { LegacyField } from './field.ts';

/**
 * `callback_type` per event. 1 for every purchase event is what legacy receivers check (they tell purchases apart by
 * `status`). The form carries no event name, so the events 1.0.0 never had get a code each, 2 to 7: Postback's own
 * values, not Hotmart's; they let a receiver, and the 1.0.0 checker, tell every event apart.
 */
export const callbackTypes: { readonly [E in EventName]: string } = {
  PURCHASE_APPROVED: '1',
  PURCHASE_COMPLETE: '1',
  PURCHASE_CANCELED: '1',
  PURCHASE_REFUNDED: '1',
  PURCHASE_CHARGEBACK: '1',
  PURCHASE_PROTEST: '1',
  PURCHASE_EXPIRED: '1',
  PURCHASE_DELAYED: '1',
  PURCHASE_BILLET_PRINTED: '1',
  SUBSCRIPTION_CANCELLATION: '2',
  SWITCH_PLAN: '3',
  UPDATE_SUBSCRIPTION_CHARGE_DATE: '4',
  PURCHASE_OUT_OF_SHOPPING_CART: '5',
  CLUB_FIRST_ACCESS: '6',
  CLUB_MODULE_COMPLETED: '7',
};

/** The events a `callback_type` value stands for; empty for an unknown value. */
export function eventsOfCallbackType(value: string): EventName[] {
  return eventNames.filter((event) => callbackTypes[event] === value);
}

/** "1 (PURCHASE_*), 2 (SUBSCRIPTION_CANCELLATION), ...", for docs and error messages. */
export const callbackTypeList = [...new Set(Object.values(callbackTypes))]
  .map((code) => {
    const events = eventsOfCallbackType(code);
    return `${code} (${events.length > 1 ? 'PURCHASE_*' : events.join('')})`;
  })
  .join(', ');

export const hottokField = computed('hottok', "the account's hottok", 'Security token of the account (the same value as the X-HOTMART-HOTTOK header)', (c) => c.hottok, { required: true });

export function callbackTypeField(event: EventName): LegacyField {
  const code = callbackTypes[event];
  return computed('callback_type', `constant ${code} for ${event}`, `Kind of notification: ${callbackTypeList}`, () => code, { kind: 'integer', required: true });
}

export function productField(event: EventName): LegacyField {
  return computed('prod', eventDefinitions[event].productIdPath.join('.'), 'Product id', (c) => productIdOf(c.event, c.data), { required: true });
}

/** `required` says whether the event's schema requires the subscriber code. */
export function subscriberCodeField(event: EventName, required: boolean): LegacyField {
  const source = eventDefinitions[event].subscriberCodePath.join('.');
  return computed('subscriber_code', source, 'Subscriber code, stable across the subscription', (c) => subscriberCodeOf(c.event, c.data), { required });
}

export const transactionField = computed('transaction', 'purchase.transaction', 'Transaction code ("HP" followed by digits)', (c) => transactionOf(c.event, c.data), { required: true });
