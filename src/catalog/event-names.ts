// The closed set of event names and payload format versions Postback knows about.

export const eventNames = [
  'PURCHASE_APPROVED',
  'PURCHASE_COMPLETE',
  'PURCHASE_CANCELED',
  'PURCHASE_REFUNDED',
  'PURCHASE_CHARGEBACK',
  'PURCHASE_PROTEST',
  'PURCHASE_EXPIRED',
  'PURCHASE_DELAYED',
  'PURCHASE_BILLET_PRINTED',
  'PURCHASE_OUT_OF_SHOPPING_CART',
  'SUBSCRIPTION_CANCELLATION',
  'SWITCH_PLAN',
  'UPDATE_SUBSCRIPTION_CHARGE_DATE',
  'CLUB_FIRST_ACCESS',
  'CLUB_MODULE_COMPLETED',
] as const;

export type EventName = (typeof eventNames)[number];

// The default first: '2.0.0' is Hotmart's JSON, '1.0.0' its legacy form-encoded "Postback" (fields in v1/).
export const formatVersions = ['2.0.0', '1.0.0'] as const;

export type FormatVersion = (typeof formatVersions)[number];

export type EventFamily = 'purchase' | 'cart' | 'subscription' | 'club';

const eventNameSet: ReadonlySet<string> = new Set(eventNames);

// Exact, case-sensitive match: Hotmart receivers switch on the literal name, so "purchase_approved" is unknown.
export function isEventName(x: unknown): x is EventName {
  return typeof x === 'string' && eventNameSet.has(x);
}
