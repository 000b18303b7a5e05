// Narrow the history by configuration, event, status, transaction and date range; changes apply at once. The date
// fields say which time zone they are read in.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { deliveryStatuses } from '../api/types.ts';
import type { DeliveryFilters, Webhook } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { filters: DeliveryFilters; webhooks: Webhook[]; events: string[]; onChange: (filters: DeliveryFilters) => void };

const statusLabels: Record<string, MessageKey> = { pending: 'filters.pending', delivered: 'status.delivered', failed: 'status.failed', skipped: 'status.skipped' };

export function HistoryFilters({ filters, webhooks, events, onChange }: Props) {
  const t = useT();
  const format = useFormat();
  const eventName = useEventName();
  const [transaction, setTransaction] = useState(filters.transaction ?? '');
  useEffect(() => setTransaction(filters.transaction ?? ''), [filters.transaction]);
  const set = (key: keyof DeliveryFilters, value: string | undefined) => onChange({ ...filters, [key]: value || undefined });
  const submitTransaction = (event: FormEvent) => { event.preventDefault(); set('transaction', transaction.trim()); };
  const active = Object.values(filters).filter(Boolean).length;
  // open on wide screens; on a phone the list comes first and the filters are one tap away
  const [open] = useState(() => active > 0 || window.matchMedia('(min-width: 721px)').matches);
  const zoneHint = t('common.zoneHint', { zone: format.zoneName() });
  return (
    <details className="filters" open={open}>
      <summary>{active ? t('filters.titleActive', { count: active }) : t('filters.title')}</summary>
      <form onSubmit={submitTransaction} aria-label={t('filters.label')}>
      <div className="filters-grid">
      <SelectField label={t('history.configuration')} value={filters.webhook_id ?? ''} onChange={(value) => set('webhook_id', value)}
        options={[{ value: '', label: t('filters.allConfigurations') }, ...webhooks.map((webhook) => ({ value: webhook.id, label: webhook.name }))]} />
      <SelectField label={t('history.event')} value={filters.event ?? ''} onChange={(value) => set('event', value)}
        options={[{ value: '', label: t('filters.allEvents') }, ...events.map((code) => ({ value: code, label: eventName(code) }))]} />
      <SelectField label={t('history.status')} value={filters.status ?? ''} onChange={(value) => set('status', value)}
        options={[{ value: '', label: t('filters.anyStatus') }, ...deliveryStatuses.map((status) => ({ value: status, label: statusLabels[status] ? t(statusLabels[status]) : status }))]} />
      <TextField label={t('filters.transaction')} value={transaction} onChange={setTransaction} onBlur={() => { if (transaction.trim() !== (filters.transaction ?? '')) set('transaction', transaction.trim()); }}
        placeholder={t('filters.transactionPlaceholder')} />
      <TextField label={t('filters.from')} type="datetime-local" value={filters.from ? format.toInput(filters.from) : ''} onChange={(value) => set('from', format.fromInput(value))} hint={zoneHint} />
      <TextField label={t('filters.to')} type="datetime-local" value={filters.to ? format.toInput(filters.to) : ''} onChange={(value) => set('to', format.fromInput(value))} hint={zoneHint} />
      </div>
      <div className="filters-actions">
        <Button size="small" variant="ghost" disabled={!active} onClick={() => onChange({})}>{t('filters.clear')}</Button>
      </div>
      </form>
    </details>
  );
}
