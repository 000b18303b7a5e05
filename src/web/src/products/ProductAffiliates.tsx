// A product's affiliates, by name: who promotes it under which code, a form to add one, and "End affiliation".
import { useState } from 'react';
import { createAffiliation, listProductAffiliations } from '../api/endpoints.ts';
import type { Affiliation, Product } from '../api/types.ts';
import { AffiliationForm } from '../affiliates/AffiliationForm.tsx';
import { EndAffiliationDialog } from '../affiliates/EndAffiliationDialog.tsx';
import { ProductAffiliationsTable } from '../affiliates/ProductAffiliationsTable.tsx';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { useCan } from '../session/RoleContext.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';

export function ProductAffiliates({ product }: { product: Product }) {
  const t = useT();
  const affiliations = useResource(async () => (await listProductAffiliations(product.id)).items, `affiliations-${product.id}`);
  const [ending, setEnding] = useState<Affiliation | null>(null);
  const canChange = useCan('developer');
  return (
    <section className="card stack" aria-labelledby="affiliations-title">
      <h2 id="affiliations-title">{t('affiliates.affiliations')}</h2>
      <p className="subtle">{t('affiliates.lead')}</p>
      {affiliations.error ? <LoadError error={affiliations.error} what={t('affiliates.what')} onRetry={() => void affiliations.reload()} />
        : !affiliations.data ? <SkeletonBlocks count={2} height={40} label={t('affiliates.loading')} />
        : affiliations.data.length === 0 ? <EmptyState title={t('affiliates.emptyTitle')}><p>{t('affiliates.emptyText')}</p></EmptyState>
        : <ProductAffiliationsTable affiliations={affiliations.data} onEnd={setEnding} />}
      {canChange && <AffiliationForm onCreate={async (input) => {
        const created = await createAffiliation(product.id, input);
        affiliations.setData((list) => [...(list ?? []), created]);
        return created;
      }} />}
      <EndAffiliationDialog affiliation={ending} onCancel={() => setEnding(null)} onEnded={(ended) => {
        affiliations.setData((list) => list?.filter((item) => item.id !== ended.id));
        setEnding(null);
      }} />
    </section>
  );
}
