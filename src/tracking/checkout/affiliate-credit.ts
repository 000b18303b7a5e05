// Who an order through an affiliate's link (/checkout/<offer>?aff=<code>, src/domain/affiliate-link.ts) is credited
// to: the affiliate the offer's producer affiliated the offer's product to under exactly that code, now. The sale
// then names it in `data.affiliates`, and publishing routes the affiliate's copy, its webhooks and conversion
// postbacks, and the purchase's later events to it as for any affiliated sale (README "Affiliates").
import type { AffiliatesStore } from '../../store/affiliates.ts';
import type { Offer } from '../../store/offers.ts';

/** The sale's `data.affiliates[]` entry, as Hotmart's payloads carry it. */
export type AffiliateEntry = { affiliate_code: string; name: string };

/**
 * The entry of the offer's product's active affiliation under `code`, or undefined. Fails closed and silently: a
 * code that names no affiliation of this product (unknown, another product's, one since ended, another case) credits
 * nobody, and the order is placed as one without a link's code; the buyer is never shown an error for it. An
 * affiliation ended between this read and the order's commit names its code in the payload and reaches nobody (the
 * store routes by the affiliations of the commit).
 * Reads the product's affiliations whole: one indexed query per order (producer, product); a product with many
 * thousands of affiliates would want a read by code.
 */
export async function affiliateCredit(store: Pick<AffiliatesStore, 'listAffiliations'>, offer: Offer, code: string | undefined): Promise<AffiliateEntry | undefined> {
  if (code === undefined) return undefined;
  const affiliations = await store.listAffiliations(offer.accountId, offer.productId);
  // the producer's own affiliations of this product only: listAffiliations also lists those the account is the affiliate of
  const credited = affiliations.find((affiliation) => affiliation.producerAccountId === offer.accountId && affiliation.productId === offer.productId && affiliation.affiliateCode === code);
  return credited ? { affiliate_code: credited.affiliateCode, name: credited.affiliateName } : undefined;
}
