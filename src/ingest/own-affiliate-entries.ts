// What of a sale's affiliates an affiliate's copy tells: its own `affiliates[]` entries and its own AFFILIATE
// commission, never another affiliate's code, name or pay (README: a sale credited to two affiliates tells neither
// about the other). The other shares (PRODUCER, MARKETPLACE, CO_PRODUCER...) stay: the catalogue sends
// `commissions` to affiliates (`shared`), and the copy's policy for them is unchanged.
import { affiliateCodeOf } from '../catalog/index.ts';

const isAffiliateCommission = (entry: unknown): boolean =>
  typeof entry === 'object' && entry !== null && (entry as Record<string, unknown>).source === 'AFFILIATE';

/**
 * Trims `copy` (an affiliate's redacted copy of a sale, changed in place) to the entries of the affiliate whose
 * codes are `matched`. A copy that keeps every `affiliates[]` entry (the common sale of one affiliate) hides no one
 * and is left exactly as it was, commissions and all; so the 1.0.0 `cms_aff` (the first AFFILIATE commission) is
 * the copy's affiliate's own whenever the copy has one.
 */
export function keepOwnAffiliateEntries(copy: Record<string, unknown>, matched: readonly string[]): void {
  const affiliates = copy.affiliates;
  if (!Array.isArray(affiliates)) return;
  const own = affiliates.map((entry) => matched.includes(affiliateCodeOf(entry) ?? ''));
  if (own.every(Boolean)) return;
  copy.affiliates = affiliates.filter((_entry, index) => own[index]);
  const commissions = copy.commissions;
  if (!Array.isArray(commissions)) return;
  // Commissions name no affiliate: the i-th AFFILIATE commission is the i-th `affiliates[]` entry's, when the counts
  // match. When they don't, none can be attributed, and the copy gets no AFFILIATE commission rather than a guess
  // that may be another affiliate's pay (its 1.0.0 `cms_aff` is then empty).
  const attributable = commissions.filter(isAffiliateCommission).length === affiliates.length;
  let position = 0;
  copy.commissions = commissions.filter((entry) => {
    if (!isAffiliateCommission(entry)) return true;
    const owner = position++;
    return attributable && own[owner] === true;
  });
}
