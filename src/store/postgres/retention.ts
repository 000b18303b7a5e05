// Retention: purges history older than the cutoff in small batches, so deliveries never wait behind a long delete.
import type pg from 'pg';
import { uuidv7Floor } from '../delivery-ids.ts';
import type { Store } from '../store.ts';

/** The purge statements (delivery-index-plans.test.ts checks which index each one reads). */
export const retentionSql = {
  // settled deliveries created AND last changed before the cutoff (a recent resend keeps an old delivery); never
  // pending ones. Their attempts go with them (ON DELETE CASCADE). SKIP LOCKED: rows a worker or a resend holds
  // right now are left for the next run, and two workers purging at once take disjoint batches.
  // Oldest first along the primary key: a delivery's id is the UUIDv7 of its created_at (delivery-ids.ts), so
  // `id < $1` (the cutoff's smallest UUIDv7) is "created before the cutoff" and needs no index on created_at of its
  // own (one index fewer for every publish, lease and settle to write). created_at is still checked exactly. A row
  // stored before ids took created_at's time has an id a little after it (the machine's clock, read just after): it
  // goes at a later run, once the cutoff has passed its id's time too. The batch is deleted by primary key lookups
  // (= ANY of an array), a plan that stays the same whatever the statistics say; joined to the batch, the planner
  // chose a hash join over every row of deliveries (measured 30 to 40 ms of a 60 ms batch at 100,000 rows).
  purgeDeliveries: `DELETE FROM deliveries WHERE id = ANY(ARRAY(
      SELECT id FROM deliveries WHERE id < $1 AND created_at < $2 AND updated_at < $2 AND status <> 'pending'
      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED))`,
  // events older than the cutoff that no delivery refers to any more (or that matched no webhook at all); event ids
  // are the publisher's, so events keep their index on created_at
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
      const deliveries = (await pool.query(retentionSql.purgeDeliveries, [uuidv7Floor(before), before, batchSize])).rowCount ?? 0;
      const events = (await pool.query(retentionSql.purgeEvents, [before, batchSize])).rowCount ?? 0;
      return deliveries + events;
    },
  };
}
