// The 1.0.0 form of the nine purchase events: every legacy field that has a source in the 2.0.0 purchase `data`.
// The legacy fields with no 2.0.0 source are listed, with why, in not-sent.ts.
import type { EventName } from '../event-names.ts';
import { affiliateFields, buyerFields, producerFields } from './buyer-fields.ts';
import { commissionFields } from './commission-fields.ts';
import { callbackTypeField, hottokField, productField, subscriberCodeField, transactionField } from './common-fields.ts';
import { computed, from, lowercase, mapped } from './field.ts';
import type { LegacyField } from './field.ts';
import { legacyStatusOf } from './status-map.ts';

const purchase = (...path: string[]) => ['purchase', ...path];

// The legacy `signature_status` words for the 2.0.0 subscription statuses (as Hotmart-compatible platforms document
// them); a status outside this list is sent empty rather than guessed.
const signatureStatuses: Readonly<Record<string, string>> = {
  ACTIVE: 'Active', INACTIVE: 'Inactive', DELAYED: 'Delayed', STARTED: 'Started', EXPIRED: 'Expired',
  CANCELLED_BY_CUSTOMER: 'Canceled by client', CANCELLED_BY_SELLER: 'Canceled by vendor', CANCELLED_BY_ADMIN: 'Canceled by admin',
};
const signatureStatusOf = (status: unknown) => (typeof status === 'string' && Object.hasOwn(signatureStatuses, status) ? signatureStatuses[status] : undefined);

// The landing-page tracking parameters the checkout recorded with the origin, as the legacy form sent them.
const utmFields = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']
  .map((name) => from(name, purchase('origin', name), `Tracking parameter ${name} of the checkout link`));

const orderFields: readonly LegacyField[] = [
  transactionField,
  from('xcod', purchase('origin', 'xcod'), 'Tracking code (xcod) of the checkout link'),
  from('src', purchase('origin', 'src'), 'Tracking source (src) of the checkout link'),
  from('sck', purchase('origin', 'sck'), 'Tracking code (sck) of the checkout link'),
  ...utmFields,
  mapped('status', purchase('status'), 'through the status map', 'Purchase status, lowercase', legacyStatusOf, { kind: 'status', required: true }),
  computed('payment_engine', 'constant hotmart', 'Payment platform (always hotmart, as Hotmart sent it)', () => 'hotmart'),
  mapped('payment_type', purchase('payment', 'type'), 'lowercased', 'Payment method: credit_card, billet, pix, paypal...', lowercase),
  from('coupon_code', purchase('offer', 'coupon_code'), 'Discount coupon used'),
  from('purchase_date', purchase('order_date'), 'When the order was placed', { kind: 'datetime', required: true }),
  from('confirmation_purchase_date', purchase('approved_date'), 'When the payment was approved; absent when never approved', { kind: 'datetime' }),
  from('billet_url', purchase('payment', 'billet_url'), 'Link to the boleto'),
  from('billet_barcode', purchase('payment', 'billet_barcode'), 'Boleto barcode line'),
  from('currency', purchase('price', 'currency_value'), 'Currency of price (ISO 4217)', { required: true }),
  from('currency_code_from', purchase('original_offer_price', 'currency_value'), 'Currency the offer is priced in (ISO 4217)'),
  from('currency_code_from_', purchase('price', 'currency_value'), 'Currency the buyer paid in (ISO 4217)'),
  from('original_offer_price', purchase('original_offer_price', 'value'), 'Offer price in its original currency', { kind: 'decimal' }),
  from('full_price', purchase('full_price', 'value'), 'Full price before discounts', { kind: 'decimal' }),
  from('refusal_reason', purchase('payment', 'refusal_reason'), 'Why the payment was refused'),
  from('installments_number', purchase('payment', 'installments_number'), 'Number of installments', { kind: 'integer' }),
  from('funnel', purchase('is_funnel'), 'Whether the purchase came from a sales funnel', { kind: 'boolean' }),
  from('order_bump', purchase('order_bump', 'is_order_bump'), 'Whether this purchase is an order bump', { kind: 'boolean' }),
  from('parent_purchase_transaction', purchase('order_bump', 'parent_purchase_transaction'), 'Transaction of the main purchase (order bumps)'),
  from('business_model', purchase('business_model'), 'Business model code, e.g. I'),
  from('amount', purchase('event_tickets', 'amount'), 'Number of event tickets (e-tickets) bought', { kind: 'integer' }),
];

function subscriptionFields(event: EventName): readonly LegacyField[] {
  return [
    from('name_subscription_plan', ['subscription', 'plan', 'name'], 'Subscription plan name'),
    subscriberCodeField(event, false),
    from('recurrency', purchase('recurrence_number'), 'Which recurrence of the subscription this is', { kind: 'integer' }),
    mapped('subscription_status', ['subscription', 'status'], 'lowercased', 'Subscription status, e.g. active, inactive, delayed', lowercase),
    mapped('signature_status', ['subscription', 'status'], 'in words (ACTIVE → Active, CANCELLED_BY_CUSTOMER → Canceled by client, ...)', 'Subscription status in words: Active, Inactive, Delayed, Canceled by client, Canceled by vendor, Canceled by admin, Expired, Started', signatureStatusOf),
    from('subscription_date_next_charge', purchase('date_next_charge'), 'Next subscription charge', { kind: 'datetime' }),
  ];
}

/** The full 1.0.0 form of a purchase event (product, offer, people, order, payment, subscription). */
export function purchaseLegacyFields(event: EventName): readonly LegacyField[] {
  return [
    hottokField,
    productField(event),
    from('prod_name', ['product', 'name'], 'Product name', { required: true }),
    from('off', purchase('offer', 'code'), 'Offer (price plan) code'),
    from('price', purchase('price', 'value'), 'Price paid', { kind: 'decimal', required: true }),
    ...affiliateFields,
    ...buyerFields,
    ...orderFields,
    ...subscriptionFields(event),
    ...commissionFields,
    from('warranty_date', ['product', 'warranty_date'], 'End of the guarantee (refund) period', { kind: 'datetime' }),
    from('product_support_email', ['product', 'support_email'], 'Producer support e-mail shown to buyers', { kind: 'email' }),
    from('has_co_production', ['product', 'has_co_production'], 'Whether the product has co-producers', { kind: 'boolean' }),
    ...producerFields,
    callbackTypeField(event),
  ];
}
