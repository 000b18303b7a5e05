// "Products you promote" (affiliate accounts): each affiliation made to this account, its code, its own link to each
// checkout offer of the product, the producer, and whether the producer shares buyer data; either side may end it.
import { useState } from 'react';
import { listAffiliations } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { useResource } from '../hooks/useResource.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { AffiliateOfferLinks } from './AffiliateOfferLinks.tsx';
import { EndAffiliationDialog } from './EndAffiliationDialog.tsx';

export function PromotedProductsCard() {
  const t = useT();
  const format = useFormat();
  const promoted = useResource(async () => (await listAffiliations()).items.filter((affiliation) => affiliation.role === 'affiliate'), 'promoted');
  const [ending, setEnding] = useState<Affiliation | null>(null);
  return (
    <section className="card stack" aria-labelledby="promoted-title">
      <h2 id="promoted-title">{t('promoted.title')}</h2>
      <p className="subtle">{t('promoted.explain')}</p>
      {promoted.error ? <LoadError error={promoted.error} what={t('promoted.what')} onRetry={() => void promoted.reload()} />
        : !promoted.data ? <SkeletonBlocks count={2} height={40} label={t('promoted.loading')} />
        : promoted.data.length === 0 ? <EmptyState title={t('promoted.emptyTitle')}><p>{t('promoted.emptyText')}</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table promoted-table">
              <caption className="visually-hidden">{t('promoted.title')}</caption>
              <thead><tr><th scope="col">{t('promoted.product')}</th><th scope="col">{t('promoted.yourCode')}</th><th scope="col">{t('promoted.links')}</th><th scope="col">{t('promoted.producerName')}</th><th scope="col">{t('products.buyerData')}</th><th scope="col">{t('affiliates.since')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
              <tbody>
                {promoted.data.map((affiliation) => (
                  <tr key={affiliation.id}>
                    <th scope="row" data-label={t('promoted.product')}>{affiliation.product.name} <span className="mono subtle">#{affiliation.product.id}</span></th>
                    <td data-label={t('promoted.yourCode')}><span className="mono">{affiliation.affiliate_code}</span></td>
                    <td data-label={t('promoted.links')} className="cell-wide"><AffiliateOfferLinks affiliation={affiliation} /></td>
                    <td data-label={t('promoted.producerName')} className="cell-wide">{affiliation.producer_name}</td>
                    <td data-label={t('products.buyerData')}>{t(affiliation.product.share_buyer_data ? 'promoted.shared' : 'promoted.notShared')}</td>
                    <td data-label={t('affiliates.since')}>{format.date(affiliation.created_at)}</td>
                    <td className="cell-actions cell-wide">
                      <Button size="small" variant="danger" onClick={() => setEnding(affiliation)}>{t('endAffiliation.confirm')}<span className="visually-hidden"> {t('promoted.toProduct', { name: affiliation.product.name })}</span></Button>
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
