// The history table; on a phone each row becomes a labelled card (CSS), so nothing scrolls sideways.
import type { Delivery } from '../api/types.ts';
import { DeliveryRow } from './DeliveryRow.tsx';

type Props = {
  items: Delivery[];
  webhookNames: Map<string, string>;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  resending: Set<string>;
  onResend: (delivery: Delivery) => void;
};

export function DeliveryTable({ items, webhookNames, selected, onSelect, resending, onResend }: Props) {
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  return (
    <div className="table-wrap">
    <table className="table history-table">
      <caption className="visually-hidden">Deliveries, newest first</caption>
      <thead>
        <tr>
          <th scope="col" className="cell-select">
            <input type="checkbox" checked={allSelected} onChange={(event) => onSelect(items.map((item) => item.id), event.target.checked)} aria-label="Select all shown deliveries" />
          </th>
          <th scope="col">Status</th>
          <th scope="col">Event and transaction</th>
          <th scope="col">Configuration</th>
          <th scope="col">Result</th>
          <th scope="col">Attempts</th>
          <th scope="col">Created</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((delivery) => (
          <DeliveryRow key={delivery.id} delivery={delivery} webhookName={webhookNames.get(delivery.webhook_id) ?? 'Removed configuration'}
            selected={selected.has(delivery.id)} onSelect={(on) => onSelect([delivery.id], on)}
            resending={resending.has(delivery.id)} onResend={() => onResend(delivery)} />
        ))}
      </tbody>
    </table>
    </div>
  );
}
