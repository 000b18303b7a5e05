// The `purchase` object of purchase-family events: the order itself, its price and its payment.
import * as z from 'zod';
import { buyerData, personal, shared } from '../field-doc.ts';
import { amount, currencyCode, epochMs, epochMsOrDigits, epochMsOrIso, nonEmpty } from '../formats.ts';
import { purchaseOrigin } from './purchase-origin.ts';

// Statuses seen on the wire plus Hotmart's documented enum (their spellings differ: CANCELED vs CANCELLED).
// Not pinned per event: the docs example sends STARTED with PURCHASE_APPROVED. Fails closed on any other spelling,
// so a typo at ingest is caught; add new Hotmart statuses here.
export const purchaseStatuses = [
  'APPROVED', 'COMPLETED', 'CANCELED', 'REFUNDED', 'CHARGEBACK', 'DISPUTE', 'EXPIRED', 'DELAYED', 'BILLET_PRINTED',
  'STARTED', 'BLOCKED', 'CANCELLED', 'COMPLETE', 'NO_FUNDS', 'OVERDUE', 'PARTIALLY_REFUNDED', 'PRE_ORDER',
  'PRINTED_BILLET', 'PROCESSING_TRANSACTION', 'PROTESTED', 'UNDER_ANALISYS', 'WAITING_PAYMENT',
] as const;

// Older (2022) deliveries send money as `{ value }` alone: the currency is optional, typed when present.
export function money(what: string) {
  return z.looseObject({
    value: shared(amount, `${what}: amount`, 'number'),
    currency_value: shared(currencyCode, `${what}: currency`, 'ISO 4217', { size: 3 }).optional(),
  });
}

// Older (2022) test posts send `"checkout_country": {}`: both keys are optional, typed when present.
export const checkoutCountry = z.looseObject({
  name: shared(z.string(), 'Checkout country name', 'string').optional(),
  iso: shared(z.string(), 'Checkout country code', 'ISO 3166-1 alpha-2', { size: 2 }).optional(),
});

const offer = z.looseObject({
  code: shared(z.string(), 'Offer (price plan) code', 'string'),
  coupon_code: shared(z.string(), 'Discount coupon used', 'string').optional(),
  name: shared(z.string(), 'Offer name', 'string').optional(),
  description: shared(z.string(), 'Offer description', 'string').optional(),
});

const payment = z.looseObject({
  type: shared(z.string(), 'Payment method: CREDIT_CARD, PIX, BILLET, WALLET, PAYPAL, PICPAY, GOOGLE_PAY...', 'string'),
  installments_number: shared(z.number().int().positive(), 'Number of installments', 'integer').optional(),
  billet_url: buyerData(z.string(), 'Link to the boleto', 'URL').optional(),
  billet_barcode: buyerData(z.string(), 'Boleto barcode line', 'string').optional(),
  pix_code: buyerData(z.string(), 'PIX copy-and-paste code', 'string').optional(),
  pix_qrcode: buyerData(z.string(), 'Link to the PIX QR code', 'URL').optional(),
  pix_expiration_date: buyerData(epochMs, 'When the PIX code expires', 'epoch ms').optional(),
  refusal_reason: shared(z.string(), 'Why the payment was refused', 'string').optional(),
});

const variants = z.looseObject({
  sku: shared(z.string(), 'Variant SKU (physical products)', 'string').optional(),
  attributes: z
    .array(
      z.looseObject({
        name: shared(z.string(), 'Variant attribute name, e.g. size', 'string'),
        value: shared(z.string(), 'Variant attribute value', 'string'),
      }),
    )
    .optional(),
});

export const purchaseOrder = z.looseObject({
  transaction: shared(nonEmpty, 'Transaction code ("HP" followed by digits); orders events of one sale', 'string'),
  status: shared(z.enum(purchaseStatuses), 'Purchase status', `enum: ${purchaseStatuses.join('|')}`),
  order_date: shared(epochMsOrDigits, 'When the order was placed', 'epoch ms').optional(),
  approved_date: shared(epochMs, 'When the payment was approved; absent when never approved', 'epoch ms').optional(),
  price: money('Price paid').optional(),
  full_price: money('Full price before discounts').optional(),
  original_offer_price: money('Offer price in its original currency').optional(),
  offer: offer.optional(),
  payment: payment.optional(),
  origin: purchaseOrigin.optional(),
  checkout_country: checkoutCountry.optional(),
  buyer_ip: personal(z.string(), 'IP address the buyer checked out from', 'string').optional(),
  // Postback's hosted checkout records these two beside Hotmart's buyer_ip (ad networks match website sales on them);
  // the three are traces of the buyer's device, never the contact data sharing releases: never sent to affiliates
  buyer_user_agent: personal(z.string(), 'The buyer\'s browser (User-Agent header) at checkout; recorded by the hosted checkout', 'string').optional(),
  checkout_page_url: personal(z.string(), 'Address of the page the order was placed from, as the buyer\'s browser reported it (Referer); recorded by the hosted checkout', 'URL').optional(),
  order_bump: z
    .looseObject({
      is_order_bump: shared(z.boolean(), 'Whether this purchase is an order bump', 'boolean'),
      parent_purchase_transaction: shared(z.string(), 'Transaction of the main purchase', 'string').optional(),
    })
    .optional(),
  recurrence_number: shared(z.number().int().nonnegative(), 'Which recurrence of a subscription this is', 'integer').optional(),
  date_next_charge: shared(epochMsOrIso, 'Next subscription charge', 'epoch ms | ISO-8601').optional(),
  subscription_anticipation_purchase: shared(z.boolean(), 'Whether recurrences were paid in advance', 'boolean').optional(),
  is_funnel: shared(z.boolean(), 'Whether the purchase came from a sales funnel', 'boolean').optional(),
  business_model: shared(z.string(), 'Business model code, e.g. I', 'string').optional(),
  invoice_by: shared(z.string(), 'Who issues the invoice for the sale, e.g. HOTMART', 'string').optional(),
  // the tracking code of a Hotmart payment link; spelled in camelCase on the wire, unlike its neighbours
  sckPaymentLink: shared(z.string(), 'Tracking code (sck) of the payment link the sale came through', 'string').optional(),
  variants: variants.optional(),
  event_tickets: z
    .looseObject({ amount: shared(z.number().int().nonnegative(), 'Number of event tickets bought', 'integer') })
    .optional(),
});
