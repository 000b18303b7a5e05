// History: every post with its status and result, filters, live updates while retrying, resend one or many,
// and recovery of a disabled configuration.
import { useMemo, useState } from 'react';
import { getCatalog, listWebhooks } from '../api/endpoints.ts';
import type { Delivery, Webhook } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
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
import { filtersFrom, historyPath } from './filters.ts';
import { HistoryFilters } from './HistoryFilters.tsx';
import { useDeliveries } from './useDeliveries.ts';
import { useResend } from './useResend.ts';

export function HistoryPage({ query }: { query: URLSearchParams }) {
  const key = query.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(key)), [key]);
  const webhooks = useResource(async () => (await listWebhooks()).items, 'webhooks');
  const catalog = useResource(getCatalog, 'catalog');
  const deliveries = useDeliveries(filters, key);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirmBulk, setConfirmBulk] = useState(false);
  const [recovering, setRecovering] = useState<Webhook | null>(null);
  const { resending, progress, resendOne, resendMany } = useResend(deliveries.replace);

  const webhookNames = useMemo(() => new Map((webhooks.data ?? []).map((webhook) => [webhook.id, webhook.name])), [webhooks.data]);
  const filteredWebhook = webhooks.data?.find((webhook) => webhook.id === filters.webhook_id);
  const select = (ids: string[], on: boolean) => setSelected((current) => {
    const next = new Set(current);
    for (const id of ids) { if (on) next.add(id); else next.delete(id); }
    return next;
  });
  const changeFilters = (next: typeof filters) => { setSelected(new Set()); navigate(historyPath(next), { replace: true }); };
  const selectedShown = (deliveries.items ?? []).filter((item: Delivery) => selected.has(item.id)).map((item) => item.id);

  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>History</h1>
          <p className="lead">Every post Postback made, newest first, with the receiver's answer. Open one to see the payload and each attempt.</p>
        </div>
      </div>
      <HistoryFilters filters={filters} webhooks={webhooks.data ?? []} events={(catalog.data?.events ?? []).map((event) => event.name)} onChange={changeFilters} />
      {filteredWebhook && !filteredWebhook.enabled && <DisabledWebhookNotice webhook={filteredWebhook} onRecover={() => setRecovering(filteredWebhook)} />}
      <BulkBar count={selectedShown.length} live={deliveries.live} progress={progress} onResend={() => setConfirmBulk(true)} onClear={() => setSelected(new Set())} />
      {deliveries.error && !deliveries.items ? <LoadError error={deliveries.error} what="the history" onRetry={() => void deliveries.load()} />
        : !deliveries.items ? <SkeletonBlocks count={6} height={44} label="Loading history" />
        : deliveries.items.length === 0 ? (
          <EmptyState title={Object.keys(filters).length ? 'No deliveries match these filters' : 'No deliveries yet'}>
            <p>{Object.keys(filters).length ? 'Try a wider date range or clear the filters.' : 'When an event matches one of your configurations, its post appears here. Send a test from My configurations to see one now.'}</p>
          </EmptyState>
        ) : (
          <>
            <DeliveryTable items={deliveries.items} webhookNames={webhookNames} selected={selected} onSelect={select} resending={resending} onResend={(delivery) => void resendOne(delivery)} />
            <div className="load-more">
              {deliveries.nextToken
                ? <Button onClick={() => void deliveries.loadMore()} busy={deliveries.loadingMore}>Load more</Button>
                : <p className="subtle">{deliveries.items.length} {deliveries.items.length === 1 ? 'delivery' : 'deliveries'}, that is all.</p>}
            </div>
          </>
        )}
      <ConfirmDialog title={`Resend ${selectedShown.length} deliveries?`} confirmLabel="Resend" open={confirmBulk} onCancel={() => setConfirmBulk(false)}
        onConfirm={async () => { setConfirmBulk(false); await resendMany(selectedShown); setSelected(new Set()); void deliveries.refresh(); }}>
        <p>Each selected post is sent again with the same event id and body, with a fresh set of attempts. Receivers that dedupe on the id ignore copies they already have.</p>
      </ConfirmDialog>
      <RecoverDialog webhook={recovering} onClose={() => setRecovering(null)}
        onRecovered={(webhook) => { webhooks.setData((list) => list?.map((item) => (item.id === webhook.id ? webhook : item))); setRecovering(null); void deliveries.refresh(); }} />
    </section>
  );
}
