// A delivery's id is the UUIDv7 of its created_at: the store's `now` at publish, not the machine's clock at the moment
// the id is made. Id order is then creation order to the millisecond, so what reads deliveries by creation time does
// it through an index `deliveries` keeps anyway: retention walks the primary key (retention.ts), the stats windows a
// range of (account_id, id) (stats.ts). No index on created_at is written at every publish for them.
import { V7Generator } from 'uuidv7';
import { asDeliveryId, type DeliveryId } from '../domain/ids.ts';
import { bufferedRandomWords } from '../security/random-words.ts';

const generator = new V7Generator(bufferedRandomWords());
// No rollback allowance: a `now` earlier than the last one (publishes of one turn capture their clocks in any order)
// gets an id of that earlier time, not the last id's time plus a counter, so an id never says a later time than its
// row's created_at. Ids of one millisecond still come in order (the counter), and their random bits keep them unique.
generator.setRollbackAllowance(0);

/** A new delivery id whose time is `now` (epoch milliseconds, an integer). */
export function deliveryIdAt(now: number): DeliveryId {
  return asDeliveryId(generator.generateOrResetWithTs(now).toString());
}

/** The smallest UUIDv7 of an instant, as text: every id generated at or after `ms` sorts at or after it. */
export function uuidv7Floor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}
