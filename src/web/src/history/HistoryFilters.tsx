// Narrow the history by configuration, event, status, transaction and date range; changes apply at once.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { deliveryStatuses } from '../api/types.ts';
import type { DeliveryFilters, Webhook } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../format.ts';
import { Button } from '../ui/Button.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { filters: DeliveryFilters; webhooks: Webhook[]; events: string[]; onChange: (filters: DeliveryFilters) => void };

const statusLabels: Record<string, string> = { pending: 'Pending (retrying)', delivered: 'Delivered', failed: 'Failed', skipped: 'Skipped' };

export function HistoryFilters({ filters, webhooks, events, onChange }: Props) {
  const [transaction, setTransaction] = useState(filters.transaction ?? '');
  useEffect(() => setTransaction(filters.transaction ?? ''), [filters.transaction]);
  const set = (key: keyof DeliveryFilters, value: string | undefined) => onChange({ ...filters, [key]: value || undefined });
  const submitTransaction = (event: FormEvent) => { event.preventDefault(); set('transaction', transaction.trim()); };
  const active = Object.values(filters).filter(Boolean).length;
  // open on wide screens; on a phone the list comes first and the filters are one tap away
  const [open] = useState(() => active > 0 || window.matchMedia('(min-width: 721px)').matches);
  return (
    <details className="filters" open={open}>
      <summary>Filters{active ? ` (${active} active)` : ''}</summary>
      <form onSubmit={submitTransaction} aria-label="History filters">
      <div className="filters-grid">
      <SelectField label="Configuration" value={filters.webhook_id ?? ''} onChange={(value) => set('webhook_id', value)}
        options={[{ value: '', label: 'All configurations' }, ...webhooks.map((webhook) => ({ value: webhook.id, label: webhook.name }))]} />
      <SelectField label="Event" value={filters.event ?? ''} onChange={(value) => set('event', value)}
        options={[{ value: '', label: 'All events' }, ...events.map((name) => ({ value: name, label: name }))]} />
      <SelectField label="Status" value={filters.status ?? ''} onChange={(value) => set('status', value)}
        options={[{ value: '', label: 'Any status' }, ...deliveryStatuses.map((status) => ({ value: status, label: statusLabels[status] ?? status }))]} />
      <TextField label="Transaction" value={transaction} onChange={setTransaction} onBlur={() => { if (transaction.trim() !== (filters.transaction ?? '')) set('transaction', transaction.trim()); }}
        placeholder="HP…, then Enter" />
      <TextField label="From" type="datetime-local" value={filters.from ? toLocalInput(filters.from) : ''} onChange={(value) => set('from', fromLocalInput(value))} />
      <TextField label="To" type="datetime-local" value={filters.to ? toLocalInput(filters.to) : ''} onChange={(value) => set('to', fromLocalInput(value))} />
      </div>
      <div className="filters-actions">
        <Button size="small" variant="ghost" disabled={!active} onClick={() => onChange({})}>Clear filters</Button>
      </div>
      </form>
    </details>
  );
}
