// The hosted checkout's offers: create, list, and find the one behind a checkout link.
import type pg from 'pg';
import type { OffersStore } from '../offers.ts';
import { toOffer } from '../rows.ts';

const withProduct = `SELECT o.*, p.name AS product_name, p.ucode AS product_ucode FROM offers o
  JOIN products p ON p.account_id = o.account_id AND p.id = o.product_id`;

const sql = {
  // the product's existence and the code's uniqueness (the primary key, across accounts) in one statement
  insert: `WITH product AS (SELECT account_id, id FROM products WHERE account_id = $2 AND id = $3), inserted AS (
      INSERT INTO offers (code, account_id, product_id, name, price_cents, currency, created_at)
      SELECT $1, product.account_id, product.id, $4, $5, $6, $7 FROM product ON CONFLICT DO NOTHING RETURNING code
    ) SELECT (SELECT COUNT(*) FROM product) AS products, (SELECT COUNT(*) FROM inserted) AS inserted`,
  selectAll: `${withProduct} WHERE o.account_id = $1 ORDER BY o.created_at, o.code`,
  selectOne: `${withProduct} WHERE o.code = $1`,
};

export function postgresOffers(pool: pg.Pool): OffersStore {
  return {
    async createOffer(accountId, offer) {
      const row = (await pool.query(sql.insert, [offer.code, accountId, offer.productId, offer.name, offer.priceCents, offer.currency, offer.createdAt])).rows[0]!;
      if (Number(row.products) === 0) return 'no_product';
      return Number(row.inserted) === 1 ? 'created' : 'code_taken';
    },
    async listOffers(accountId) {
      return (await pool.query(sql.selectAll, [accountId])).rows.map(toOffer);
    },
    async findOffer(code) {
      const row = (await pool.query(sql.selectOne, [code])).rows[0] as Record<string, unknown> | undefined;
      return row ? toOffer(row) : null;
    },
  };
}
