// One product's affiliates (producers): whether its buyer data is shared, who promotes it under which code, a form
// to add an affiliate, and "End affiliation".
import { useState } from 'react';
import { createAffiliation, listProductAffiliations, listProducts } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { ShareBuyerDataSwitch } from '../credentials/ShareBuyerDataSwitch.tsx';
import { useShareBuyerData } from '../credentials/useShareBuyerData.ts';
import { useResource } from '../hooks/useResource.ts';
import { MembersAreaPanel } from '../products/MembersAreaPanel.tsx';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { AffiliationForm } from './AffiliationForm.tsx';
import { EndAffiliationDialog } from './EndAffiliationDialog.tsx';
import { ProductAffiliationsTable } from './ProductAffiliationsTable.tsx';

export function ProductAffiliatesPage({ productId }: { productId: string }) {
  const t = useT();
  const product = useResource(async () => (await listProducts()).items.find((item) => item.id === productId) ?? null, `product-${productId}`);
  const affiliations = useResource(async () => (await listProductAffiliations(productId)).items, `affiliations-${productId}`);
  const sharing = useShareBuyerData((changed) => product.setData(changed));
  const [ending, setEnding] = useState<Affiliation | null>(null);
  const name = product.data?.name;
  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/credentials">← {t('nav.credentials')}</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{name ? <>{t('affiliates.titleOf', { name })} <span className="mono subtle-heading">#{productId}</span></> : t('products.affiliates')}</h1>
          <p className="lead">{t('affiliates.lead')}</p>
        </div>
      </div>
      {product.error ? <LoadError error={product.error} what={t('affiliates.whatProduct')} onRetry={() => void product.reload()} />
        : product.data === undefined ? <SkeletonBlocks count={1} height={40} label={t('affiliates.loadingProduct')} />
        : product.data === null ? <EmptyState title={t('affiliates.noProductTitle')}><p>{t.rich('affiliates.noProductText', { id: productId, link: (chunks) => <Link to="/credentials">{chunks}</Link> })}</p></EmptyState>
        : (
          <>
            <div className="card">
              <ShareBuyerDataSwitch product={product.data} saving={sharing.savingId === productId} onChange={(share) => void sharing.setShared(product.data!, share)} />
            </div>
            <MembersAreaPanel product={product.data} onChange={(changed) => product.setData(changed)} />
            <section className="card stack" aria-labelledby="affiliations-title">
              <h2 id="affiliations-title">{t('affiliates.affiliations')}</h2>
              {affiliations.error ? <LoadError error={affiliations.error} what={t('affiliates.what')} onRetry={() => void affiliations.reload()} />
                : !affiliations.data ? <SkeletonBlocks count={2} height={40} label={t('affiliates.loading')} />
                : affiliations.data.length === 0 ? <EmptyState title={t('affiliates.emptyTitle')}><p>{t('affiliates.emptyText')}</p></EmptyState>
                : <ProductAffiliationsTable affiliations={affiliations.data} onEnd={setEnding} />}
              <AffiliationForm onCreate={async (input) => {
                const created = await createAffiliation(productId, input);
                affiliations.setData((list) => [...(list ?? []), created]);
                return created;
              }} />
            </section>
          </>
        )}
      <EndAffiliationDialog affiliation={ending} onCancel={() => setEnding(null)} onEnded={(ended) => {
        affiliations.setData((list) => list?.filter((item) => item.id !== ended.id));
        setEnding(null);
      }} />
    </section>
  );
}
