// Products: a producer's products (active first, archived after), each opening its page, and the form to add one;
// an affiliate sees the products it promotes, and those of its own when it has some (the API lets it sell too).
import { createProduct, listProducts } from '../api/endpoints.ts';
import type { AccountKind } from '../api/types.ts';
import { PromotedProductsCard } from '../affiliates/PromotedProductsCard.tsx';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { useCan } from '../session/RoleContext.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { productPath } from './paths.ts';
import { ProductForm } from './ProductForm.tsx';

export function ProductsPage({ kind }: { kind: AccountKind }) {
  const t = useT();
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.products')}</h1>
          <p className="lead">{t(kind === 'affiliate' ? 'products.leadAffiliate' : 'products.lead')}</p>
        </div>
      </div>
      {kind === 'affiliate' ? <><PromotedProductsCard /><ProducerProducts ownOfAffiliate /></> : <ProducerProducts />}
    </section>
  );
}

/** `ownOfAffiliate`: an affiliate account's own products, listed only when it has some, without the form to add one. */
function ProducerProducts({ ownOfAffiliate = false }: { ownOfAffiliate?: boolean }) {
  const t = useT();
  const format = useFormat();
  const products = useResource(async () => (await listProducts()).items, 'products');
  const canChange = useCan('developer') && !ownOfAffiliate;
  const ordered = [...(products.data ?? [])].sort((a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null));
  if (ownOfAffiliate && (products.error || ordered.length === 0)) return null;
  return (
    <section className="card stack" aria-labelledby="products-title">
      <h2 id="products-title">{t(ownOfAffiliate ? 'products.ownTitle' : 'products.title')}</h2>
      <p className="subtle">{t.rich('products.explain')}</p>
      {products.error ? <LoadError error={products.error} what={t('products.what')} onRetry={() => void products.reload()} />
        : !products.data ? <SkeletonBlocks count={2} height={40} label={t('products.loading')} />
        : ordered.length === 0 ? <EmptyState title={t('products.emptyTitle')}><p>{t('products.emptyText')}</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table">
              <caption className="visually-hidden">{t('products.title')}</caption>
              <thead><tr><th scope="col">{t('products.name')}</th><th scope="col">{t('products.id')}</th><th scope="col">{t('products.buyerData')}</th><th scope="col">{t('products.addedOn')}</th></tr></thead>
              <tbody>
                {ordered.map((product) => (
                  <tr key={product.id} className={product.archived_at ? 'is-archived' : undefined}>
                    <th scope="row" data-label={t('products.name')}>
                      <Link to={productPath(product)} className="strong-link">{product.name}</Link>
                      {product.archived_at && <span className="badge badge-disabled">{t('products.archived')}</span>}
                    </th>
                    <td data-label={t('products.id')} className="mono">{product.id}</td>
                    <td data-label={t('products.buyerData')}>{t(product.share_buyer_data ? 'promoted.shared' : 'promoted.notShared')}</td>
                    <td data-label={t('products.addedOn')}>{format.date(product.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {canChange && <ProductForm onCreate={async (input) => {
        const created = await createProduct(input);
        products.setData((list) => [...(list ?? []), created]);
        return created;
      }} />}
    </section>
  );
}
