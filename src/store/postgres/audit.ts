// The audit log (see ../audit.ts): appended after each change, read newest first.
import type pg from 'pg';
import { toAuditEntry } from '../rows.ts';
import type { AuditStore } from '../audit.ts';

const sql = {
  insert: `INSERT INTO audit_log (id, account_id, at, actor, action, target_type, target_id, target_name, detail)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  // ids are UUIDv7: the primary key (account_id, id) is the log's order
  select: 'SELECT * FROM audit_log WHERE account_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3',
};

export function postgresAudit(pool: pg.Pool): AuditStore {
  return {
    async recordAudit(entry) {
      await pool.query(sql.insert, [entry.id, entry.accountId, entry.at, entry.actor, entry.action, entry.targetType, entry.targetId, entry.targetName, JSON.stringify(entry.detail)]);
    },
    async listAudit(accountId, page) {
      return (await pool.query(sql.select, [accountId, page.before ?? '~', page.limit])).rows.map(toAuditEntry);
    },
  };
}
