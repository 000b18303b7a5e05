// Retention: purges history older than the cutoff in small batches, so deliveries never wait behind a long delete.
import type { DatabaseSync } from 'node:sqlite';
import type { Store } from '../store.ts';

export function sqliteRetention(db: DatabaseSync): Pick<Store, 'purgeHistory'> {
  // settled deliveries created AND last changed before the cutoff (a recent resend keeps an old delivery); never
  // pending ones. Their attempts go with them (ON DELETE CASCADE). Each statement is one short write transaction:
  // the single writer is held for one batch, then the dispatcher's writes get their turn.
  const purgeDeliveries = db.prepare(`DELETE FROM deliveries WHERE id IN (
      SELECT id FROM deliveries WHERE created_at < ? AND updated_at < ? AND status <> 'pending' ORDER BY created_at LIMIT ?)`);
  // events older than the cutoff that no delivery refers to any more (or that matched no webhook at all)
  const purgeEvents = db.prepare(`DELETE FROM events WHERE (account_id, id) IN (
      SELECT account_id, id FROM events e WHERE created_at < ?
        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.account_id = e.account_id AND d.event_id = e.id)
      ORDER BY created_at LIMIT ?)`);

  return {
    async purgeHistory(before, batchSize) {
      const deliveries = Number(purgeDeliveries.run(before, before, batchSize).changes);
      const events = Number(purgeEvents.run(before, batchSize).changes);
      return deliveries + events;
    },
  };
}
