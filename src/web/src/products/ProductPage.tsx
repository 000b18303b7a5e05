// One product: its details (edit), whether its affiliates get the buyer's data (confirmed, LGPD), its affiliates
// by name, the panels other parts add (the members area), and removal (archived when it has sales).
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { getProduct } from '../api/endpoints.ts';
import type { Product } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { useCan } from '../session/RoleContext.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { ProductAffiliates } from './ProductAffiliates.tsx';
import { ProductDetailsForm } from './ProductDetailsForm.tsx';
import { productPanels } from './productPanels.ts';
import { RemoveProduct } from './RemoveProduct.tsx';
import { ShareBuyerDataSwitch } from './ShareBuyerDataSwitch.tsx';

export function ProductPage({ productId }: { productId: string }) {
  const t = useT();
  const product = useResource(() => getProduct(productId), `product-${productId}`);
  const missing = product.error instanceof ApiError && product.error.status === 404;
  const data = product.data;
  return (
    <section className="stack-large">
      <p className="breadcrumb"><Link to="/products">← {t('nav.products')}</Link></p>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{data ? <>{data.name} <span className="mono subtle-heading">#{data.id}</span></> : t('products.one')}</h1>
        </div>
      </div>
      {missing ? <EmptyState title={t('affiliates.noProductTitle')}><p>{t.rich('affiliates.noProductText', { id: productId, link: (chunks) => <Link to="/products">{chunks}</Link> })}</p></EmptyState>
        : product.error && !data ? <LoadError error={product.error} what={t('affiliates.whatProduct')} onRetry={() => void product.reload()} />
        : !data ? <SkeletonBlocks count={3} height={120} label={t('affiliates.loadingProduct')} />
        : <ProductSections product={data} onChanged={(changed) => product.setData(changed)} />}
    </section>
  );
}

function ProductSections({ product, onChanged }: { product: Product; onChanged: (product: Product) => void }) {
  const t = useT();
  const canChange = useCan('developer');
  const format = useFormat();
  const [removed, setRemoved] = useState(false);
  if (removed) return <EmptyState title={t('products.deletedTitle')} action={<Link className="button button-primary" to="/products">{t('nav.products')}</Link>}><p>{t('products.deletedText')}</p></EmptyState>;
  return (
    <>
      {product.archived_at && <p className="warning-box" role="status">{t('products.archivedOn', { date: format.date(product.archived_at) })}</p>}
      {canChange && <ProductDetailsForm product={product} onSaved={onChanged} />}
      <section className="card stack" aria-labelledby="sharing-title">
        <h2 id="sharing-title">{t('share.title')}</h2>
        <p className="subtle">{t('share.explain')}</p>
        {canChange ? <ShareBuyerDataSwitch product={product} onChanged={onChanged} /> : <p>{t(product.share_buyer_data ? 'promoted.shared' : 'promoted.notShared')}</p>}
      </section>
      <ProductAffiliates product={product} />
      {canChange && productPanels.map((Panel, index) => <Panel key={index} product={product} onChange={onChanged} />)}
      {canChange && <RemoveProduct product={product} onRemoved={(result, changed) => (result === 'deleted' ? setRemoved(true) : onChanged(changed))} />}
    </>
  );
}
