// A product's external members area (members-area.ts): URL and login in the clear, the password sealed.
import type { DatabaseSync } from 'node:sqlite';
import type { SecretBox } from '../../security/secret-box.ts';
import type { MembersAreaStore } from '../members-area.ts';
import { toProduct } from '../rows.ts';
import { whenUnlocked } from './lock-wait.ts';

export function sqliteMembersArea(db: DatabaseSync, box: SecretBox): MembersAreaStore {
  const selectProduct = db.prepare('SELECT * FROM products WHERE account_id = ? AND id = ?');
  const setArea = db.prepare(`UPDATE products SET members_area_url = ?, members_area_login = ?, members_area_password = ?
    WHERE account_id = ? AND id = ? RETURNING *`);
  // keeping the password needs one to keep: without it the row is left as it was, and the caller is told why
  const setAreaKeepingPassword = db.prepare(`UPDATE products SET members_area_url = ?, members_area_login = ?
    WHERE account_id = ? AND id = ? AND members_area_password IS NOT NULL RETURNING *`);

  return {
    async getProduct(accountId, productId) {
      const row = selectProduct.get(accountId, productId);
      return row ? toProduct(row) : null;
    },
    async setMembersArea(accountId, productId, setting) {
      const sealed = setting === null || setting.password === null ? null : box.seal(setting.password);
      // one statement, then a read: run again whole while another process holds the lock
      return whenUnlocked(() => {
        const row = setting === null ? setArea.get(null, null, null, accountId, productId)
          : setting.password === null ? setAreaKeepingPassword.get(setting.url, setting.login, accountId, productId)
          : setArea.get(setting.url, setting.login, sealed, accountId, productId);
        if (row) return toProduct(row);
        return selectProduct.get(accountId, productId) ? 'password_required' : 'no_product';
      });
    },
  };
}
