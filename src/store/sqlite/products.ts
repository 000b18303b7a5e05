// Products, the producer's "share buyer data" switch, and affiliations of products to affiliate accounts.
import type { DatabaseSync } from 'node:sqlite';
import type { AffiliatesStore } from '../affiliates.ts';
import type { Store } from '../store.ts';
import { toAffiliation, toProduct } from '../rows.ts';
import { whenUnlocked } from './lock-wait.ts';

type ProductsPart = Pick<Store, 'createProduct' | 'listProducts' | 'missingProducts' | 'updateProduct' | 'removeProduct'> & AffiliatesStore;

export function sqliteProducts(db: DatabaseSync): ProductsPart {
  const insertProduct = db.prepare('INSERT INTO products (account_id, id, name, ucode, share_buyer_data, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const selectProducts = db.prepare('SELECT * FROM products WHERE account_id = ? ORDER BY created_at, id');
  const selectProduct = db.prepare('SELECT 1 FROM products WHERE account_id = ? AND id = ?');
  // an affiliate may scope its webhooks to the products it promotes as well as to its own
  const selectProductIds = db.prepare(`SELECT id FROM products WHERE account_id = ?1 AND id IN (SELECT value FROM json_each(?2))
    UNION SELECT product_id FROM affiliations WHERE affiliate_account_id = ?1 AND product_id IN (SELECT value FROM json_each(?2))`);
  const updateShare = db.prepare('UPDATE products SET share_buyer_data = ? WHERE account_id = ? AND id = ? RETURNING *');
  const updateFields = db.prepare(`UPDATE products SET name = COALESCE(?, name), ucode = CASE WHEN ? THEN ? ELSE ucode END,
      share_buyer_data = COALESCE(?, share_buyer_data), archived_at = CASE WHEN ? IS NULL THEN archived_at WHEN ? THEN COALESCE(archived_at, ?) ELSE NULL END
    WHERE account_id = ? AND id = ? RETURNING *`);
  // a rare owner action: the account's events are read through their primary key (account_id, id), none of another's
  const selectSold = db.prepare('SELECT 1 FROM events WHERE account_id = ? AND product_id = ? LIMIT 1');
  const archive = db.prepare('UPDATE products SET archived_at = COALESCE(archived_at, ?) WHERE account_id = ? AND id = ?');
  const remove = db.prepare('DELETE FROM products WHERE account_id = ? AND id = ?');
  // one affiliation per affiliate and product (affiliations_by_affiliate: affiliate, product)
  const selectSameAffiliate = db.prepare('SELECT 1 FROM affiliations WHERE affiliate_account_id = ? AND product_id = ? AND producer_account_id = ?');
  const insertAffiliation = db.prepare(`INSERT INTO affiliations (id, producer_account_id, product_id, affiliate_code, affiliate_account_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const affiliationColumns = `SELECT a.*, p.name AS product_name, p.share_buyer_data, pa.name AS producer_name, aa.name AS affiliate_name FROM affiliations a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    JOIN accounts pa ON pa.id = a.producer_account_id JOIN accounts aa ON aa.id = a.affiliate_account_id`;
  const selectAffiliations = db.prepare(`${affiliationColumns}
    WHERE (a.producer_account_id = ?1 OR a.affiliate_account_id = ?1) AND (?2 IS NULL OR a.product_id = ?2) ORDER BY a.created_at, a.id`);
  // the affiliation as it was, read just before its removal (one connection: nothing comes between), for the audit
  const selectAffiliation = db.prepare(`${affiliationColumns} WHERE a.id = ?1 AND (a.producer_account_id = ?2 OR a.affiliate_account_id = ?2)`);
  const deleteAffiliation = db.prepare('DELETE FROM affiliations WHERE id = ?1 AND (producer_account_id = ?2 OR affiliate_account_id = ?2)');

  // each write: reads, then one statement (its own transaction), run again whole while another process holds the lock
  return {
    async createProduct(accountId, product) {
      return whenUnlocked(() => {
        const result = insertProduct.run(accountId, product.id, product.name, product.ucode, product.shareBuyerData ? 1 : 0, product.createdAt);
        return result.changes === 1 ? 'created' : 'exists';
      });
    },
    async listProducts(accountId) {
      return selectProducts.all(accountId).map(toProduct);
    },
    async missingProducts(accountId, productIds) {
      const found = new Set(selectProductIds.all(accountId, JSON.stringify(productIds)).map((row) => String(row.id)));
      return productIds.filter((id) => !found.has(id));
    },
    async updateProduct(accountId, productId, patch, now) {
      const archived = patch.archived === undefined ? null : patch.archived ? 1 : 0;
      return whenUnlocked(() => {
        const row = updateFields.get(patch.name ?? null, patch.ucode !== undefined ? 1 : 0, patch.ucode ?? null,
          patch.shareBuyerData === undefined ? null : patch.shareBuyerData ? 1 : 0, archived, archived, now, accountId, productId);
        return row ? toProduct(row) : null;
      });
    },
    async removeProduct(accountId, productId, now) {
      return whenUnlocked(() => {
        if (!selectProduct.get(accountId, productId)) return 'not_found';
        if (selectSold.get(accountId, productId)) { archive.run(now, accountId, productId); return 'archived'; }
        remove.run(accountId, productId);
        return 'deleted';
      });
    },
    async setShareBuyerData(accountId, productId, share) {
      return whenUnlocked(() => {
        const row = updateShare.get(share ? 1 : 0, accountId, productId);
        return row ? toProduct(row) : null;
      });
    },
    async createAffiliation(accountId, affiliation) {
      return whenUnlocked(() => {
        if (!selectProduct.get(accountId, affiliation.productId)) return 'no_product';
        // no await between the check and the insert: on the one connection nothing can come between them
        if (selectSameAffiliate.get(affiliation.affiliateAccountId, affiliation.productId, accountId)) return 'already_affiliated';
        const result = insertAffiliation.run(affiliation.id, accountId, affiliation.productId, affiliation.affiliateCode, affiliation.affiliateAccountId, affiliation.createdAt);
        return result.changes === 1 ? 'created' : 'code_taken';
      });
    },
    async listAffiliations(accountId, productId) {
      return selectAffiliations.all(accountId, productId ?? null).map(toAffiliation);
    },
    async deleteAffiliation(accountId, affiliationId) {
      return whenUnlocked(() => {
        const row = selectAffiliation.get(affiliationId, accountId);
        if (!row || deleteAffiliation.run(affiliationId, accountId).changes !== 1) return null;
        return toAffiliation(row);
      });
    },
  };
}
