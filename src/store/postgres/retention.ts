// Retention: purges history older than the cutoff in small batches, so deliveries never wait behind a long delete.
import type pg from 'pg';
import type { Store } from '../store.ts';

const sql = {
  // settled deliveries created AND last changed before the cutoff (a recent resend keeps an old delivery); never
  // pending ones. Their attempts go with them (ON DELETE CASCADE). SKIP LOCKED: rows a worker or a resend holds
  // right now are left for the next run, and two workers purging at once take disjoint batches.
  purgeDeliveries: `WITH doomed AS (
      SELECT id FROM deliveries WHERE created_at < $1 AND updated_at < $1 AND status <> 'pending'
      ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
    )
    DELETE FROM deliveries d USING doomed WHERE d.id = doomed.id`,
  // events older than the cutoff that no delivery refers to any more (or that matched no webhook at all)
  purgeEvents: `WITH doomed AS (
      SELECT account_id, id FROM events e WHERE created_at < $1
        AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.account_id = e.account_id AND d.event_id = e.id)
      ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
    )
    DELETE FROM events e USING doomed WHERE e.account_id = doomed.account_id AND e.id = doomed.id`,
};

export function postgresRetention(pool: pg.Pool): Pick<Store, 'purgeHistory'> {
  return {
    async purgeHistory(before, batchSize) {
      // two short statements, each its own transaction: locks are held for one batch only
      const deliveries = (await pool.query(sql.purgeDeliveries, [before, batchSize])).rowCount ?? 0;
      const events = (await pool.query(sql.purgeEvents, [before, batchSize])).rowCount ?? 0;
      return deliveries + events;
    },
  };
}
