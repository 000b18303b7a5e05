// The data a "send test" posts: the catalogue's sample for the event, as the account's webhooks would receive it.
// A configuration scoped to some products gets one of its own products in the sample (a receiver that filters by
// product must accept the test), and an affiliate gets the sample without the buyer's data, credited to its own
// affiliate code (a receiver that matches sales by its code must accept the test too).
import { redactForAffiliates, sampleData } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { eventDefinitions } from '../catalog/definitions.ts';
import type { Affiliation } from '../store/affiliates.ts';
import type { AccountKind, ProductScope } from '../store/store.ts';
import type { AccountId } from '../domain/ids.ts';

export type SampleProduct = { id: string; name: string };
/** Whom an affiliate's sample is credited to: one of its affiliate codes, and its name. */
export type SampleAffiliate = { code: string; name: string };

/**
 * `scoped`: the products the webhook is scoped to that the account knows (by id, with their names), in scope order.
 * `affiliate`: for an affiliate's sample, whom it is credited to (null: none known, the catalogue's stays).
 */
export function testSampleData(event: EventName, audience: AccountKind, scope: ProductScope, scoped: SampleProduct[], affiliate: SampleAffiliate | null): Record<string, unknown> {
  const data = sampleData(event);
  const product = scope === 'all' ? undefined : scoped[0];
  if (product) placeProduct(data, eventDefinitions[event].productIdPath, product);
  if (audience !== 'affiliate') return data;
  // an affiliate's copy of a sale names its own entry only (src/ingest/own-affiliate-entries.ts): so does its sample
  if (affiliate && Array.isArray(data.affiliates)) data.affiliates = [{ affiliate_code: affiliate.code, name: affiliate.name }];
  return redactForAffiliates(event, data);
}

/**
 * Whom the account's sample is credited to, of the affiliations it is a party to (store.listAffiliations, oldest
 * first): its own as the affiliate for the sampled product, else its oldest; null when it promotes nothing.
 */
export function sampleAffiliate(accountId: AccountId, affiliations: readonly Affiliation[], productId?: string): SampleAffiliate | null {
  const promoting = affiliations.filter((item) => item.affiliateAccountId === accountId);
  const affiliation = promoting.find((item) => item.productId === productId) ?? promoting[0];
  return affiliation ? { code: affiliation.affiliateCode, name: affiliation.affiliateName } : null;
}

/** Puts the product's id (a number when it is one, as marketplaces send it) and name where the event carries them. */
function placeProduct(data: Record<string, unknown>, idPath: readonly string[], product: SampleProduct): void {
  let node: Record<string, unknown> = data;
  for (const key of idPath.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    node = next as Record<string, unknown>;
  }
  const idKey = idPath.at(-1);
  if (idKey === undefined) return;
  node[idKey] = /^\d{1,15}$/.test(product.id) ? Number(product.id) : product.id;
  if ('name' in node) node.name = product.name;
}
