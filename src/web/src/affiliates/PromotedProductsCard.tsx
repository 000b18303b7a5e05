// "Products you promote" (affiliate accounts): each affiliation made to this account, its code, the producer, and
// whether the producer shares buyer data; either side may end it.
import { useState } from 'react';
import { listAffiliations } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { formatDate } from '../format.ts';
import { useResource } from '../hooks/useResource.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { EndAffiliationDialog } from './EndAffiliationDialog.tsx';

export function PromotedProductsCard() {
  const promoted = useResource(async () => (await listAffiliations()).items.filter((affiliation) => affiliation.role === 'affiliate'), 'promoted');
  const [ending, setEnding] = useState<Affiliation | null>(null);
  return (
    <section className="card stack" aria-labelledby="promoted-title">
      <h2 id="promoted-title">Products you promote</h2>
      <p className="subtle">Sales of these products under your code are sent to your webhooks too. Unless the producer shares buyer data, the buyer's personal data is left out.</p>
      {promoted.error ? <LoadError error={promoted.error} what="the products you promote" onRetry={() => void promoted.reload()} />
        : !promoted.data ? <SkeletonBlocks count={2} height={40} label="Loading the products you promote" />
        : promoted.data.length === 0 ? <EmptyState title="No products to promote yet"><p>Give your Account ID to a producer: its products appear here once it adds you as an affiliate.</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table promoted-table">
              <caption className="visually-hidden">Products you promote</caption>
              <thead><tr><th scope="col">Product</th><th scope="col">Your code</th><th scope="col">Producer account id</th><th scope="col">Buyer data</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {promoted.data.map((affiliation) => (
                  <tr key={affiliation.id}>
                    <th scope="row" data-label="Product">{affiliation.product.name} <span className="mono subtle">#{affiliation.product.id}</span></th>
                    <td data-label="Your code"><span className="mono">{affiliation.affiliate_code}</span></td>
                    <td data-label="Producer account id" className="cell-wide"><span className="mono break">{affiliation.producer_account_id}</span></td>
                    <td data-label="Buyer data">{affiliation.product.share_buyer_data ? 'Shared' : 'Not shared'}</td>
                    <td data-label="Since">{formatDate(affiliation.created_at)}</td>
                    <td className="cell-actions cell-wide">
                      <Button size="small" variant="danger" onClick={() => setEnding(affiliation)}>End affiliation<span className="visually-hidden"> to {affiliation.product.name}</span></Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      <EndAffiliationDialog affiliation={ending} onCancel={() => setEnding(null)} onEnded={(ended) => {
        promoted.setData((list) => list?.filter((item) => item.id !== ended.id));
        setEnding(null);
      }} />
    </section>
  );
}
