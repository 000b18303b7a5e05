// REST hooks on PostgreSQL: the latest events for a trigger's samples, and deleting a hook whose target is gone.
import type pg from 'pg';
import type { PoolClient } from 'pg';
import type { HooksStore } from '../hooks.ts';
import { toEvent } from '../rows.ts';
import type { WebhookId } from '../../domain/ids.ts';

const sql = {
  // one seek per event name on events_latest (LATERAL), then the few rows merged: an IN list could not use its order
  latest: `SELECT e.* FROM unnest($2::text[]) AS wanted(event)
    CROSS JOIN LATERAL (SELECT * FROM events WHERE account_id = $1 AND event = wanted.event AND NOT is_test ORDER BY created_at DESC, id DESC LIMIT $3) e
    ORDER BY e.created_at DESC, e.id DESC LIMIT $3`,
};

export function postgresHooks(pool: pg.Pool): HooksStore {
  return {
    async latestEvents(accountId, events, limit) {
      return (await pool.query(sql.latest, [accountId, events, limit])).rows.map(toEvent);
    },
  };
}

/**
 * Inside the record step's transaction: deletes the webhook if it is a REST hook (its deliveries and attempts go with
 * it, as with DELETE /api/v1/hooks/:id) and says whether it did. A webhook configured by hand is left to the health
 * rules (a 410 disables it). The cascade takes every delivery of the hook while this transaction holds the hook's row;
 * it cannot deadlock with another recorder of the same hook, because recorders take the hook's row before their
 * delivery's (LOCK ORDER in dispatch.ts): they wait for this one with no delivery held, then find theirs gone.
 */
export async function deleteGoneHook(db: PoolClient, webhookId: WebhookId): Promise<boolean> {
  return (await db.query('DELETE FROM webhooks WHERE id = $1 AND hook_trigger IS NOT NULL', [webhookId])).rowCount === 1;
}
