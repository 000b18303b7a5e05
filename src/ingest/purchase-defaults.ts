// Keys Hotmart sends on every purchase, filled when a purchase is created without them, with what Hotmart says when
// there is nothing more to say: a receiver written for Hotmart reads `data.affiliates[0].affiliate_code` or
// `data.purchase.order_bump.is_order_bump` unchecked, and crashed on a sale made through the API or the hosted
// checkout with its 5xx retried until its webhook was disabled. Nothing that names a party or an amount of its own is
// made up: no producer, commissions, offer or checkout country.

/**
 * `data` with the always-sent keys it lacks: no affiliate is one element of empty strings (as Hotmart sends it), the
 * full and original offer prices are the price paid (no discount or conversion is known), and a sale is neither an
 * order bump nor from a funnel unless it says so. What `data` carries is kept as it is.
 */
export function withAlwaysSentKeys(data: Record<string, unknown>): Record<string, unknown> {
  const order = { ...(data.purchase as Record<string, unknown> | undefined) };
  if (order.price !== undefined) {
    order.full_price ??= order.price;
    order.original_offer_price ??= order.price;
  }
  order.order_bump ??= { is_order_bump: false };
  order.is_funnel ??= false;
  return { ...data, affiliates: data.affiliates ?? [{ affiliate_code: '', name: '' }], purchase: order };
}
