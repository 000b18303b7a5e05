// One product's affiliates (producers): whether its buyer data is shared, who promotes it under which code, a form
// to add an affiliate, and "End affiliation".
import { useState } from 'react';
import { createAffiliation, listProductAffiliations, listProducts } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { ShareBuyerDataSwitch } from '../credentials/ShareBuyerDataSwitch.tsx';
import { useShareBuyerData } from '../credentials/useShareBuyerData.ts';
import { useResource } from '../hooks/useResource.ts';
import { Link } from '../router/Link.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { AffiliationForm } from './AffiliationForm.tsx';
import { EndAffiliationDialog } from './EndAffiliationDialog.tsx';
import { ProductAffiliationsTable } from './ProductAffiliationsTable.tsx';

export function ProductAffiliatesPage({ productId }: { productId: string }) {
  const product = useResource(async () => (await listProducts()).items.find((item) => item.id === productId) ?? null, `product-${productId}`);
  const affiliations = useResource(async () => (await listProductAffiliations(productId)).items, `affiliations-${productId}`);
  const sharing = useShareBuyerData((changed) => product.setData(changed));
  const [ending, setEnding] = useState<Affiliation | null>(null);
  const name = product.data?.name;
  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/credentials">← Credentials</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Affiliates{name ? <> of {name} <span className="mono subtle-heading">#{productId}</span></> : ''}</h1>
          <p className="lead">Affiliates receive this product's sales made under their code on their own webhooks; without sharing, the buyer's personal data is left out.</p>
        </div>
      </div>
      {product.error ? <LoadError error={product.error} what="this product" onRetry={() => void product.reload()} />
        : product.data === undefined ? <SkeletonBlocks count={1} height={40} label="Loading product" />
        : product.data === null ? <EmptyState title="No such product"><p>There is no product <code>{productId}</code> in this account. <Link to="/credentials">See your products</Link>.</p></EmptyState>
        : (
          <>
            <div className="card">
              <ShareBuyerDataSwitch product={product.data} saving={sharing.savingId === productId} onChange={(share) => void sharing.setShared(product.data!, share)} />
            </div>
            <section className="card stack" aria-labelledby="affiliations-title">
              <h2 id="affiliations-title">Affiliations</h2>
              {affiliations.error ? <LoadError error={affiliations.error} what="the affiliations" onRetry={() => void affiliations.reload()} />
                : !affiliations.data ? <SkeletonBlocks count={2} height={40} label="Loading affiliations" />
                : affiliations.data.length === 0 ? <EmptyState title="No affiliates yet"><p>Ask an affiliate for its account id, then add it below.</p></EmptyState>
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
