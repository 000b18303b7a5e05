// Delivery history: filtered, cursor-paginated lists; one delivery with its attempts; manual resend.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { attemptsShown } from '../store.ts';
import type { Store } from '../store.ts';
import { refusedResend, toAttempt, toDelivery, toEvent } from '../rows.ts';
import { whenUnlocked } from './lock-wait.ts';

type HistoryPart = Pick<Store, 'listDeliveries' | 'getDelivery' | 'getEventData' | 'resendDelivery'>;

/** The end of a prefix range: every text starting with the prefix sorts before prefix + the last code point. */
export const prefixEnd = (prefix: string): string => `${prefix}${String.fromCodePoint(0x10ffff)}`;
/**
 * The events of an account with a term in [key, prefixEnd(key)), their own or their product's: a range of each terms
 * table's primary key (account, term), then the matching products' events. Its three values, twice.
 */
export const eventsMatching = `SELECT event_id FROM event_search_terms WHERE account_id = ? AND term >= ? AND term < ?
  UNION ALL SELECT e.id FROM product_search_terms p JOIN events e ON e.account_id = p.account_id AND e.product_id = p.product_id
  WHERE p.account_id = ? AND p.term >= ? AND p.term < ?`;

export function sqliteHistory(db: DatabaseSync): HistoryPart {
  const selectOne = db.prepare('SELECT * FROM deliveries WHERE account_id = ? AND id = ?');
  const selectEvent = db.prepare('SELECT * FROM events WHERE account_id = ? AND id = ?');
  const selectAttempts = db.prepare(`SELECT * FROM (SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number DESC LIMIT ${attemptsShown}) ORDER BY number`);
  const selectEventData = db.prepare('SELECT id, data FROM events WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))');
  // fenced as it writes (Store.resendDelivery): no live lease, an enabled webhook; a delivery waiting for its cycle's
  // first attempt keeps its cycle. SET reads the row as it was, so the CASE sees the old status
  const resend = db.prepare(`UPDATE deliveries SET status = 'pending', cycle = CASE WHEN status = 'pending' AND cycle_attempts = 0 THEN cycle ELSE cycle + 1 END,
      cycle_attempts = 0, max_attempts = :max, next_attempt_at = :now, updated_at = :now
    WHERE account_id = :account AND id = :id AND (lease_token IS NULL OR lease_expires_at <= :now)
      AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = deliveries.webhook_id AND w.enabled = 1) RETURNING *`);
  const whyNotResent = db.prepare(`SELECT d.lease_token, d.lease_expires_at, w.enabled FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.account_id = ? AND d.id = ?`);

  return {
    async listDeliveries(accountId, filter) {
      const where = ['account_id = ?'];
      const values: SQLInputValue[] = [accountId];
      const add = (clause: string, value: SQLInputValue | undefined) => { if (value !== undefined) { where.push(clause); values.push(value); } };
      add('webhook_id = ?', filter.webhookId);
      add('event = ?', filter.event);
      add('status = ?', filter.status);
      add('txn = ?', filter.transaction);
      add('is_test = ?', filter.test === undefined ? undefined : Number(filter.test));
      if (filter.search !== undefined) {
        // the account's terms, as ranges of their primary keys (account, term): no other tenant's row is read
        where.push(`event_id IN (${eventsMatching})`);
        const range = [accountId, filter.search, prefixEnd(filter.search)];
        values.push(...range, ...range);
      }
      add('created_at >= ?', filter.from);
      add('created_at < ?', filter.to);
      add('id < ?', filter.after);
      const sql = `SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
      return db.prepare(sql).all(...values, filter.limit).map(toDelivery);
    },
    async getDelivery(accountId, deliveryId) {
      const row = selectOne.get(accountId, deliveryId);
      if (!row) return null;
      const event = selectEvent.get(accountId, row.event_id as string)!;
      return { delivery: toDelivery(row), event: toEvent(event), attempts: selectAttempts.all(deliveryId).map(toAttempt) };
    },
    async getEventData(accountId, eventIds) {
      if (eventIds.length === 0) return new Map();
      const rows = selectEventData.all(accountId, JSON.stringify([...new Set(eventIds)]));
      return new Map(rows.map((row) => [String(row.id), String(row.data)]));
    },
    async resendDelivery(accountId, deliveryId, now, maxAttempts) {
      return whenUnlocked(() => {
        const row = resend.get({ max: maxAttempts, now, account: accountId, id: deliveryId });
        return row ? { kind: 'resent', delivery: toDelivery(row) } : refusedResend(whyNotResent.get(accountId, deliveryId), now);
      });
    },
  };
}
