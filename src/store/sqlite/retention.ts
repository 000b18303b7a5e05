// Retention: purges history older than the cutoff in small batches, so deliveries never wait behind a long delete.
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7Floor } from '../delivery-ids.ts';
import type { Store } from '../store.ts';
import { whenUnlocked } from './lock-wait.ts';

/** The purge statements (delivery-index-plans.test.ts checks which index each one reads). */
export const retentionSql = {
  // settled deliveries created AND last changed before the cutoff (a recent resend keeps an old delivery); never
  // pending ones. Their attempts go with them (ON DELETE CASCADE). Each statement is one short write transaction:
  // the single writer is held for one batch, then the dispatcher's writes get their turn.
  // Oldest first along the primary key: a delivery's id is the UUIDv7 of its created_at (delivery-ids.ts), so
  // `id < uuidv7Floor(cutoff)` is "created before the cutoff" and needs no index on created_at of its own (one index
  // fewer for every publish to write). created_at is still checked exactly. A row stored before ids took created_at's
  // time has an id a little after it (the machine's clock, read just after): it goes at a later run, once the
  // cutoff has passed its id's time too.
  purgeDeliveries: `DELETE FROM deliveries WHERE id IN (
      SELECT id FROM deliveries WHERE id < ? AND created_at < ? AND updated_at < ? AND status <> 'pending' ORDER BY id LIMIT ?)`,
  // events older than the cutoff that no delivery refers to any more (or that matched no webhook at all); event ids
  // are the publisher's, so events keep their index on created_at
  purgeEvents: `DELETE FROM events WHERE (account_id, id) IN (
      SELECT account_id, id FROM events e WHERE created_at < ?
        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.account_id = e.account_id AND d.event_id = e.id)
      ORDER BY created_at LIMIT ?)`,
};

export function sqliteRetention(db: DatabaseSync): Pick<Store, 'purgeHistory'> {
  const purgeDeliveries = db.prepare(retentionSql.purgeDeliveries);
  const purgeEvents = db.prepare(retentionSql.purgeEvents);

  return {
    async purgeHistory(before, batchSize) {
      // two transactions, each waited for on its own while another process holds the lock (a background job: the awaits cost nothing)
      const deliveries = await whenUnlocked(() => Number(purgeDeliveries.run(uuidv7Floor(before), before, before, batchSize).changes));
      const events = await whenUnlocked(() => Number(purgeEvents.run(before, batchSize).changes));
      return deliveries + events;
    },
  };
}
