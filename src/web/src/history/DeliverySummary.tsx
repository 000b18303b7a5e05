// The facts of one delivery at a glance.
import type { DeliveryDetail } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { ResultText } from './ResultText.tsx';

export function DeliverySummary({ delivery, webhookName }: { delivery: DeliveryDetail; webhookName: string | undefined }) {
  const t = useT();
  const format = useFormat();
  return (
    <dl className="facts card">
      <div><dt>{t('history.configuration')}</dt><dd>{webhookName ?? '—'}</dd></div>
      <div><dt>{t('history.result')}</dt><dd><ResultText statusCode={delivery.last_status_code} error={delivery.last_error} /></dd></div>
      <div><dt>{t('webhooks.attempts')}</dt><dd>{t(delivery.attempts !== delivery.cycle_attempts ? 'delivery.attemptsTotal' : 'history.attemptsOf', { done: delivery.cycle_attempts, max: delivery.max_attempts, total: delivery.attempts })}</dd></div>
      <div><dt>{t('delivery.nextAttempt')}</dt><dd>{delivery.status === 'pending' && delivery.next_attempt_at ? `${format.date(delivery.next_attempt_at)} (${format.relative(delivery.next_attempt_at)})` : '—'}</dd></div>
      <div><dt>{t('history.created')}</dt><dd>{format.date(delivery.created_at)}</dd></div>
      <div><dt>{t('delivery.eventId')}</dt><dd className="mono break">{delivery.event_id}</dd></div>
      <div><dt>{t('delivery.format')}</dt><dd>{delivery.version}</dd></div>
    </dl>
  );
}
