// The dispatcher's statements: claim under a lease (claim.ts), record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, DeliveryStatus, Store } from '../store.ts';
import { claimOnce } from './claim.ts';
import { inTransaction } from './database.ts';
import { disableWebhook } from './webhooks.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt'>;

/** Rows of each lane's head a claim looks at, per slot asked for: room to pass over rows of webhooks at their cap. */
const headBudgetPerSlot = 4;
/** Webhooks a claim probes beyond the heads (the ring), and rings it tries while it finds nothing (see claim.ts). */
const ringSize = 32;
const ringTurns = 4;

const sql = {
  // The delivered path (most attempts) in ONE statement, autocommitted: the UPDATE is the fence, settling the row only
  // if this token still holds a live lease (after waiting on a concurrent writer, PostgreSQL re-checks the WHERE on
  // the row's new version); the attempt and the health reset hang off its RETURNING, so without the lease nothing
  // at all is written. The health reset leaves a healthy webhook's row unwritten (and unlocked) on every success;
  // test sends never move health.
  recordDelivered: `WITH settled AS (
      UPDATE deliveries SET status = 'delivered', next_attempt_at = NULL, attempt_count = attempt_count + 1, cycle_attempts = cycle_attempts + 1,
        last_status_code = $4, last_error = $12, lease_token = NULL, lease_expires_at = NULL, updated_at = $3
      WHERE id = $1 AND lease_token = $2 AND lease_expires_at > $3 AND status = 'pending'
      RETURNING id, cycle, webhook_id, is_test
    ), attempt AS (
      INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body)
      SELECT $5, id, cycle, $6, $7, $8, $4, $12, $13, $9, $10, $11 FROM settled
    ), health AS (
      UPDATE webhooks w SET failure_streak = 0, failing_since = NULL FROM settled
      WHERE w.id = settled.webhook_id AND NOT settled.is_test AND w.failure_streak > 0
    )
    SELECT COUNT(*) AS settled FROM settled`,
  // The failure path, first statement of its transaction: fence (FOR UPDATE holds the row until the settlement, so
  // a concurrent claim skips it and a resend waits), record the attempt, and count the failure toward the webhook's
  // health (not for test sends). No row back means the lease is lost and nothing was written.
  recordFailure: `WITH leased AS (
      SELECT id, cycle, webhook_id, is_test FROM deliveries WHERE id = $1 AND lease_token = $2 AND lease_expires_at > $3 AND status = 'pending' FOR UPDATE
    ), attempt AS (
      INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body)
      SELECT $4, id, cycle, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM leased
    ), health AS (
      UPDATE webhooks w SET failure_streak = failure_streak + 1, failing_since = COALESCE(failing_since, $3) FROM leased
      WHERE w.id = leased.webhook_id AND NOT leased.is_test RETURNING w.failure_streak, w.failing_since, w.enabled
    )
    SELECT leased.webhook_id, leased.is_test, health.* FROM leased LEFT JOIN health ON TRUE`,
  settle: `UPDATE deliveries SET status = $1, next_attempt_at = $2, attempt_count = attempt_count + 1, cycle_attempts = cycle_attempts + 1,
      last_status_code = $3, last_error = $4, lease_token = NULL, lease_expires_at = NULL, updated_at = $5 WHERE id = $6`,
  release: `UPDATE deliveries d SET lease_token = NULL, lease_expires_at = NULL
    FROM unnest($1::text[], $2::text[]) AS lease(delivery_id, token) WHERE d.id = lease.delivery_id AND d.lease_token = lease.token`,
  // a leased row is not due before its lease ends, so an idle dispatcher does not spin on in-flight work; each part
  // reads one end of a small index (the lanes' heads, the live leases), not every pending row
  selectNextDue: `SELECT LEAST(
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count = 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count > 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT MIN(GREATEST(next_attempt_at, lease_expires_at)) FROM deliveries WHERE lease_token IS NOT NULL AND status = 'pending')) AS due`,
};

export function postgresDispatch(pool: pg.Pool, box: SecretBox, due: { poke(): void }): DispatchPart {
  // where this process's ring of probed webhooks stopped (fairness only: any starting point is correct)
  let ringAfter = '';
  return {
    async claimDue(now, limit, leaseMs, perWebhook) {
      const token = randomUUID();
      for (let turn = 0; turn < ringTurns; turn++) {
        const result = await claimOnce(pool, box, { now, token, expires: now + leaseMs, limit, cap: perWebhook, budget: limit * headBudgetPerSlot, ringAfter, ringSize });
        // the ring moves on, and starts again from the first webhook after its end
        const wrapped = result.ringSeen < ringSize;
        ringAfter = wrapped ? '' : result.ringLast ?? '';
        // nothing found and more webhooks to probe: the next ring at once, not after a poll interval
        if (result.claimed.length > 0 || wrapped) return result.claimed;
      }
      return [];
    },

    async recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now) {
      const headers = [JSON.stringify(attempt.requestHeaders), JSON.stringify(attempt.responseHeaders), attempt.responseBody];
      if (settlement.kind === 'delivered') {
        const row = (await pool.query(sql.recordDelivered, [deliveryId, leaseToken, now, attempt.statusCode, attempt.id, attempt.number, attempt.startedAt, attempt.durationMs, ...headers, attempt.error, attempt.errorDetail])).rows[0];
        return Number(row?.settled) === 1 ? { kind: 'recorded', status: 'delivered', disabledReason: null } : { kind: 'lease_lost' };
      }
      return inTransaction(pool, async (db) => {
        const row = (await db.query(sql.recordFailure, [deliveryId, leaseToken, now, attempt.id, attempt.number, attempt.startedAt, attempt.durationMs,
          attempt.statusCode, attempt.error, attempt.errorDetail, ...headers])).rows[0];
        if (!row) return { kind: 'lease_lost' } as const;
        const isTest = row.is_test === true;
        let enabled = row.enabled === true;
        let disabledReason: string | null = null;
        if (!isTest) {
          disabledReason = judge({ failureStreak: Number(row.failure_streak), failingSince: Number(row.failing_since), enabled });
          if (disabledReason !== null && enabled) {
            await disableWebhook(db, String(row.webhook_id), disabledReason, now);
            enabled = false;
          }
        }
        // a retry of a disabled webhook's delivery is skipped (recover sends it later); a test send keeps retrying
        const [status, nextAt]: [DeliveryStatus, number | null] = settlement.kind === 'failed' ? ['failed', null]
          : enabled || isTest ? ['pending', settlement.at] : ['skipped', null];
        await db.query(sql.settle, [status, nextAt, attempt.statusCode, attempt.error, now, deliveryId]);
        return { kind: 'recorded', status, disabledReason } as const;
      });
    },

    async releaseLeases(leases) {
      if (leases.length === 0) return;
      const released = await pool.query(sql.release, [leases.map((lease) => lease.deliveryId), leases.map((lease) => lease.leaseToken)]);
      // another process's idle worker can take them at once instead of at its next poll
      if ((released.rowCount ?? 0) > 0) due.poke();
    },

    async nextDueAt() {
      const due = (await pool.query(sql.selectNextDue)).rows[0]?.due;
      return due === null || due === undefined ? null : Number(due);
    },
  };
}

