// The dispatcher's statements: claim under a lease, record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, DeliveryStatus, Store } from '../store.ts';
import { inTransaction, lockKeys } from './database.ts';
import { notifyDue } from './due-notifications.ts';
import { disableWebhook } from './webhooks.ts';
import { signingSecrets, toDelivery, toEvent } from './rows.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt'>;

/** How many due rows each lane looks at per claim, as a multiple of the batch: room to skip capped webhooks' rows. */
export const claimWindowFactor = 4;

const sql = {
  // Claims take turns (a transaction-scoped advisory lock): the per-webhook cap counts every live lease, and two
  // claims running side by side would each count without the other's and together exceed it. The lock is held for
  // this one statement and an asynchronous commit, so turns are short; FOR UPDATE SKIP LOCKED still keeps a claim
  // from ever waiting on a row that a recorder, a resend or an owner's disable holds.
  // Fails safe: a claim lost in a database crash (asynchronous commit) only leaves its rows claimable again.
  beginClaim: `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lockKeys.claim})`,
  // due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
  // sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
  // Fairness, the same decisions as SQLite's claim (see ../sqlite/dispatch.ts):
  // - per-webhook cap ($5): a webhook with $5 live leases is skipped, and one below it gets only what it has left,
  //   so one slow or dead receiver holds at most $5 of the workers' slots;
  // - two lanes, first attempts (attempt_count = 0) and retries (including resends and recoveries), taken in turn:
  //   each gets at least half of a full batch, all of it when the other is empty; new events are never starved by a
  //   retry backlog, nor retries by a flood of new events.
  // Each lane reads at most $6 rows in due order from its own partial index, so a claim costs the same with
  // 100 or 1,000,000 pending deliveries.
  claim: `WITH live AS (
      SELECT webhook_id, COUNT(*) AS held FROM deliveries
      WHERE lease_token IS NOT NULL AND lease_expires_at > $1 AND status = 'pending' GROUP BY webhook_id
    ), first_lane AS (
      SELECT id, webhook_id, next_attempt_at, 0 AS lane FROM deliveries
      WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= $1 AND (lease_token IS NULL OR lease_expires_at <= $1)
        AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= $5)
      ORDER BY next_attempt_at LIMIT $6 FOR UPDATE SKIP LOCKED
    ), retry_lane AS (
      SELECT id, webhook_id, next_attempt_at, 1 AS lane FROM deliveries
      WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= $1 AND (lease_token IS NULL OR lease_expires_at <= $1)
        AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= $5)
      ORDER BY next_attempt_at LIMIT $6 FOR UPDATE SKIP LOCKED
    ), candidates AS (
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
      FROM (SELECT * FROM first_lane UNION ALL SELECT * FROM retry_lane) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
    ), turns AS (
      SELECT id, lane, ROW_NUMBER() OVER (PARTITION BY lane ORDER BY next_attempt_at, id) AS turn FROM candidates WHERE slot <= $5
    ), chosen AS (
      SELECT id FROM turns ORDER BY turn, lane LIMIT $4
    ), claimed AS (
      UPDATE deliveries d SET lease_token = $2, lease_expires_at = $3 FROM chosen WHERE d.id = chosen.id RETURNING d.*
    )
    SELECT claimed.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
    FROM claimed JOIN events e ON e.account_id = claimed.account_id AND e.id = claimed.event_id
    JOIN webhooks w ON w.id = claimed.webhook_id JOIN accounts a ON a.id = claimed.account_id
    ORDER BY claimed.next_attempt_at, claimed.id`,
  // fencing: only the holder of a live lease may write the outcome. FOR UPDATE holds the row until this transaction
  // ends, so a concurrent claim skips it and a concurrent resend waits; after a wait the lease is checked again.
  selectLeased: 'SELECT * FROM deliveries WHERE id = $1 AND lease_token = $2 AND lease_expires_at > $3 FOR UPDATE',
  insertAttempt: `INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail,
      request_headers, response_headers, response_body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  settle: `UPDATE deliveries SET status = $1, next_attempt_at = $2, attempt_count = attempt_count + 1, cycle_attempts = cycle_attempts + 1,
      last_status_code = $3, last_error = $4, lease_token = NULL, lease_expires_at = NULL, updated_at = $5 WHERE id = $6`,
  // the WHERE keeps a healthy webhook's row unwritten (and unlocked) on every success
  healthy: 'UPDATE webhooks SET failure_streak = 0, failing_since = NULL WHERE id = $1 AND failure_streak > 0',
  failing: `UPDATE webhooks SET failure_streak = failure_streak + 1, failing_since = COALESCE(failing_since, $1)
    WHERE id = $2 RETURNING failure_streak, failing_since, enabled`,
  selectEnabled: 'SELECT enabled FROM webhooks WHERE id = $1',
  release: `UPDATE deliveries d SET lease_token = NULL, lease_expires_at = NULL
    FROM unnest($1::text[], $2::text[]) AS lease(delivery_id, token) WHERE d.id = lease.delivery_id AND d.lease_token = lease.token`,
  // a leased row is not due before its lease ends, so an idle dispatcher does not spin on in-flight work; each part
  // reads one end of a small index (the lanes' heads, the live leases), not every pending row
  selectNextDue: `SELECT LEAST(
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count = 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count > 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT MIN(GREATEST(next_attempt_at, lease_expires_at)) FROM deliveries WHERE lease_token IS NOT NULL AND status = 'pending')) AS due`,
};

export function postgresDispatch(pool: pg.Pool, box: SecretBox): DispatchPart {
  return {
    async claimDue(now, limit, leaseMs, perWebhook) {
      const leaseToken = randomUUID();
      const rows = await inTransaction(pool, async (db) => (await db.query(sql.claim, [now, leaseToken, now + leaseMs, limit, perWebhook, limit * claimWindowFactor])).rows, sql.beginClaim);
      return rows.map((row): ClaimedDelivery => ({
        delivery: toDelivery(row),
        leaseToken,
        event: toEvent({ ...row, id: row.event_id, created_at: row.event_created_at }),
        webhook: { id: String(row.webhook_id), url: String(row.url), secrets: signingSecrets(row, box, now), enabled: row.enabled === true },
        hottok: box.open(String(row.hottok)),
      }));
    },

    async recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now) {
      return inTransaction(pool, async (db) => {
        const row = (await db.query(sql.selectLeased, [deliveryId, leaseToken, now])).rows[0];
        if (!row) return { kind: 'lease_lost' } as const;
        const webhookId = String(row.webhook_id);
        await db.query(sql.insertAttempt, [attempt.id, deliveryId, Number(row.cycle), attempt.number, attempt.startedAt, attempt.durationMs, attempt.statusCode,
          attempt.error, attempt.errorDetail, JSON.stringify(attempt.requestHeaders), JSON.stringify(attempt.responseHeaders), attempt.responseBody]);
        let disabledReason: string | null = null;
        // test sends never move a webhook's health: a producer probing a broken URL must not get it disabled
        if (row.is_test !== true) {
          if (settlement.kind === 'delivered') await db.query(sql.healthy, [webhookId]);
          else {
            const health = (await db.query(sql.failing, [now, webhookId])).rows[0]!;
            disabledReason = judge({ failureStreak: Number(health.failure_streak), failingSince: Number(health.failing_since), enabled: health.enabled === true });
            if (disabledReason !== null && health.enabled === true) await disableWebhook(db, webhookId, disabledReason, now);
          }
        }
        const enabled = (await db.query(sql.selectEnabled, [webhookId])).rows[0]?.enabled === true;
        const [status, nextAt]: [DeliveryStatus, number | null] = settlement.kind === 'delivered' ? ['delivered', null]
          : settlement.kind === 'failed' ? ['failed', null]
          : enabled || row.is_test === true ? ['pending', settlement.at] : ['skipped', null];
        await db.query(sql.settle, [status, nextAt, attempt.statusCode, attempt.error, now, deliveryId]);
        return { kind: 'recorded', status, disabledReason } as const;
      });
    },

    async releaseLeases(leases) {
      if (leases.length === 0) return;
      await inTransaction(pool, async (db) => {
        const released = await db.query(sql.release, [leases.map((lease) => lease.deliveryId), leases.map((lease) => lease.leaseToken)]);
        // another process's idle worker can take them at once instead of at its next poll
        if ((released.rowCount ?? 0) > 0) await notifyDue(db);
      });
    },

    async nextDueAt() {
      const due = (await pool.query(sql.selectNextDue)).rows[0]?.due;
      return due === null || due === undefined ? null : Number(due);
    },
  };
}
