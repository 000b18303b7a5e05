// One post in the history: status, event, transaction, configuration, HTTP code or network error, attempts, and resend.
import type { Delivery } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { ResultText } from './ResultText.tsx';

type Props = { delivery: Delivery; webhookName: string; selected: boolean; onSelect: (on: boolean) => void; resending: boolean; onResend: () => void };

export function DeliveryRow({ delivery, webhookName, selected, onSelect, resending, onResend }: Props) {
  const t = useT();
  const format = useFormat();
  const eventName = useEventName();
  const detail = `/history/${encodeURIComponent(delivery.id)}`;
  const what = `${eventName(delivery.event)} ${delivery.transaction ?? ''}`.trim();
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td className="cell-select">
        <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} aria-label={t('history.selectOne', { what })} />
      </td>
      <td data-label={t('history.status')}>
        <StatusBadge status={delivery.status} />
        {delivery.test && <span className="badge badge-test">{t('history.test')}</span>}
      </td>
      <td data-label={t('history.event')} className="cell-event">
        <Link to={detail} className="strong-link">{eventName(delivery.event)}</Link>
        <span className="event-code">{delivery.event}</span>
        <span className="mono subtle">{delivery.transaction ?? t('history.noTransaction')}</span>
      </td>
      <td data-label={t('history.configuration')} className="cell-webhook">{webhookName}</td>
      <td data-label={t('history.result')}>
        <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />
        {delivery.status === 'pending' && delivery.next_attempt_at && <span className="subtle"> · {t('history.next', { when: format.relative(delivery.next_attempt_at) })}</span>}
      </td>
      <td data-label={t('webhooks.attempts')}>{t('history.attemptsOf', { done: delivery.cycle_attempts, max: delivery.max_attempts })}</td>
      <td data-label={t('history.created')} className="cell-date">{format.shortDate(delivery.created_at)}</td>
      <td className="cell-actions">
        <Link to={detail} className="button button-ghost button-small" aria-label={t('history.detailsOf', { what })}>{t('history.details')}</Link>
        <Button size="small" onClick={onResend} busy={resending} aria-label={t('history.resendOf', { what })}>
          <span aria-hidden="true">↻ </span>{t('history.resend')}
        </Button>
      </td>
    </tr>
  );
}
