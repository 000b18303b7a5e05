// Step 4: the last conversions sent, each with the click id and goal it reported and how the network answered;
// a sale without a click id shows as skipped, with that reason. Each row opens its post in the history.
import { useEventName } from '../events/useEventName.ts';
import { ResultText } from '../history/ResultText.tsx';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { StepCard } from './StepCard.tsx';
import { listConversions } from './trackingApi.ts';

export function ConversionsStep() {
  const t = useT();
  const format = useFormat();
  const eventName = useEventName();
  const conversions = useResource(listConversions, 'conversions');
  return (
    <StepCard number={4} title={t('tracking.conversionsTitle')}>
      <div><Button size="small" onClick={() => void conversions.reload()}>{t('tracking.refresh')}</Button></div>
      {conversions.error ? <LoadError error={conversions.error} what={t('tracking.conversionsWhat')} onRetry={() => void conversions.reload()} />
        : !conversions.data ? <SkeletonBlocks count={2} height={40} label={t('tracking.conversionsLoading')} />
        : conversions.data.length === 0 ? <EmptyState title={t('tracking.conversionsEmptyTitle')}><p>{t('tracking.conversionsEmptyText')}</p></EmptyState>
        : (
          <div className="table-wrap">
            <table className="table conversions-table">
              <caption className="visually-hidden">{t('tracking.conversionsTitle')}</caption>
              <thead><tr><th scope="col">{t('tracking.when')}</th><th scope="col">{t('tracking.event')}</th><th scope="col">{t('tracking.goal')}</th><th scope="col">{t('tracking.clickId')}</th>
                <th scope="col">{t('tracking.status')}</th><th scope="col">{t('tracking.result')}</th><th scope="col"><span className="visually-hidden">{t('tracking.details')}</span></th></tr></thead>
              <tbody>
                {conversions.data.map((conversion) => (
                  <tr key={conversion.id}>
                    <td data-label={t('tracking.when')} className="cell-date">{format.shortDate(conversion.created_at)}</td>
                    <td data-label={t('tracking.event')}>{eventName(conversion.event)}</td>
                    <td data-label={t('tracking.goal')} className="mono">{conversion.goal ?? '—'}</td>
                    <td data-label={t('tracking.clickId')} className="mono break">{conversion.click_id || '—'}</td>
                    <td data-label={t('tracking.status')}><StatusBadge status={conversion.status} /></td>
                    <td data-label={t('tracking.result')}><ResultText statusCode={conversion.last_status_code} error={conversion.last_error} /></td>
                    <td className="cell-actions">
                      <Link to={`/history/${encodeURIComponent(conversion.id)}`} className="button button-ghost button-small" aria-label={t('tracking.detailsOf', { clickId: conversion.click_id || conversion.id })}>{t('tracking.details')}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
    </StepCard>
  );
}
