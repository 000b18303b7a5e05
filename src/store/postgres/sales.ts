// The purchase ledger on PostgreSQL: the purchase row and its event commit together, in one transaction.
import type pg from 'pg';
import type { Purchase, SalesStore } from '../sales.ts';
import { inTransaction } from './database.ts';
import { leftPending } from '../publish-rules.ts';
import { postgresPublisher } from './publish.ts';
import { routedTo } from '../purchase-routing.ts';
import { toEvent } from '../rows.ts';

const sql = {
  selectOne: 'SELECT * FROM purchases WHERE account_id = $1 AND txn = $2',
  // a purchase remembers the affiliate accounts its first event goes to (those affiliated under the sale's codes now,
  // by the affiliations' unique key): its later events go to them alone (purchase-routing.ts), never to whoever holds
  // the code by then. In the insert itself: no statement more per purchase
  insert: `INSERT INTO purchases (account_id, txn, state, data, created_at, updated_at, affiliate_accounts) VALUES ($1, $2, $3, $4, $5, $5,
      (SELECT COALESCE(json_agg(DISTINCT a.affiliate_account_id ORDER BY a.affiliate_account_id), '[]'::json)::text FROM affiliations a
        WHERE a.producer_account_id = $1 AND a.product_id = $6 AND a.affiliate_code = ANY($7::text[])))
    ON CONFLICT DO NOTHING RETURNING *`,
  // compare-and-set on the state the caller read: of two concurrent moves, the second finds the state changed
  move: 'UPDATE purchases SET state = $3, data = $4, updated_at = $5 WHERE account_id = $1 AND txn = $2 AND state = $6 RETURNING *',
  selectTimeline: 'SELECT * FROM events WHERE account_id = $1 AND txn = $2 ORDER BY created_at, creation_date, id',
};

const toPurchase = (row: Record<string, unknown>): Purchase => ({
  transaction: String(row.txn), state: String(row.state), data: JSON.parse(String(row.data)) as Record<string, unknown>,
  createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
});

export function postgresSales(pool: pg.Pool, due: { poke(): void }): SalesStore {
  const { publishOn } = postgresPublisher();
  return {
    async recordPurchase(accountId, change, event, fanOut, now, affiliates) {
      const result = await inTransaction(pool, async (db) => {
        const data = JSON.stringify(change.data);
        const codes = affiliates && event.productId !== null ? affiliates.codes : [];
        const written = change.from === null
          ? await db.query(sql.insert, [accountId, change.transaction, change.to, data, now, event.productId, codes])
          : await db.query(sql.move, [accountId, change.transaction, change.to, data, now, change.from]);
        const row = written.rows[0] as Record<string, unknown> | undefined;
        if (!row) {
          if (change.from === null) return { kind: 'exists' } as const;
          const current = (await db.query(sql.selectOne, [accountId, change.transaction])).rows[0] as Record<string, unknown> | undefined;
          return current ? { kind: 'conflict', current: String(current.state) } as const : { kind: 'not_found' } as const;
        }
        const published = await publishOn(db, event, fanOut, now, routedTo(row, affiliates));
        return { kind: 'recorded', purchase: toPurchase(row), published } as const;
      });
      // after the commit: idle workers in every process look for the new deliveries at once
      if (result.kind === 'recorded' && leftPending(result.published)) due.poke();
      return result;
    },
    async getPurchase(accountId, transaction) {
      const row = (await pool.query(sql.selectOne, [accountId, transaction])).rows[0] as Record<string, unknown> | undefined;
      return row ? toPurchase(row) : null;
    },
    async transactionTimeline(accountId, transaction) {
      return (await pool.query(sql.selectTimeline, [accountId, transaction])).rows.map(toEvent);
    },
  };
}
