// The hosted checkout's offers: create, list, and find the one behind a checkout link.
import type { DatabaseSync } from 'node:sqlite';
import type { OffersStore } from '../offers.ts';
import { toOffer } from '../rows.ts';
import { whenUnlocked } from './lock-wait.ts';

const withProduct = `SELECT o.*, p.name AS product_name, p.ucode AS product_ucode FROM offers o
  JOIN products p ON p.account_id = o.account_id AND p.id = o.product_id`;

export function sqliteOffers(db: DatabaseSync): OffersStore {
  const selectProduct = db.prepare('SELECT 1 FROM products WHERE account_id = ? AND id = ?');
  // the code is the primary key across accounts: a taken code inserts nothing
  const insert = db.prepare(`INSERT INTO offers (code, account_id, product_id, name, price_cents, currency, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const selectAll = db.prepare(`${withProduct} WHERE o.account_id = ? ORDER BY o.created_at, o.code`);
  const selectOne = db.prepare(`${withProduct} WHERE o.code = ?`);
  return {
    async createOffer(accountId, offer) {
      return whenUnlocked(() => {
        if (!selectProduct.get(accountId, offer.productId)) return 'no_product';
        const inserted = insert.run(offer.code, accountId, offer.productId, offer.name, offer.priceCents, offer.currency, offer.createdAt);
        return inserted.changes === 1 ? 'created' : 'code_taken';
      });
    },
    async listOffers(accountId) {
      return selectAll.all(accountId).map(toOffer);
    },
    async findOffer(code) {
      const row = selectOne.get(code);
      return row ? toOffer(row) : null;
    },
  };
}
