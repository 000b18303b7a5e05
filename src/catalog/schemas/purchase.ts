// `data` of the nine PURCHASE_* events that carry a purchase (all but PURCHASE_OUT_OF_SHOPPING_CART).
// One schema for the whole family: the events differ only by purchase.status.
import * as z from 'zod';
import { shared } from '../field-doc.ts';
import { nonEmpty } from '../formats.ts';
import { affiliates, buyer, commissions, producer, purchaseProduct } from './purchase-parties.ts';
import { money, purchaseOrder } from './purchase-order.ts';

const purchaseSubscription = z.looseObject({
  status: shared(z.string(), 'Subscription status, e.g. ACTIVE, INACTIVE, DELAYED, CANCELLED_BY_CUSTOMER', 'string'),
  plan: z
    .looseObject({
      id: shared(z.number().int(), 'Subscription plan id', 'integer'),
      name: shared(z.string(), 'Subscription plan name', 'string'),
    })
    .optional(),
  subscriber: z.looseObject({
    code: shared(nonEmpty, 'Subscriber code, stable across the subscription', 'string'),
  }),
});

const shipping = z.looseObject({
  cost: money('Shipping cost').optional(),
  estimated_delivery_days: shared(z.number().int().nonnegative(), 'Estimated delivery time in days', 'integer').optional(),
  carrier: z
    .looseObject({
      name: shared(z.string(), 'Carrier, e.g. CORREIOS', 'string').optional(),
      service: shared(z.string(), 'Carrier service, e.g. SEDEX', 'string').optional(),
    })
    .optional(),
  fulfillment: z
    .looseObject({ service: shared(z.string(), 'Fulfilment service, e.g. MANUAL', 'string').optional() })
    .optional(),
});

// Required is only what a receiver cannot do without: the product id, the buyer's e-mail (members areas know the
// person by it), the transaction and its status. Everything else is optional but typed, because Hotmart's own
// deliveries have varied (2022 test posts lack currencies, affiliate codes, the checkout country): fails open on
// absence, closed on a wrong type. Absent objects are omitted, so `null` is rejected. What Postback itself renders
// carries the full modern shape; the tests hold its samples, simulate and lifecycle output to that.
export const purchaseData = z.looseObject({
  product: purchaseProduct,
  affiliates: affiliates.optional(),
  buyer,
  producer: producer.optional(),
  commissions: commissions.optional(),
  purchase: purchaseOrder,
  subscription: purchaseSubscription.optional(),
  shipping: shipping.optional(),
});
