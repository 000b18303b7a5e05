// One post in the history: status, event, transaction, configuration, what happened and why, attempts, and resend.
import type { ListedDelivery, Webhook } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { useCan } from '../session/RoleContext.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DeliveryOutcome, shownStatus } from './DeliveryOutcome.tsx';
import { SaleText } from './SaleText.tsx';

type Props = { delivery: ListedDelivery; webhook: Webhook | undefined; selected: boolean; onSelect: (on: boolean) => void; resending: boolean; onResend: () => void };

export function DeliveryRow({ delivery, webhook, selected, onSelect, resending, onResend }: Props) {
  const t = useT();
  const format = useFormat();
  const eventName = useEventName();
  const detail = `/history/${encodeURIComponent(delivery.id)}`;
  const what = `${eventName(delivery.event)} ${delivery.transaction ?? ''}`.trim();
  // a disabled configuration is not posted to: resending waits for it to be enabled or recovered
  const blocked = webhook !== undefined && !webhook.enabled;
  const canChange = useCan('developer');
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td className="cell-select">
        <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} aria-label={t('history.selectOne', { what })} />
      </td>
      <td data-label={t('history.status')}>
        <StatusBadge status={shownStatus(delivery)} />
        {delivery.test && <span className="badge badge-test">{t('history.test')}</span>}
      </td>
      <td data-label={t('history.event')} className="cell-event">
        <Link to={detail} className="strong-link">{eventName(delivery.event)}</Link>
        <span className="event-code">{delivery.event}</span>
        <span className="mono subtle">{delivery.transaction ?? t('history.noTransaction')}</span>
      </td>
      <td data-label={t('history.sale')} className="cell-sale"><SaleText sale={delivery} /></td>
      <td data-label={t('history.configuration')} className="cell-webhook">{webhook?.name ?? t('history.removedConfiguration')}</td>
      <td data-label={t('history.result')} className="cell-result"><DeliveryOutcome delivery={delivery} webhook={webhook} /></td>
      <td data-label={t('webhooks.attempts')}>{t('history.attemptsOf', { done: delivery.cycle_attempts, max: delivery.max_attempts })}</td>
      <td data-label={t('history.created')} className="cell-date">{format.shortDate(delivery.created_at)}</td>
      <td className="cell-actions">
        <Link to={detail} className="button button-ghost button-small" aria-label={t('history.detailsOf', { what })}>{t('history.details')}</Link>
        {canChange && (
          <Button size="small" onClick={onResend} busy={resending} disabled={blocked} title={blocked ? t('resend.blocked') : undefined} aria-label={t('history.resendOf', { what })}>
            <span aria-hidden="true">↻ </span>{t('history.resend')}
          </Button>
        )}
      </td>
    </tr>
  );
}
