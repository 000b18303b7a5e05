// The data a "send test" posts: the catalogue's sample for the event, as the account's webhooks would receive it.
// A configuration scoped to some products gets one of its own products in the sample (a receiver that filters by
// product must accept the test), and an affiliate gets the sample without the buyer's data.
import { redactForAffiliates, sampleData } from '../catalog/index.ts';
import type { EventName } from '../catalog/index.ts';
import { eventDefinitions } from '../catalog/definitions.ts';
import type { AccountKind, ProductScope } from '../store/store.ts';

export type SampleProduct = { id: string; name: string };

/** `scoped`: the products the webhook is scoped to that the account knows (by id, with their names), in scope order. */
export function testSampleData(event: EventName, audience: AccountKind, scope: ProductScope, scoped: SampleProduct[]): Record<string, unknown> {
  const data = sampleData(event);
  const product = scope === 'all' ? undefined : scoped[0];
  if (product) placeProduct(data, eventDefinitions[event].productIdPath, product);
  return audience === 'affiliate' ? redactForAffiliates(event, data) : data;
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
