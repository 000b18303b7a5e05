// The account's products: listed, and added with the form below the list. A producer also switches buyer-data
// sharing per product and opens each product's affiliates from here.
import { createProduct, listProducts } from '../api/endpoints.ts';
import { affiliatesPath } from '../affiliates/paths.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { ProductForm } from './ProductForm.tsx';
import { ShareBuyerDataSwitch } from './ShareBuyerDataSwitch.tsx';
import { useShareBuyerData } from './useShareBuyerData.ts';

export function ProductsCard({ producer }: { producer: boolean }) {
  const t = useT();
  const format = useFormat();
  const products = useResource(async () => (await listProducts()).items, 'products');
  const sharing = useShareBuyerData((changed) => products.setData((list) => list?.map((product) => (product.id === changed.id ? changed : product))));
  return (
    <section className="card stack" aria-labelledby="products-title">
      <h2 id="products-title">{t('products.title')}</h2>
      <p className="subtle">{t.rich('products.explain')}</p>
      {products.error ? <LoadError error={products.error} what={t('products.what')} onRetry={() => void products.reload()} />
        : !products.data ? <SkeletonBlocks count={2} height={40} label={t('products.loading')} />
        : products.data.length === 0 ? <EmptyState title={t('products.emptyTitle')}><p>{t('products.emptyText')}</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table">
              <caption className="visually-hidden">{t('products.title')}</caption>
              <thead><tr><th scope="col">{t('products.name')}</th><th scope="col">{t('products.id')}</th><th scope="col">{t('products.ucode')}</th><th scope="col">{t('products.addedOn')}</th>
                {producer && <><th scope="col">{t('products.buyerData')}</th><th scope="col"><span className="visually-hidden">{t('products.affiliates')}</span></th></>}</tr></thead>
              <tbody>
                {products.data.map((product) => (
                  <tr key={product.id}>
                    <th scope="row" data-label={t('products.name')}>{product.name}</th>
                    <td data-label={t('products.id')} className="mono">{product.id}</td>
                    <td data-label={t('products.ucode')} className="mono break">{product.ucode ?? '—'}</td>
                    <td data-label={t('products.addedOn')}>{format.date(product.created_at)}</td>
                    {producer && (
                      <>
                        <td data-label={t('products.buyerData')} className="cell-wide">
                          <ShareBuyerDataSwitch product={product} saving={sharing.savingId === product.id} onChange={(share) => void sharing.setShared(product, share)} />
                        </td>
                        <td className="cell-wide cell-link">
                          <Link className="button button-secondary button-small" to={affiliatesPath(product)}>{t('products.affiliates')}<span className="visually-hidden"> {t('products.ofProduct', { name: product.name })}</span></Link>
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <ProductForm onCreate={async (input) => {
        const created = await createProduct(input);
        products.setData((list) => [...(list ?? []), created]);
        return created;
      }} />
    </section>
  );
}
