// `data` of PURCHASE_OUT_OF_SHOPPING_CART (cart abandonment): no purchase object, a lighter buyer.
import * as z from 'zod';
import { buyerData, personal, shared } from '../field-doc.ts';
import { emailAddress } from '../formats.ts';
import { checkoutCountry } from './purchase-order.ts';

export const cartData = z.looseObject({
  affiliate: shared(z.boolean(), 'Whether the checkout was reached through an affiliate link', 'boolean').optional(),
  product: z.looseObject({
    id: shared(z.number().int(), 'Product id', 'integer'),
    name: shared(z.string(), 'Product name', 'string').optional(),
  }),
  buyer_ip: personal(z.string(), 'IP address of the visitor', 'string').optional(),
  // The e-mail is required: recovering the abandoned cart is the point of this event.
  buyer: z.looseObject({
    email: buyerData(emailAddress, 'Visitor e-mail typed at checkout', 'email'),
    name: buyerData(z.string(), 'Visitor name typed at checkout', 'string').optional(),
    phone: buyerData(z.string(), 'Visitor phone typed at checkout', 'string').optional(),
  }),
  offer: z.looseObject({ code: shared(z.string(), 'Offer (price plan) code', 'string') }).optional(),
  checkout_country: checkoutCountry.optional(),
});
