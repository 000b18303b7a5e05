// The history table; on a phone each row becomes a labelled card (CSS), so nothing scrolls sideways.
import type { Delivery } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
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
  const t = useT();
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  return (
    <div className="table-wrap">
    <table className="table history-table">
      <caption className="visually-hidden">{t('history.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" className="cell-select">
            <input type="checkbox" checked={allSelected} onChange={(event) => onSelect(items.map((item) => item.id), event.target.checked)} aria-label={t('history.selectAll')} />
          </th>
          <th scope="col">{t('history.status')}</th>
          <th scope="col">{t('history.eventAndTransaction')}</th>
          <th scope="col">{t('history.configuration')}</th>
          <th scope="col">{t('history.result')}</th>
          <th scope="col">{t('webhooks.attempts')}</th>
          <th scope="col">{t('history.created')}</th>
          <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((delivery) => (
          <DeliveryRow key={delivery.id} delivery={delivery} webhookName={webhookNames.get(delivery.webhook_id) ?? t('history.removedConfiguration')}
            selected={selected.has(delivery.id)} onSelect={(on) => onSelect([delivery.id], on)}
            resending={resending.has(delivery.id)} onResend={() => onResend(delivery)} />
        ))}
      </tbody>
    </table>
    </div>
  );
}
