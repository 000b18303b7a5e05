// REST hooks on SQLite: the latest events for a trigger's samples, and deleting a hook whose target is gone.
import type { DatabaseSync } from 'node:sqlite';
import type { HooksStore } from '../hooks.ts';
import { toEvent } from '../rows.ts';
import type { WebhookId } from '../../domain/ids.ts';

export function sqliteHooks(db: DatabaseSync): HooksStore {
  // one seek per event name on events_latest; the few rows are merged here (an IN list could not use the index's order)
  const latestOf = db.prepare(`SELECT * FROM events WHERE account_id = ? AND event = ? AND is_test = 0
    ORDER BY created_at DESC, id DESC LIMIT ?`);
  return {
    async latestEvents(accountId, events, limit) {
      const rows = events.flatMap((event) => latestOf.all(accountId, event, limit)).map(toEvent);
      return rows.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, limit);
    },
  };
}

/**
 * Inside the record step's transaction: deletes the webhook if it is a REST hook (its deliveries and attempts go with
 * it, as with DELETE /api/v1/hooks/:id) and says whether it did. A webhook configured by hand is left to the health
 * rules (a 410 disables it).
 */
export function deleteGoneHook(db: DatabaseSync, webhookId: WebhookId): boolean {
  return db.prepare('DELETE FROM webhooks WHERE id = ? AND hook_trigger IS NOT NULL').run(webhookId).changes === 1;
}
