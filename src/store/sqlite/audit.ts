// The audit log (see ../audit.ts): appended after each change, read newest first.
import type { DatabaseSync } from 'node:sqlite';
import { toAuditEntry } from '../rows.ts';
import type { AuditStore } from '../audit.ts';
import { whenUnlocked } from './lock-wait.ts';

export function sqliteAudit(db: DatabaseSync): AuditStore {
  const insert = db.prepare(`INSERT INTO audit_log (id, account_id, at, actor, action, target_type, target_id, target_name, detail)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // ids are UUIDv7: the primary key (account_id, id) is the log's order
  const select = db.prepare('SELECT * FROM audit_log WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT ?');
  return {
    async recordAudit(entry) {
      const detail = JSON.stringify(entry.detail);
      return whenUnlocked(() => { insert.run(entry.id, entry.accountId, entry.at, entry.actor, entry.action, entry.targetType, entry.targetId, entry.targetName, detail); });
    },
    async listAudit(accountId, page) {
      return select.all(accountId, page.before ?? '~', page.limit).map(toAuditEntry);
    },
  };
}
