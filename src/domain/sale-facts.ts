// What a person looks for in a sale: who bought (name, e-mail), which product, how much. Read from the event's data
// wherever its family keeps them (a purchase's buyer, a subscription's subscriber, a members-area user), for the
// history's rows and for the search terms each event is indexed under. Pure: data in, facts out.
import { eventDefinitions } from '../catalog/definitions.ts';
import { isEventName } from '../catalog/index.ts';

export type SaleFacts = {
  buyer: { name: string | null; email: string | null } | null;
  product: { id: string | null; name: string | null } | null;
  amount: { value: number; currency: string } | null;
};

type Json = Record<string, unknown>;
const objectAt = (data: unknown, path: readonly string[]): Json | null => {
  let node = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
    node = (node as Json)[key];
  }
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? node as Json : null;
};
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null);

// where each family keeps the person: purchases and carts `buyer`, subscriptions `subscriber` or `subscription.user`, the club `user`
const personPaths = [['buyer'], ['subscriber'], ['user'], ['subscription', 'user']] as const;

export function saleFactsOf(event: string, data: unknown): SaleFacts {
  const person = personPaths.map((path) => objectAt(data, path)).find((found) => found !== null && (text(found.name) ?? text(found.email)) !== null) ?? null;
  const productPath = isEventName(event) ? eventDefinitions[event].productIdPath.slice(0, -1) : ['product'];
  const product = objectAt(data, productPath);
  const price = objectAt(data, ['purchase', 'price']);
  const value = price?.value;
  const currency = text(price?.currency_value);
  return {
    buyer: person ? { name: text(person.name), email: text(person.email) } : null,
    product: product ? { id: text(product.id), name: text(product.name) } : null,
    amount: typeof value === 'number' && Number.isFinite(value) && currency ? { value, currency } : null,
  };
}

/** How text is compared in search: lower case, accents dropped, spaces collapsed ("João  Silva" → "joao silva"). */
export function searchKey(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

// a name is found from the start of any of its first words ("souza" finds "Ana Carolina Souza"); beyond these
// many words, only from the start of the earlier ones (bounds the rows written per event)
const wordStarts = 4;
const maxTermLength = 200;

function fromEachWord(value: string | null): string[] {
  if (!value) return [];
  const words = searchKey(value).split(' ');
  return words.slice(0, wordStarts).map((_, index) => words.slice(index).join(' ').slice(0, maxTermLength));
}

/** The terms a sale is found under, each matched by prefix (search keys, no duplicates): its own, and its product's. */
export type SearchTerms = { ofEvent: string[]; ofProduct: string[] };

/**
 * The event's own terms: the transaction, the buyer's e-mail and name from each word. The product's: its id and
 * name from each word, the same for every sale of it, so the store keeps them once per product (found through the
 * event's product id); an event without a product id keeps them as its own.
 */
export function searchTermsOf(facts: SaleFacts, transaction: string | null, productId: string | null): SearchTerms {
  const ofEvent = keys([transaction, facts.buyer?.email ?? null], facts.buyer?.name ?? null);
  const ofProduct = keys([facts.product?.id ?? null], facts.product?.name ?? null);
  return productId === null ? { ofEvent: [...new Set([...ofEvent, ...ofProduct])], ofProduct: [] } : { ofEvent, ofProduct };
}

/** Whole values as they are, a name from each of its words; search keys, no duplicates. */
function keys(values: (string | null)[], name: string | null): string[] {
  const terms = values.filter((term): term is string => term !== null).map((term) => searchKey(term).slice(0, maxTermLength));
  terms.push(...fromEachWord(name));
  return [...new Set(terms.filter((term) => term !== ''))];
}
