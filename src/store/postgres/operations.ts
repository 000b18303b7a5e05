// Readiness and metrics reads (see ../operations.ts).
import type pg from 'pg';
import type { OperationsStore } from '../operations.ts';
import { postgresMigrations } from './migrations.ts';

const sql = {
  version: 'SELECT COALESCE(MAX(version), 0) AS version FROM postback_migrations',
  // one pass over the pending rows, bucketed by where each one stands at $1
  backlog: `SELECT
      COUNT(*) FILTER (WHERE next_attempt_at <= $1 AND (lease_token IS NULL OR lease_expires_at <= $1)) AS due,
      COUNT(*) FILTER (WHERE next_attempt_at > $1 AND lease_token IS NULL) AS scheduled,
      COUNT(*) FILTER (WHERE lease_token IS NOT NULL AND lease_expires_at > $1) AS in_flight,
      COUNT(*) FILTER (WHERE lease_token IS NOT NULL AND lease_expires_at <= $1) AS expired_leases,
      MIN(next_attempt_at) FILTER (WHERE next_attempt_at <= $1 AND (lease_token IS NULL OR lease_expires_at <= $1)) AS oldest_due_at
    FROM deliveries WHERE status = 'pending'`,
  webhooks: 'SELECT COUNT(*) FILTER (WHERE enabled) AS enabled, COUNT(*) FILTER (WHERE NOT enabled) AS disabled FROM webhooks',
};

export function postgresOperations(pool: pg.Pool): OperationsStore {
  return {
    async schemaStatus() {
      const row = (await pool.query(sql.version)).rows[0];
      return { version: Number(row?.version ?? 0), expected: postgresMigrations.length };
    },
    async deliveryBacklog(now) {
      const row = (await pool.query(sql.backlog, [now])).rows[0]!;
      return {
        due: Number(row.due), scheduled: Number(row.scheduled), inFlight: Number(row.in_flight), expiredLeases: Number(row.expired_leases),
        oldestDueAt: row.oldest_due_at === null ? null : Number(row.oldest_due_at),
      };
    },
    async webhookCounts() {
      const row = (await pool.query(sql.webhooks)).rows[0]!;
      return { enabled: Number(row.enabled), disabled: Number(row.disabled) };
    },
    connectionPool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    lastWriteFailure: () => null,
  };
}
