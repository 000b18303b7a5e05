// The audit log: who created, changed, disabled, rotated or revealed what, and when, newest first.
import { useState } from 'react';
import { getAudit } from '../api/endpoints.ts';
import type { AuditEntry } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { useAuditActor, useAuditText } from './auditText.ts';

export function AuditPage() {
  const t = useT();
  const format = useFormat();
  const describe = useAuditText();
  const actorText = useAuditActor();
  const first = useResource(() => getAudit(), 'audit');
  const [more, setMore] = useState<{ items: AuditEntry[]; next: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : first.data?.next_before ?? null;
  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = await getAudit(next);
      setMore((current) => ({ items: [...(current?.items ?? []), ...page.items], next: page.next_before }));
    } finally {
      setLoading(false);
    }
  };
  return (
    <section className="stack-large">
      <div className="page-head"><div><h1 tabIndex={-1}>{t('nav.audit')}</h1><p className="lead">{t('audit.lead')}</p></div></div>
      {first.error ? <LoadError error={first.error} what={t('audit.what')} onRetry={() => void first.reload()} />
        : !first.data ? <SkeletonBlocks count={4} height={40} label={t('audit.loading')} />
        : items.length === 0 ? <EmptyState title={t('audit.emptyTitle')}><p>{t('audit.emptyText')}</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table products-table audit-table">
              <caption className="visually-hidden">{t('nav.audit')}</caption>
              <thead><tr><th scope="col">{t('audit.when')}</th><th scope="col">{t('audit.who')}</th><th scope="col">{t('audit.what')}</th></tr></thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label={t('audit.when')} className="cell-date">{format.date(entry.at)}</td>
                    <th scope="row" data-label={t('audit.who')}>{actorText(entry.actor)}</th>
                    <td data-label={t('audit.what')} className="cell-wide">{describe(entry)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {next && <div className="load-more"><Button onClick={() => void loadMore()} busy={loading}>{t('history.loadMore')}</Button></div>}
    </section>
  );
}
