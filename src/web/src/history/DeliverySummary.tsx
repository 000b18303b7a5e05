// The facts of one delivery at a glance.
import type { DeliveryDetail } from '../api/types.ts';
import { formatDate, formatIn } from '../format.ts';
import { ResultText } from './ResultText.tsx';

export function DeliverySummary({ delivery, webhookName }: { delivery: DeliveryDetail; webhookName: string | undefined }) {
  return (
    <dl className="facts card">
      <div><dt>Configuration</dt><dd>{webhookName ?? '—'}</dd></div>
      <div><dt>Result</dt><dd><ResultText statusCode={delivery.last_status_code} error={delivery.last_error} /></dd></div>
      <div><dt>Attempts</dt><dd>{delivery.cycle_attempts} of {delivery.max_attempts}{delivery.attempts !== delivery.cycle_attempts ? ` (${delivery.attempts} in total)` : ''}</dd></div>
      <div><dt>Next attempt</dt><dd>{delivery.status === 'pending' && delivery.next_attempt_at ? `${formatDate(delivery.next_attempt_at)} (${formatIn(delivery.next_attempt_at)})` : '—'}</dd></div>
      <div><dt>Created</dt><dd>{formatDate(delivery.created_at)}</dd></div>
      <div><dt>Event id (webhook-id)</dt><dd className="mono break">{delivery.event_id}</dd></div>
      <div><dt>Format</dt><dd>{delivery.version}</dd></div>
    </dl>
  );
}
