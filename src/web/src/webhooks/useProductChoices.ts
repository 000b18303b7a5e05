// The products a configuration can be scoped to: a producer's own, or the ones an affiliate promotes.
import { useMemo } from 'react';
import { listAffiliations, listProducts } from '../api/endpoints.ts';
import type { AccountKind, ProductChoice } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';

export function useProductChoices(kind: AccountKind): ProductChoice[] {
  const choices = useResource(async (): Promise<ProductChoice[]> => {
    if (kind === 'producer') return (await listProducts()).items;
    const promoted = (await listAffiliations()).items.filter((affiliation) => affiliation.role === 'affiliate');
    return [...new Map(promoted.map((affiliation) => [affiliation.product.id, { id: affiliation.product.id, name: affiliation.product.name }])).values()];
  }, `product-choices-${kind}`);
  return useMemo(() => choices.data ?? [], [choices.data]);
}
