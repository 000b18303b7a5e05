// The purchase ledger on SQLite: the purchase row and its event commit together.
import type { DatabaseSync } from 'node:sqlite';
import type { Purchase, SalesStore } from '../sales.ts';
import { inTransaction } from './database.ts';
import { sqlitePublisher } from './publish.ts';
import { toEvent } from '../rows.ts';

export function sqliteSales(db: DatabaseSync): SalesStore {
  const publishWithin = sqlitePublisher(db);
  const selectOne = db.prepare('SELECT * FROM purchases WHERE account_id = ? AND txn = ?');
  const insert = db.prepare('INSERT INTO purchases (account_id, txn, state, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  // compare-and-set on the state read by the caller: two concurrent moves cannot both win
  const move = db.prepare('UPDATE purchases SET state = ?, data = ?, updated_at = ? WHERE account_id = ? AND txn = ? AND state = ?');
  const selectTimeline = db.prepare('SELECT * FROM events WHERE account_id = ? AND txn = ? ORDER BY created_at, creation_date, id');
  const toPurchase = (row: Record<string, unknown>): Purchase => ({
    transaction: String(row.txn), state: String(row.state), data: JSON.parse(String(row.data)) as Record<string, unknown>,
    createdAt: Number(row.created_at), updatedAt: Number(row.updated_at),
  });

  return {
    async recordPurchase(accountId, change, event, fanOut, now, affiliates) {
      return inTransaction(db, () => {
        const data = JSON.stringify(change.data);
        if (change.from === null) {
          if (insert.run(accountId, change.transaction, change.to, data, now, now).changes === 0) return { kind: 'exists' } as const;
        } else if (move.run(change.to, data, now, accountId, change.transaction, change.from).changes === 0) {
          const current = selectOne.get(accountId, change.transaction);
          return current ? { kind: 'conflict', current: String(current.state) } as const : { kind: 'not_found' } as const;
        }
        const published = publishWithin(event, fanOut, now, affiliates);
        return { kind: 'recorded', purchase: toPurchase(selectOne.get(accountId, change.transaction)!), published } as const;
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
