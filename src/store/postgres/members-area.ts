// A product's external members area (members-area.ts): URL and login in the clear, the password sealed.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { MembersAreaStore } from '../members-area.ts';
import { toProduct } from '../rows.ts';
import type { AccountId } from '../../domain/ids.ts';

const sql = {
  selectProduct: 'SELECT * FROM products WHERE account_id = $1 AND id = $2',
  setArea: `UPDATE products SET members_area_url = $3, members_area_login = $4, members_area_password = $5
    WHERE account_id = $1 AND id = $2 RETURNING *`,
  // keeping the password needs one to keep: without it the row is left as it was, and the caller is told why
  setAreaKeepingPassword: `UPDATE products SET members_area_url = $3, members_area_login = $4
    WHERE account_id = $1 AND id = $2 AND members_area_password IS NOT NULL RETURNING *`,
};

export function postgresMembersArea(pool: pg.Pool, box: SecretBox): MembersAreaStore {
  const selectProduct = async (accountId: AccountId, productId: string) => (await pool.query(sql.selectProduct, [accountId, productId])).rows[0] as Record<string, unknown> | undefined;
  return {
    async getProduct(accountId, productId) {
      const row = await selectProduct(accountId, productId);
      return row ? toProduct(row) : null;
    },
    async setMembersArea(accountId, productId, setting) {
      const result = setting === null ? await pool.query(sql.setArea, [accountId, productId, null, null, null])
        : setting.password === null ? await pool.query(sql.setAreaKeepingPassword, [accountId, productId, setting.url, setting.login])
        : await pool.query(sql.setArea, [accountId, productId, setting.url, setting.login, box.seal(setting.password)]);
      const row = result.rows[0] as Record<string, unknown> | undefined;
      if (row) return toProduct(row);
      return await selectProduct(accountId, productId) ? 'password_required' : 'no_product';
    },
  };
}
