// One page of an account's delivery history, newest first, each row with its sale's buyer, product and amount.
import type { SaleFacts } from '../domain/sale-facts.ts';
import type { DeliveryFilter, DeliverySummary, Store } from '../store/store.ts';
import { saleOfEvent } from './sale-of-event.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

export type HistoryRow = { delivery: DeliverySummary; sale: SaleFacts };
/** `nextAfter`: the id to continue after, or null on the last page. */
export type HistoryPage = { rows: HistoryRow[]; nextAfter: DeliveryId | null };

export async function readHistoryPage(store: Pick<Store, 'listDeliveries' | 'getEventData'>, accountId: AccountId, filter: DeliveryFilter): Promise<HistoryPage> {
  // one row more than the page says whether another page follows, without counting
  const found = await store.listDeliveries(accountId, { ...filter, limit: filter.limit + 1 });
  const page = found.slice(0, filter.limit);
  // the sales of the whole page in one query
  const data = await store.getEventData(accountId, page.map((delivery) => delivery.eventId));
  const last = page.at(-1);
  return {
    rows: page.map((delivery) => ({ delivery, sale: saleOfEvent(delivery.event, data.get(delivery.eventId)) })),
    nextAfter: found.length > filter.limit && last ? last.id : null,
  };
}
