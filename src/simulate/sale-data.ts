// The `data` of a simulated sale, and of each later charge of a subscription: every field a real purchase carries
// (the full modern shape the samples have), with this sale's product, buyer, price, payment and tracking.
import { sampleData } from '../catalog/index.ts';
import { paymentData } from './payment-data.ts';
import type { PaymentMethod } from './payment-data.ts';
import { buyerIp, origin, simulatedAffiliates } from './people.ts';
import type { SimulatedBuyer, SimulatedProduct } from './people.ts';
import type { Random } from './random.ts';

const day = 86_400_000;
const cents = (value: number) => Math.round(value * 100) / 100;

/** What one sale is: who bought what, how and through whom; `bumpOf` is the main purchase of an order bump. */
export type SaleTerms = {
  product: SimulatedProduct;
  buyer: SimulatedBuyer;
  transaction: string;
  method: PaymentMethod;
  /** When the simulation started: the base of the dates the plan decides (charges, expiries, warranty). */
  start: number;
  bumpOf?: string;
  subscriberCode?: string;
};

/** Hotmart's split: the marketplace fee, the affiliate's share when there is one, the producer's rest. */
function commissions(price: number, affiliated: boolean) {
  const marketplace = cents(price * 0.099 + 1);
  const affiliate = affiliated ? cents((price - marketplace) * 0.4) : 0;
  return [
    { value: marketplace, source: 'MARKETPLACE', currency_value: 'BRL' },
    { value: cents(price - marketplace - affiliate), source: 'PRODUCER', currency_value: 'BRL' },
    ...(affiliated ? [{ value: affiliate, source: 'AFFILIATE', currency_value: 'BRL' }] : []),
  ];
}

function productOf(product: SimulatedProduct, start: number) {
  const warranty = new Date(start + 7 * day).toISOString().slice(0, 10);
  return {
    id: product.id, ucode: product.ucode, name: product.name,
    // Hotmart's style: a whole day, no milliseconds
    warranty_date: `${warranty}T00:00:00Z`,
    support_email: 'suporte@produtora.example.com', has_co_production: false, is_physical_product: false,
    content: { has_physical_products: false, products: [{ id: product.id, ucode: product.ucode, name: product.name, is_physical_product: false }] },
  };
}

/** The first charge of a sale (recurrence 1 of a subscription). Status, order and approval dates are the lifecycle API's. */
export function saleData(random: Random, terms: SaleTerms): Record<string, unknown> {
  const { product, transaction, start } = terms;
  const coupon = random.chance(0.2) ? 'BLACK10' : undefined;
  const price = coupon ? cents(product.price * 0.9) : product.price;
  const affiliate = random.chance(0.5) ? { ...random.pick(simulatedAffiliates) } : undefined;
  const tracking = origin(random);
  const sample = sampleData('PURCHASE_APPROVED') as Record<string, any>;
  const data: Record<string, any> = {
    product: productOf(product, start),
    // Hotmart sends one element with empty strings when the sale had no affiliate
    affiliates: [affiliate ?? { affiliate_code: '', name: '' }],
    buyer: terms.buyer,
    producer: sample.producer,
    commissions: commissions(price, affiliate !== undefined),
    purchase: {
      transaction,
      price: { value: price, currency_value: 'BRL' },
      full_price: { value: price, currency_value: 'BRL' },
      original_offer_price: { value: product.price, currency_value: 'BRL' },
      offer: { code: product.offer, ...(coupon ? { coupon_code: coupon } : {}), name: product.plan?.name ?? 'Oferta principal' },
      payment: paymentData(random, terms.method, transaction, price, start),
      ...(tracking ? { origin: tracking } : {}),
      checkout_country: { name: 'Brasil', iso: 'BR' },
      buyer_ip: buyerIp(random),
      order_bump: terms.bumpOf ? { is_order_bump: true, parent_purchase_transaction: terms.bumpOf } : { is_order_bump: false },
      subscription_anticipation_purchase: false,
      is_funnel: random.chance(0.1),
      business_model: 'I',
      invoice_by: 'HOTMART',
      event_tickets: { amount: 0 },
      sckPaymentLink: tracking?.sck ?? '',
    },
  };
  if (product.plan && terms.subscriberCode) {
    Object.assign(data.purchase, { recurrence_number: 1, date_next_charge: start + product.plan.periodDays * day });
    data.subscription = { status: 'ACTIVE', plan: { id: product.plan.id, name: product.plan.name }, subscriber: { code: terms.subscriberCode } };
  }
  return data;
}

/**
 * Charge `recurrence` (2, 3, ...) of a subscription: Hotmart issues a new transaction per charge, so receivers that
 * dedupe on the transaction extend access; the same buyer, product, plan, subscriber code and affiliate; the list
 * price, by card, never an order bump.
 */
export function renewalData(random: Random, first: Record<string, unknown>, product: SimulatedProduct, transaction: string, recurrence: number, start: number): Record<string, unknown> {
  const data = structuredClone(first) as Record<string, any>;
  const period = (product.plan?.periodDays ?? 30) * day;
  const affiliated = (data.affiliates as { affiliate_code: string }[])[0]?.affiliate_code !== '';
  data.commissions = commissions(product.price, affiliated);
  const { coupon_code: _coupon, ...offer } = data.purchase.offer as Record<string, unknown>;
  data.purchase = {
    ...data.purchase, transaction,
    price: { value: product.price, currency_value: 'BRL' },
    full_price: { value: product.price, currency_value: 'BRL' },
    offer,
    payment: paymentData(random, 'CREDIT_CARD', transaction, product.price, start + (recurrence - 1) * period),
    order_bump: { is_order_bump: false },
    recurrence_number: recurrence,
    date_next_charge: start + recurrence * period,
  };
  return data;
}
