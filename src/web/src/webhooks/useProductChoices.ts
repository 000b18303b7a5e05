// The products a configuration can be scoped to: a producer's own; an affiliate's own (the API lets it sell too) and
// the ones it promotes. Undefined until they are known (the form marks no chosen id as gone before then).
import { useMemo } from 'react';
import { listAffiliations, listProducts } from '../api/endpoints.ts';
import type { AccountKind, ProductChoice } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';

export function useProductChoices(kind: AccountKind): ProductChoice[] | undefined {
  const choices = useResource(async (): Promise<ProductChoice[]> => {
    const own = (await listProducts()).items.map((product) => ({ id: product.id, name: product.name }));
    if (kind === 'producer') return own;
    const promoted = (await listAffiliations()).items.filter((affiliation) => affiliation.role === 'affiliate')
      .map((affiliation) => ({ id: affiliation.product.id, name: affiliation.product.name }));
    // an id both its own and promoted (ids are each producer's) is listed once: a scope matches either's sales
    return [...new Map([...promoted, ...own].map((product) => [product.id, product])).values()];
  }, `product-choices-${kind}`);
  return useMemo(() => choices.data, [choices.data]);
}
