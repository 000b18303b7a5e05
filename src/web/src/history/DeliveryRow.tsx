// One post in the history: status, event, transaction, configuration, HTTP code or network error, attempts, and resend.
import type { Delivery } from '../api/types.ts';
import { formatIn, formatShortDate } from '../format.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { ResultText } from './ResultText.tsx';

type Props = { delivery: Delivery; webhookName: string; selected: boolean; onSelect: (on: boolean) => void; resending: boolean; onResend: () => void };

export function DeliveryRow({ delivery, webhookName, selected, onSelect, resending, onResend }: Props) {
  const detail = `/history/${encodeURIComponent(delivery.id)}`;
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <td className="cell-select">
        <input type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} aria-label={`Select ${delivery.event} ${delivery.transaction ?? delivery.id}`} />
      </td>
      <td data-label="Status">
        <StatusBadge status={delivery.status} />
        {delivery.test && <span className="badge badge-test">Test</span>}
      </td>
      <td data-label="Event" className="cell-event">
        <Link to={detail} className="mono strong-link">{delivery.event}</Link>
        <span className="mono subtle">{delivery.transaction ?? 'no transaction'}</span>
      </td>
      <td data-label="Configuration" className="cell-webhook">{webhookName}</td>
      <td data-label="Result">
        <ResultText statusCode={delivery.last_status_code} error={delivery.last_error} />
        {delivery.status === 'pending' && delivery.next_attempt_at && <span className="subtle"> · next {formatIn(delivery.next_attempt_at)}</span>}
      </td>
      <td data-label="Attempts">{delivery.cycle_attempts} of {delivery.max_attempts}</td>
      <td data-label="Created" className="cell-date">{formatShortDate(delivery.created_at)}</td>
      <td className="cell-actions">
        <Link to={detail} className="button button-ghost button-small" aria-label={`Details of ${delivery.event} ${delivery.transaction ?? ''}`}>Details</Link>
        <Button size="small" onClick={onResend} busy={resending} aria-label={`Resend ${delivery.event} ${delivery.transaction ?? ''}`}>
          <span aria-hidden="true">↻ </span>Resend
        </Button>
      </td>
    </tr>
  );
}
