// The facts of one delivery at a glance, starting with what happened and why.
import type { DeliveryDetail, Webhook } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { versionName } from '../webhooks/versionLabel.ts';
import { DeliveryOutcome } from './DeliveryOutcome.tsx';

export function DeliverySummary({ delivery, webhook }: { delivery: DeliveryDetail; webhook: Webhook | undefined }) {
  const t = useT();
  const format = useFormat();
  return (
    <dl className="facts card">
      <div className="fact-wide"><dt>{t('delivery.outcome')}</dt><dd><DeliveryOutcome delivery={delivery} webhook={webhook} /></dd></div>
      <div><dt>{t('history.configuration')}</dt><dd>{webhook?.name ?? '—'}</dd></div>
      <div><dt>{t('webhooks.attempts')}</dt><dd>{t(delivery.attempts !== delivery.cycle_attempts ? 'delivery.attemptsTotal' : 'history.attemptsOf', { done: delivery.cycle_attempts, max: delivery.max_attempts, total: delivery.attempts })}</dd></div>
      <div><dt>{t('delivery.nextAttempt')}</dt><dd>{delivery.status === 'pending' && delivery.next_attempt_at ? `${format.date(delivery.next_attempt_at)} (${format.relative(delivery.next_attempt_at)})` : '—'}</dd></div>
      <div><dt>{t('history.created')}</dt><dd>{format.date(delivery.created_at)}</dd></div>
      <div><dt>{t('delivery.eventId')}</dt><dd className="mono break">{delivery.event_id}</dd></div>
      <div><dt>{t('delivery.format')}</dt><dd>{versionName(t, delivery.version)}</dd></div>
    </dl>
  );
}
