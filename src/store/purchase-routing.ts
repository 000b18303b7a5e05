// Which affiliates a purchase's events reach. A purchase remembers the affiliate accounts its first event went to
// (purchases.affiliate_accounts, written by the insert that creates it), and its later events (a refund, a chargeback)
// go to those accounts alone, while they are still affiliated under the sale's code: a code ended and given to another
// affiliate must not hand the new holder the refund of a sale it never made (nor the old one's sale after it left).
import type { AffiliateRouting } from './publish-result.ts';

/** `row`: the purchase as stored. Purchases created before it remembered (NULL) are routed by the code's holders now. */
export function routedTo(row: Record<string, unknown>, affiliates: AffiliateRouting | undefined): AffiliateRouting | undefined {
  if (affiliates === undefined) return undefined;
  const remembered = row.affiliate_accounts;
  if (remembered === null || remembered === undefined) return affiliates;
  return { ...affiliates, onlyAccounts: JSON.parse(String(remembered)) as string[] };
}
