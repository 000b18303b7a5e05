// The account's products: listed, and added with the form below the list.
import { createProduct, listProducts } from '../api/endpoints.ts';
import { useResource } from '../hooks/useResource.ts';
import { formatDate } from '../format.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { ProductForm } from './ProductForm.tsx';

export function ProductsCard() {
  const products = useResource(async () => (await listProducts()).items, 'products');
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
              <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Ucode</th><th scope="col">Added</th></tr></thead>
              <tbody>
                {products.data.map((product) => (
                  <tr key={product.id}>
                    <th scope="row" data-label="Name">{product.name}</th>
                    <td data-label="Id" className="mono">{product.id}</td>
                    <td data-label="Ucode" className="mono break">{product.ucode ?? '—'}</td>
                    <td data-label="Added">{formatDate(product.created_at)}</td>
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
