// History: every post with its status and result, filters, live updates while retrying, resend one or many,
// and recovery of a disabled configuration.
import { useMemo, useState } from 'react';
import { getCatalog, listWebhooks } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { useCan } from '../session/RoleContext.tsx';
import { navigate } from '../router/router.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { RecoverDialog } from '../webhooks/RecoverDialog.tsx';
import { BulkBar } from './BulkBar.tsx';
import { DeliveryTable } from './DeliveryTable.tsx';
import { DisabledWebhookNotice } from './DisabledWebhookNotice.tsx';
import { FreshMarker } from './FreshMarker.tsx';
import { filtersFrom, historyPath } from './filters.ts';
import { HistoryFilters } from './HistoryFilters.tsx';
import { SaleSearch } from './SaleSearch.tsx';
import { useDeliveries } from './useDeliveries.ts';
import { useResend } from './useResend.ts';

export function HistoryPage({ query }: { query: URLSearchParams }) {
  const t = useT();
  const key = query.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(key)), [key]);
  const webhooks = useResource(async () => (await listWebhooks()).items, 'webhooks');
  const catalog = useResource(getCatalog, 'catalog');
  const deliveries = useDeliveries(filters, key);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmBulk, setConfirmBulk] = useState(false);
  const [recovering, setRecovering] = useState<Webhook | null>(null);
  const { resending, progress, resendOne, resendMany } = useResend(deliveries.replace);
  const canChange = useCan('developer');

  const webhookById = useMemo(() => new Map((webhooks.data ?? []).map((webhook) => [webhook.id, webhook])), [webhooks.data]);
  const filteredWebhook = webhooks.data?.find((webhook) => webhook.id === filters.webhook_id);
  const select = (ids: string[], on: boolean) => setSelected((current) => {
    const next = new Set(current);
    for (const id of ids) { if (on) next.add(id); else next.delete(id); }
    return next;
  });
  const changeFilters = (next: typeof filters) => { setSelected(new Set()); navigate(historyPath(next), { replace: true }); };
  const selectedShown = (deliveries.items ?? []).filter((item) => selected.has(item.id)).map((item) => item.id);

  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.history')}</h1>
          <p className="lead">{t('history.lead')}</p>
        </div>
      </div>
      <SaleSearch query={filters.q ?? ''} onSearch={(q) => changeFilters({ ...filters, q: q || undefined })} />
      <HistoryFilters filters={filters} webhooks={webhooks.data ?? []} events={(catalog.data?.events ?? []).map((event) => event.name)} onChange={changeFilters} />
      {filteredWebhook && !filteredWebhook.enabled && <DisabledWebhookNotice webhook={filteredWebhook} onRecover={() => setRecovering(filteredWebhook)} />}
      {canChange && <BulkBar count={selectedShown.length} live={deliveries.live} progress={progress} onResend={() => setConfirmBulk(true)} onClear={() => setSelected(new Set())} />}
      {deliveries.error && !deliveries.items ? <LoadError error={deliveries.error} what={t('history.what')} onRetry={() => void deliveries.load()} />
        : !deliveries.items ? <SkeletonBlocks count={6} height={44} label={t('history.loading')} />
        : deliveries.items.length === 0 ? (
          <EmptyState title={filters.q ? t('search.noMatchTitle', { q: filters.q }) : t(Object.keys(filters).length ? 'history.noMatchTitle' : 'history.emptyTitle')}>
            <p>{t(filters.q ? 'search.noMatchText' : Object.keys(filters).length ? 'history.noMatchText' : 'history.emptyText')}</p>
          </EmptyState>
        ) : (
          <>
            <DeliveryTable items={deliveries.items} webhooks={webhookById} selected={selected} onSelect={select} resending={resending} onResend={(delivery) => void resendOne(delivery)} />
            <div className="load-more">
              {deliveries.nextToken
                ? <Button onClick={() => void deliveries.loadMore()} busy={deliveries.loadingMore}>{t('history.loadMore')}</Button>
                : <p className="subtle">{t('history.thatIsAll', { count: deliveries.items.length })}</p>}
            </div>
          </>
        )}
      <FreshMarker count={deliveries.fresh} onShow={() => { deliveries.showFresh(); window.scrollTo({ top: 0 }); }} />
      <ConfirmDialog title={t('bulk.confirmTitle', { count: selectedShown.length })} confirmLabel={t('history.resend')} open={confirmBulk} onCancel={() => setConfirmBulk(false)}
        onConfirm={async () => {
          setConfirmBulk(false);
          // what failed stays selected, so a second click retries just those
          const { failed } = await resendMany(selectedShown);
          setSelected(new Set(failed));
          void deliveries.refresh();
        }}>
        <p>{t('bulk.confirmText')}</p>
      </ConfirmDialog>
      <RecoverDialog webhook={recovering} onClose={() => setRecovering(null)}
        onRecovered={(webhook) => { webhooks.setData((list) => list?.map((item) => (item.id === webhook.id ? webhook : item))); setRecovering(null); void deliveries.refresh(); }} />
    </section>
  );
}
