// The hosted checkout's use case: place an order for an offer (a purchase created through the lifecycle, its
// tracking origin recorded), once per order key (order-key.ts). Postback takes no money itself: a real payment
// provider confirms a boleto or PIX through POST /api/v1/purchases/:transaction/status.
import { randomInt, randomUUID } from 'node:crypto';
import type { TrackingOrigin } from '../../domain/tracking-origin.ts';
import { createPurchase } from '../../ingest/record-purchase.ts';
import type { PurchaseDeps } from '../../ingest/record-purchase.ts';
import type { Offer } from '../../store/offers.ts';
import type { AffiliateEntry } from './affiliate-credit.ts';
import type { BuyerBrowser } from './buyer-browser.ts';
import { transactionFor } from './order-key.ts';

export const paymentMethods = ['card', 'pix', 'billet'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** `key`: the form's order key, when it sent one; `affiliate`: the affiliate its link credits (affiliate-credit.ts), if any. */
export type CheckoutOrder = {
  name: string; email: string; payment: PaymentMethod; origin: TrackingOrigin; browser: BuyerBrowser; key?: string | undefined; affiliate?: AffiliateEntry | undefined;
};

/**
 * `placed`: this send made the order, or an earlier send of its key did (a double click, a resend): either way the
 * buyer goes to it. `taken`: the key's transaction is a sale that is not this offer's (moved by its producer, or a
 * collision): not shown, not placed again.
 */
export type OrderOutcome = { kind: 'placed'; transaction: string; repeated: boolean } | { kind: 'taken' };

/** A card is approved at once; a boleto or a PIX waits for its payment. */
export async function placeOrder(deps: PurchaseDeps, offer: Offer, order: CheckoutOrder): Promise<OrderOutcome> {
  const price = { value: offer.priceCents / 100, currency_value: offer.currency };
  const [firstName = order.name, ...lastNames] = order.name.split(/\s+/);
  const data = {
    product: { id: Number(offer.productId), name: offer.productName, ...(offer.productUcode ? { ucode: offer.productUcode } : {}) },
    buyer: { email: order.email, name: order.name, first_name: firstName, ...(lastNames.length > 0 ? { last_name: lastNames.join(' ') } : {}) },
    // the credited affiliate, as Hotmart names one; none: purchase-defaults.ts fills Hotmart's empty entry. No
    // commission is made up for it: an affiliation has no rate, so `commissions` stays as the checkout makes it (none)
    ...(order.affiliate ? { affiliates: [order.affiliate] } : {}),
    purchase: {
      price, full_price: price, original_offer_price: price,
      offer: { code: offer.code, name: offer.name },
      payment: paymentOf(order.payment),
      // only the parameters the link carried: an absent origin is left out, as Hotmart does
      ...(Object.keys(order.origin).length > 0 ? { origin: order.origin } : {}),
      // buyer_ip, buyer_user_agent, checkout_page_url: those the request told (none is ever made up)
      ...order.browser,
      // the key's transaction; without a key, createPurchase draws a random one
      ...(order.key !== undefined ? { transaction: transactionFor(offer.code, order.key) } : {}),
    },
  };
  const outcome = await createPurchase(deps, offer.accountId, order.payment === 'card' ? 'approved' : 'waiting_payment', data);
  switch (outcome.kind) {
    case 'recorded': return { kind: 'placed', transaction: outcome.purchase.transaction, repeated: false };
    // both stores answer `exists` once the first send committed (a concurrent one waits on its insert), never twice
    // a purchase: whether it is this offer's decides between its page and a refusal. Without a key, a random
    // transaction met another sale: never its page (as before keys, our failure: the buyer sends again)
    case 'exists': {
      if (order.key === undefined) throw new Error(`the checkout's random transaction ${outcome.transaction} exists`);
      const existing = await deps.store.getPurchase(offer.accountId, outcome.transaction);
      const offerCode = (existing?.data.purchase as { offer?: { code?: unknown } } | undefined)?.offer?.code;
      return offerCode === offer.code ? { kind: 'placed', transaction: outcome.transaction, repeated: true } : { kind: 'taken' };
    }
    // the catalogue refusing what this page built is our bug, not the buyer's
    default: throw new Error(`the checkout's order was not recorded: ${JSON.stringify(outcome)}`);
  }
}

/** The payment as the payload carries it. The boleto line and PIX code are placeholders: no provider issues them here. */
function paymentOf(method: PaymentMethod): Record<string, unknown> {
  switch (method) {
    case 'card': return { type: 'CREDIT_CARD', installments_number: 1 };
    case 'pix': return { type: 'PIX', installments_number: 1, pix_code: `postback-demo-pix-${randomUUID()}` };
    case 'billet': return { type: 'BILLET', installments_number: 1, billet_barcode: Array.from({ length: 47 }, () => randomInt(10)).join('') };
  }
}
