// Delivery history: filtered, cursor-paginated lists; one delivery with its attempts; manual resend.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { Store } from '../store.ts';
import { toAttempt, toDelivery, toEvent } from './rows.ts';

type HistoryPart = Pick<Store, 'listDeliveries' | 'getDelivery' | 'resendDelivery'>;

export function sqliteHistory(db: DatabaseSync): HistoryPart {
  const selectOne = db.prepare('SELECT * FROM deliveries WHERE account_id = ? AND id = ?');
  const selectEvent = db.prepare('SELECT * FROM events WHERE account_id = ? AND id = ?');
  const selectAttempts = db.prepare('SELECT * FROM attempts WHERE delivery_id = ? ORDER BY number');
  // a resend of an in-flight delivery keeps its lease: the running attempt settles it, and the new cycle follows
  const resend = db.prepare(`UPDATE deliveries SET status = 'pending', cycle = cycle + 1, cycle_attempts = 0, max_attempts = ?, next_attempt_at = ?, updated_at = ?
    WHERE account_id = ? AND id = ? RETURNING *`);

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
    async resendDelivery(accountId, deliveryId, now, maxAttempts) {
      const row = resend.get(maxAttempts, now, now, accountId, deliveryId);
      return row ? toDelivery(row) : null;
    },
  };
}
