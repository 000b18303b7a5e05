// Products, the producer's "share buyer data" switch, and affiliations of products to affiliate accounts.
import type pg from 'pg';
import type { AffiliatesStore } from '../affiliates.ts';
import type { Store } from '../store.ts';
import { toAffiliation, toProduct } from '../rows.ts';
import { inTransaction } from './database.ts';

type ProductsPart = Pick<Store, 'createProduct' | 'listProducts' | 'missingProducts' | 'updateProduct' | 'removeProduct'> & AffiliatesStore;

const sql = {
  insertProduct: 'INSERT INTO products (account_id, id, name, ucode, share_buyer_data, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
  selectProducts: 'SELECT * FROM products WHERE account_id = $1 ORDER BY created_at, id',
  // one round trip for any number of ids (the array travels as one parameter); an affiliate may scope its webhooks
  // to the products it promotes as well as to its own
  selectProductIds: `SELECT id FROM products WHERE account_id = $1 AND id = ANY($2::text[])
    UNION SELECT product_id FROM affiliations WHERE affiliate_account_id = $1 AND product_id = ANY($2::text[])`,
  updateShare: 'UPDATE products SET share_buyer_data = $3 WHERE account_id = $1 AND id = $2 RETURNING *',
  updateFields: `UPDATE products SET name = COALESCE($3, name), ucode = CASE WHEN $4::boolean THEN $5 ELSE ucode END,
      share_buyer_data = COALESCE($6, share_buyer_data),
      archived_at = CASE WHEN $7::boolean IS NULL THEN archived_at WHEN $7::boolean THEN COALESCE(archived_at, $8) ELSE NULL END
    WHERE account_id = $1 AND id = $2 RETURNING *`,
  // one statement: archive when an event of the account names the product (read through the events' primary key
  // (account_id, id): none of another account's), else delete it
  removeProduct: `WITH product AS (SELECT id FROM products WHERE account_id = $1 AND id = $2),
      sold AS (SELECT EXISTS (SELECT 1 FROM events WHERE account_id = $1 AND product_id = $2) AS yes),
      archived AS (UPDATE products SET archived_at = COALESCE(archived_at, $3) WHERE account_id = $1 AND id = $2 AND (SELECT yes FROM sold) RETURNING id),
      deleted AS (DELETE FROM products WHERE account_id = $1 AND id = $2 AND NOT (SELECT yes FROM sold) RETURNING id)
    SELECT (SELECT COUNT(*) FROM product) AS found, (SELECT COUNT(*) FROM archived) AS archived`,
  // one affiliate's affiliations to one product, one at a time (a lock of the transaction's, on nothing else): the
  // statement after it reads what the one before committed, so two requests at once cannot both pass the NOT EXISTS
  lockAffiliate: "SELECT pg_advisory_xact_lock(hashtextextended('postback.affiliate:' || $1 || ':' || $2 || ':' || $3, 0))",
  // the product's existence, the affiliate's one affiliation per product and the code's uniqueness are checked by
  // the one statement: no row, no product
  insertAffiliation: `WITH product AS (SELECT account_id, id FROM products WHERE account_id = $2 AND id = $3),
    existing AS (SELECT 1 FROM affiliations WHERE affiliate_account_id = $5 AND product_id = $3 AND producer_account_id = $2), inserted AS (
      INSERT INTO affiliations (id, producer_account_id, product_id, affiliate_code, affiliate_account_id, created_at)
      SELECT $1, product.account_id, product.id, $4, $5, $6 FROM product WHERE NOT EXISTS (SELECT 1 FROM existing) ON CONFLICT DO NOTHING RETURNING id
    ) SELECT (SELECT COUNT(*) FROM product) AS products, (SELECT COUNT(*) FROM existing) AS existing, (SELECT COUNT(*) FROM inserted) AS inserted`,
  selectAffiliations: `SELECT a.*, p.name AS product_name, p.share_buyer_data, pa.name AS producer_name, aa.name AS affiliate_name FROM affiliations a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    JOIN accounts pa ON pa.id = a.producer_account_id JOIN accounts aa ON aa.id = a.affiliate_account_id
    WHERE (a.producer_account_id = $1 OR a.affiliate_account_id = $1) AND ($2::text IS NULL OR a.product_id = $2) ORDER BY a.created_at, a.id`,
  // the affiliation as it was, with its names (for the audit entries of both parties), in the statement that ends it
  deleteAffiliation: `WITH ended AS (DELETE FROM affiliations WHERE id = $1 AND (producer_account_id = $2 OR affiliate_account_id = $2) RETURNING *)
    SELECT a.*, p.name AS product_name, p.share_buyer_data, pa.name AS producer_name, aa.name AS affiliate_name FROM ended a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    JOIN accounts pa ON pa.id = a.producer_account_id JOIN accounts aa ON aa.id = a.affiliate_account_id`,
};

export function postgresProducts(pool: pg.Pool): ProductsPart {
  return {
    async createProduct(accountId, product) {
      const result = await pool.query(sql.insertProduct, [accountId, product.id, product.name, product.ucode, product.shareBuyerData, product.createdAt]);
      return result.rowCount === 1 ? 'created' : 'exists';
    },
    async listProducts(accountId) {
      return (await pool.query(sql.selectProducts, [accountId])).rows.map(toProduct);
    },
    async missingProducts(accountId, productIds) {
      const found = new Set((await pool.query(sql.selectProductIds, [accountId, productIds])).rows.map((row) => String(row.id)));
      return productIds.filter((id) => !found.has(id));
    },
    async updateProduct(accountId, productId, patch, now) {
      const row = (await pool.query(sql.updateFields, [accountId, productId, patch.name ?? null, patch.ucode !== undefined, patch.ucode ?? null,
        patch.shareBuyerData ?? null, patch.archived ?? null, now])).rows[0] as Record<string, unknown> | undefined;
      return row ? toProduct(row) : null;
    },
    async removeProduct(accountId, productId, now) {
      const row = (await pool.query(sql.removeProduct, [accountId, productId, now])).rows[0]!;
      if (Number(row.found) === 0) return 'not_found';
      return Number(row.archived) === 1 ? 'archived' : 'deleted';
    },
    async setShareBuyerData(accountId, productId, share) {
      const row = (await pool.query(sql.updateShare, [accountId, productId, share])).rows[0] as Record<string, unknown> | undefined;
      return row ? toProduct(row) : null;
    },
    async createAffiliation(accountId, affiliation) {
      const row = await inTransaction(pool, async (db) => {
        await db.query(sql.lockAffiliate, [accountId, affiliation.productId, affiliation.affiliateAccountId]);
        return (await db.query(sql.insertAffiliation, [affiliation.id, accountId, affiliation.productId, affiliation.affiliateCode,
          affiliation.affiliateAccountId, affiliation.createdAt])).rows[0]!;
      });
      if (Number(row.products) === 0) return 'no_product';
      if (Number(row.existing) > 0) return 'already_affiliated';
      return Number(row.inserted) === 1 ? 'created' : 'code_taken';
    },
    async listAffiliations(accountId, productId) {
      return (await pool.query(sql.selectAffiliations, [accountId, productId ?? null])).rows.map(toAffiliation);
    },
    async deleteAffiliation(accountId, affiliationId) {
      const row = (await pool.query(sql.deleteAffiliation, [affiliationId, accountId])).rows[0] as Record<string, unknown> | undefined;
      return row ? toAffiliation(row) : null;
    },
  };
}
