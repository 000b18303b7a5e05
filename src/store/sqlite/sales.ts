// The purchase ledger on SQLite: the purchase row and its event commit together.
import type { DatabaseSync } from 'node:sqlite';
import type { Purchase, SalesStore } from '../sales.ts';
import { writeTransaction } from './database.ts';
import { sqlitePublisher } from './publish.ts';
import { routedTo } from '../purchase-routing.ts';
import { toEvent } from '../rows.ts';

export function sqliteSales(db: DatabaseSync): SalesStore {
  const publishWithin = sqlitePublisher(db);
  const selectOne = db.prepare('SELECT * FROM purchases WHERE account_id = ? AND txn = ?');
  // a purchase remembers the affiliate accounts its first event goes to (those affiliated under the sale's codes now):
  // its later events go to them alone (routedTo), never to whoever holds the code by then
  const insert = db.prepare(`INSERT INTO purchases (account_id, txn, state, data, created_at, updated_at, affiliate_accounts)
    VALUES (?1, ?2, ?3, ?4, ?5, ?5, (SELECT json_group_array(DISTINCT a.affiliate_account_id) FROM affiliations a
      WHERE a.producer_account_id = ?1 AND a.product_id = ?6 AND a.affiliate_code IN (SELECT value FROM json_each(?7))))
    ON CONFLICT DO NOTHING`);
  // compare-and-set on the state read by the caller: two concurrent moves cannot both win
  const move = db.prepare('UPDATE purchases SET state = ?, data = ?, updated_at = ? WHERE account_id = ? AND txn = ? AND state = ?');
  const selectTimeline = db.prepare('SELECT * FROM events WHERE account_id = ? AND txn = ? ORDER BY created_at, creation_date, id');
  const toPurchase = (row: Record<string, unknown>): Purchase => ({
    transaction: String(row.txn), state: String(row.state), data: JSON.parse(String(row.data)) as Record<string, unknown>,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
  });

  return {
    async recordPurchase(accountId, change, event, fanOut, now, affiliates) {
      return writeTransaction(db, () => {
        const data = JSON.stringify(change.data);
        if (change.from === null) {
          const codes = affiliates && event.productId !== null ? affiliates.codes : [];
          if (insert.run(accountId, change.transaction, change.to, data, now, event.productId, JSON.stringify(codes)).changes === 0) return { kind: 'exists' } as const;
        } else if (move.run(change.to, data, now, accountId, change.transaction, change.from).changes === 0) {
          const current = selectOne.get(accountId, change.transaction);
          return current ? { kind: 'conflict', current: String(current.state) } as const : { kind: 'not_found' } as const;
        }
        const row = selectOne.get(accountId, change.transaction)!;
        const published = publishWithin(event, fanOut, now, routedTo(row, affiliates));
        return { kind: 'recorded', purchase: toPurchase(row), published } as const;
      });
    },
    async getPurchase(accountId, transaction) {
      const row = selectOne.get(accountId, transaction);
      return row ? toPurchase(row) : null;
    },
    async transactionTimeline(accountId, transaction) {
      return selectTimeline.all(accountId, transaction).map(toEvent);
    },
  };
}
