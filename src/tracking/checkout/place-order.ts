// The hosted checkout's use cases: place an order for an offer (a purchase created through the lifecycle, its
// tracking origin recorded), and, in demo mode, move it as a payment provider would. Postback takes no money itself:
// a real payment provider confirms a boleto or PIX through POST /api/v1/purchases/:transaction/status.
import { randomInt, randomUUID } from 'node:crypto';
import type { TrackingOrigin } from '../../domain/tracking-origin.ts';
import { createPurchase } from '../../ingest/record-purchase.ts';
import type { PurchaseDeps, PurchaseOutcome } from '../../ingest/record-purchase.ts';
import type { Offer } from '../../store/offers.ts';

export const paymentMethods = ['card', 'pix', 'billet'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export type CheckoutOrder = { name: string; email: string; payment: PaymentMethod; origin: TrackingOrigin };

/** A card is approved at once; a boleto or a PIX waits for its payment. */
export async function placeOrder(deps: PurchaseDeps, offer: Offer, order: CheckoutOrder): Promise<PurchaseOutcome> {
  const price = { value: offer.priceCents / 100, currency_value: offer.currency };
  const [firstName = order.name, ...lastNames] = order.name.split(/\s+/);
  const data = {
    product: { id: Number(offer.productId), name: offer.productName, ...(offer.productUcode ? { ucode: offer.productUcode } : {}) },
    buyer: { email: order.email, name: order.name, first_name: firstName, ...(lastNames.length > 0 ? { last_name: lastNames.join(' ') } : {}) },
    purchase: {
      price, full_price: price, original_offer_price: price,
      offer: { code: offer.code, name: offer.name },
      payment: paymentOf(order.payment),
      // only the parameters the link carried: an absent origin is left out, as Hotmart does
      ...(Object.keys(order.origin).length > 0 ? { origin: order.origin } : {}),
    },
  };
  return createPurchase(deps, offer.accountId, order.payment === 'card' ? 'approved' : 'waiting_payment', data);
}

/** The payment as the payload carries it. The boleto line and PIX code are placeholders: no provider issues them here. */
function paymentOf(method: PaymentMethod): Record<string, unknown> {
  switch (method) {
    case 'card': return { type: 'CREDIT_CARD', installments_number: 1 };
    case 'pix': return { type: 'PIX', installments_number: 1, pix_code: `postback-demo-pix-${randomUUID()}` };
    case 'billet': return { type: 'BILLET', installments_number: 1, billet_barcode: Array.from({ length: 47 }, () => randomInt(10)).join('') };
  }
}
