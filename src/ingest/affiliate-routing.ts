// The copies of a sale its affiliates get (store.ts AffiliateRouting): the store finds the affiliations the sale's
// codes name, and asks here for each affiliate's copy of the event.
import { affiliateCodesOf, redactForAffiliates } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { saleFactsOf, type SearchTerms, searchTermsOf } from '../domain/sale-facts.ts';
import type { AffiliateRouting, NewEvent } from '../store/store.ts';
import { keepOwnAffiliateEntries } from './own-affiliate-entries.ts';

/**
 * Each affiliate's copy: the event under the affiliate's account (the store gives it its own id), its data redacted as
 * the product's sharing says (redact.ts: sharing releases the buyer's data, never the producer's document or the
 * buyer's IP, browser and checkout page), and its `affiliates[]` down to the entries with the codes that routed it
 * there, its `commissions[]` down to that affiliate's own AFFILIATE commission (own-affiliate-entries.ts): a sale
 * credited to two affiliates never tells either the other's code, name or commission, and the 1.0.0 `aff`, `cms_aff`
 * and a hook's `affiliate_code` (the first entry) name the affiliate the copy is for.
 */
export function affiliateRouting(name: EventName, event: NewEvent, data: Record<string, unknown>): AffiliateRouting {
  // one copy per sharing and set of codes, made once: most sales name one affiliate, and many affiliates share a set
  const copies = new Map<string, { data: string; searchTerms: SearchTerms }>();
  const copyOf = (shareBuyerData: boolean, matched: readonly string[]) => {
    const key = JSON.stringify([shareBuyerData, [...matched].sort()]);
    let copy = copies.get(key);
    if (!copy) {
      const redacted = redactForAffiliates(name, data, { shareBuyerData });
      keepOwnAffiliateEntries(redacted, matched);
      // the copy is found by what it carries: without the buyer's data (unless shared), not by the buyer
      copy = { data: JSON.stringify(redacted), searchTerms: searchTermsOf(saleFactsOf(name, redacted), event.transaction, event.productId) };
      copies.set(key, copy);
    }
    return copy;
  };
  return {
    codes: affiliateCodesOf(data),
    copyFor: (affiliateAccountId, shareBuyerData, matched) => ({
      ...event,
      accountId: affiliateAccountId,
      ...copyOf(shareBuyerData, matched),
      // the producer's key dedupes the producer's requests; the copy is deduped by the id the store derives for it
      idempotencyKey: null,
    }),
  };
}
