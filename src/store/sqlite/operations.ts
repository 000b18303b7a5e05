// Readiness and metrics reads (see ../operations.ts).
import type { DatabaseSync } from 'node:sqlite';
import type { OperationsStore } from '../operations.ts';
import { sqliteMigrations } from './migrations.ts';
import type { GroupCommit } from './group-commit.ts';

export function sqliteOperations(db: DatabaseSync, writes: Pick<GroupCommit, 'lastFailure'>): OperationsStore {
  const selectVersion = db.prepare('PRAGMA user_version');
  // one pass over the pending rows (a partial index holds only them), bucketed by where each one stands at :now
  const selectBacklog = db.prepare(`SELECT
      COUNT(*) FILTER (WHERE next_attempt_at <= :now AND (lease_token IS NULL OR lease_expires_at <= :now)) AS due,
      COUNT(*) FILTER (WHERE next_attempt_at > :now AND lease_token IS NULL) AS scheduled,
      COUNT(*) FILTER (WHERE lease_token IS NOT NULL AND lease_expires_at > :now) AS in_flight,
      COUNT(*) FILTER (WHERE lease_token IS NOT NULL AND lease_expires_at <= :now) AS expired_leases,
      MIN(next_attempt_at) FILTER (WHERE next_attempt_at <= :now AND (lease_token IS NULL OR lease_expires_at <= :now)) AS oldest_due_at
    FROM deliveries INDEXED BY deliveries_webhook_queue WHERE status = 'pending'`);
  const selectWebhooks = db.prepare('SELECT COUNT(*) FILTER (WHERE enabled = 1) AS enabled, COUNT(*) FILTER (WHERE enabled = 0) AS disabled FROM webhooks');
  return {
    async schemaStatus() {
      return { version: Number(selectVersion.get()!.user_version), expected: sqliteMigrations.length };
    },
    async deliveryBacklog(now) {
      const row = selectBacklog.get({ now })!;
      return {
        due: Number(row.due), scheduled: Number(row.scheduled), inFlight: Number(row.in_flight), expiredLeases: Number(row.expired_leases),
        oldestDueAt: row.oldest_due_at === null ? null : Number(row.oldest_due_at),
      };
    },
    async webhookCounts() {
      const row = selectWebhooks.get()!;
      return { enabled: Number(row.enabled), disabled: Number(row.disabled) };
    },
    connectionPool: () => null,
    lastWriteFailure: () => writes.lastFailure(),
  };
}
