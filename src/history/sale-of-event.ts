// What an event's data says about its sale (buyer, product, amount), for the history's rows.
import { saleFactsOf } from '../domain/sale-facts.ts';
import type { SaleFacts } from '../domain/sale-facts.ts';

/** An unreadable or missing data text says nothing (fails soft: the row still lists). */
export function saleOfEvent(event: string, data: string | undefined): SaleFacts {
  try {
    return saleFactsOf(event, data === undefined ? null : JSON.parse(data));
  } catch {
    return saleFactsOf(event, null);
  }
}
