// The account's products: listed, and added with the form below the list. A producer also switches buyer-data
// sharing per product and opens each product's affiliates from here.
import { createProduct, listProducts } from '../api/endpoints.ts';
import { affiliatesPath } from '../affiliates/paths.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatDate } from '../format.ts';
import { Link } from '../router/Link.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { ProductForm } from './ProductForm.tsx';
import { ShareBuyerDataSwitch } from './ShareBuyerDataSwitch.tsx';
import { useShareBuyerData } from './useShareBuyerData.ts';

export function ProductsCard({ producer }: { producer: boolean }) {
  const products = useResource(async () => (await listProducts()).items, 'products');
  const sharing = useShareBuyerData((changed) => products.setData((list) => list?.map((product) => (product.id === changed.id ? changed : product))));
  return (
    <section className="card stack" aria-labelledby="products-title">
      <h2 id="products-title">Products</h2>
      <p className="subtle">A product's id is the marketplace product id found in payloads (<code>data.product.id</code>). Configurations can be limited to some products.</p>
      {products.error ? <LoadError error={products.error} what="your products" onRetry={() => void products.reload()} />
        : !products.data ? <SkeletonBlocks count={2} height={40} label="Loading products" />
        : products.data.length === 0 ? <EmptyState title="No products yet"><p>Add your first product below.</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table">
              <caption className="visually-hidden">Products</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Ucode</th><th scope="col">Added</th>
                {producer && <><th scope="col">Buyer data</th><th scope="col"><span className="visually-hidden">Affiliates</span></th></>}</tr></thead>
              <tbody>
                {products.data.map((product) => (
                  <tr key={product.id}>
                    <th scope="row" data-label="Name">{product.name}</th>
                    <td data-label="Id" className="mono">{product.id}</td>
                    <td data-label="Ucode" className="mono break">{product.ucode ?? '—'}</td>
                    <td data-label="Added">{formatDate(product.created_at)}</td>
                    {producer && (
                      <>
                        <td data-label="Buyer data" className="cell-wide">
                          <ShareBuyerDataSwitch product={product} saving={sharing.savingId === product.id} onChange={(share) => void sharing.setShared(product, share)} />
                        </td>
                        <td className="cell-wide cell-link">
                          <Link className="button button-secondary button-small" to={affiliatesPath(product)}>Affiliates<span className="visually-hidden"> of {product.name}</span></Link>
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
