// Delivery history: filtered, cursor-paginated lists; one delivery with its attempts; manual resend.
import type pg from 'pg';
import { attemptsShown } from '../store.ts';
import type { Store } from '../store.ts';
import { refusedResend, toAttempt, toDelivery, toEvent } from '../rows.ts';

type HistoryPart = Pick<Store, 'listDeliveries' | 'getDelivery' | 'getEventData' | 'resendDelivery'>;

/** The end of a prefix range: under COLLATE "C", every text starting with the prefix sorts before prefix + the last code point. */
export const prefixEnd = (prefix: string): string => `${prefix}${String.fromCodePoint(0x10ffff)}`;
/**
 * The events of an account with a term in [key, prefixEnd(key)), their own or their product's: a range of each terms
 * table's primary key (account, term), then the matching products' events through events_by_product (the products
 * gathered first, so the plan does not hang on the tables' statistics).
 */
export const eventsMatching = (account: string, from: string, to: string): string =>
  `SELECT event_id FROM event_search_terms WHERE account_id = ${account} AND term >= ${from} AND term < ${to}
  UNION ALL SELECT id FROM events WHERE account_id = ${account}
    AND product_id = ANY (ARRAY(SELECT product_id FROM product_search_terms WHERE account_id = ${account} AND term >= ${from} AND term < ${to}))`;

const sql = {
  selectOne: 'SELECT * FROM deliveries WHERE account_id = $1 AND id = $2',
  selectEvent: 'SELECT * FROM events WHERE account_id = $1 AND id = $2',
  selectAttempts: `SELECT * FROM (SELECT * FROM attempts WHERE delivery_id = $1 ORDER BY number DESC LIMIT ${attemptsShown}) latest ORDER BY number`,
  selectEventData: 'SELECT id, data FROM events WHERE account_id = $1 AND id = ANY($2::text[])',
  // fenced as it writes (Store.resendDelivery): no live lease, an enabled webhook; a delivery waiting for its cycle's
  // first attempt keeps its cycle. SET reads the row as it was, so the CASE sees the old status
  resend: `UPDATE deliveries SET status = 'pending', cycle = CASE WHEN status = 'pending' AND cycle_attempts = 0 THEN cycle ELSE cycle + 1 END,
      cycle_attempts = 0, max_attempts = $1, next_attempt_at = $2, updated_at = $2
    WHERE account_id = $3 AND id = $4 AND (lease_token IS NULL OR lease_expires_at <= $2)
      AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = deliveries.webhook_id AND w.enabled) RETURNING *`,
  whyNotResent: `SELECT d.lease_token, d.lease_expires_at, w.enabled FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
    WHERE d.account_id = $1 AND d.id = $2`,
};

export function postgresHistory(pool: pg.Pool, due: { poke(): void }): HistoryPart {
  return {
    async listDeliveries(accountId, filter) {
      const values: (string | number | boolean)[] = [accountId];
      const where = ['account_id = $1'];
      const add = (column: string, operator: string, value: string | number | boolean | undefined) => {
        if (value === undefined) return;
        values.push(value);
        where.push(`${column} ${operator} $${values.length}`);
      };
      add('webhook_id', '=', filter.webhookId);
      add('event', '=', filter.event);
      add('status', '=', filter.status);
      add('txn', '=', filter.transaction);
      add('is_test', '=', filter.test);
      if (filter.search !== undefined) {
        // the account's terms, as ranges of their primary keys (account, term): no other tenant's row is read
        values.push(filter.search, prefixEnd(filter.search));
        where.push(`event_id IN (${eventsMatching('$1', `$${values.length - 1}`, `$${values.length}`)})`);
      }
      add('created_at', '>=', filter.from);
      add('created_at', '<', filter.to);
      add('id', '<', filter.after);
      values.push(filter.limit);
      // newest first by id (UUIDv7 = time order; COLLATE "C" on the column makes the comparison byte-wise)
      const text = `SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${values.length}`;
      return (await pool.query(text, values)).rows.map(toDelivery);
    },
    async getDelivery(accountId, deliveryId) {
      const row = (await pool.query(sql.selectOne, [accountId, deliveryId])).rows[0];
      if (!row) return null;
      const [event, attempts] = await Promise.all([pool.query(sql.selectEvent, [accountId, row.event_id]), pool.query(sql.selectAttempts, [deliveryId])]);
      return { delivery: toDelivery(row), event: toEvent(event.rows[0]!), attempts: attempts.rows.map(toAttempt) };
    },
    async getEventData(accountId, eventIds) {
      if (eventIds.length === 0) return new Map();
      const { rows } = await pool.query(sql.selectEventData, [accountId, [...new Set(eventIds)]]);
      return new Map(rows.map((row) => [String(row.id), String(row.data)]));
    },
    async resendDelivery(accountId, deliveryId, now, maxAttempts) {
      const row = (await pool.query(sql.resend, [maxAttempts, now, accountId, deliveryId])).rows[0];
      if (!row) return refusedResend((await pool.query(sql.whyNotResent, [accountId, deliveryId])).rows[0], now);
      // after the commit: an idle worker in any process sends it at once
      due.poke();
      return { kind: 'resent', delivery: toDelivery(row) };
    },
  };
}
