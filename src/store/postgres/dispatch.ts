// The dispatcher's statements: claim under a lease, record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, DeliveryStatus, Store } from '../store.ts';
import { inTransaction, lockKeys } from './database.ts';
import { disableWebhook } from './webhooks.ts';
import { signingSecrets, toDelivery, toEvent } from './rows.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt'>;

/** How many due rows each lane looks at per claim, as a multiple of the batch: room to skip capped webhooks' rows. */
export const claimWindowFactor = 4;

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

/**
 * The claim, in ONE round trip: a simple-protocol query of five statements. Claims take turns (a transaction-scoped
 * advisory lock) because the per-webhook cap counts every live lease, and two claims running side by side would each
 * count without the other's and together exceed it. So the lock is held for one statement and an asynchronous
 * commit, no network round trip inside; FOR UPDATE SKIP LOCKED still keeps a claim from ever waiting on a row that a
 * recorder, a resend or an owner's disable holds. The simple protocol takes no parameters: every value is a number
 * checked to be a safe integer, or a UUID made here, so nothing from outside reaches the text.
 * Fails safe: a claim lost in a database crash (asynchronous commit) only leaves its rows claimable again.
 */
function claimStatements(now: number, token: string, expires: number, limit: number, cap: number, window: number): string {
  for (const value of [now, expires, limit, cap, window]) if (!Number.isSafeInteger(value)) throw new Error(`claim: ${value} is not an integer`);
  // due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
  // sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
  // Fairness, the same decisions as SQLite's claim (see ../sqlite/dispatch.ts):
  // - per-webhook cap: a webhook with `cap` live leases is skipped, and one below it gets only what it has left,
  //   so one slow or dead receiver holds at most `cap` of the workers' slots;
  // - two lanes, first attempts (attempt_count = 0) and retries (including resends and recoveries), taken in turn:
  //   each gets at least half of a full batch, all of it when the other is empty; new events are never starved by a
  //   retry backlog, nor retries by a flood of new events.
  // Each lane reads at most `window` rows in due order from its own partial index, so a claim costs the same with
  // 100 or 1,000,000 pending deliveries.
  return `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lockKeys.claim});
    WITH live AS (
        SELECT webhook_id, COUNT(*) AS held FROM deliveries
        WHERE lease_token IS NOT NULL AND lease_expires_at > ${now} AND status = 'pending' GROUP BY webhook_id
      ), first_lane AS (
        SELECT id, webhook_id, next_attempt_at, 0 AS lane FROM deliveries
        WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= ${now} AND (lease_token IS NULL OR lease_expires_at <= ${now})
          AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= ${cap})
        ORDER BY next_attempt_at LIMIT ${window} FOR UPDATE SKIP LOCKED
      ), retry_lane AS (
        SELECT id, webhook_id, next_attempt_at, 1 AS lane FROM deliveries
        WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= ${now} AND (lease_token IS NULL OR lease_expires_at <= ${now})
          AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= ${cap})
        ORDER BY next_attempt_at LIMIT ${window} FOR UPDATE SKIP LOCKED
      ), candidates AS (
        SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
        FROM (SELECT * FROM first_lane UNION ALL SELECT * FROM retry_lane) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
      ), turns AS (
        SELECT id, lane, ROW_NUMBER() OVER (PARTITION BY lane ORDER BY next_attempt_at, id) AS turn FROM candidates WHERE slot <= ${cap}
      ), chosen AS (
        SELECT id FROM turns ORDER BY turn, lane LIMIT ${limit}
      ), claimed AS (
        UPDATE deliveries d SET lease_token = '${token}', lease_expires_at = ${expires} FROM chosen WHERE d.id = chosen.id RETURNING d.*
      )
      SELECT claimed.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
      FROM claimed JOIN events e ON e.account_id = claimed.account_id AND e.id = claimed.event_id
      JOIN webhooks w ON w.id = claimed.webhook_id JOIN accounts a ON a.id = claimed.account_id
      ORDER BY claimed.next_attempt_at, claimed.id;
    COMMIT`;
}

export function postgresDispatch(pool: pg.Pool, box: SecretBox, due: { poke(): void }): DispatchPart {
  return {
    async claimDue(now, limit, leaseMs, perWebhook) {
      const leaseToken = randomUUID();
      const rows = await claimRows(pool, claimStatements(now, leaseToken, now + leaseMs, limit, perWebhook, limit * claimWindowFactor));
      return rows.map((row): ClaimedDelivery => ({
        delivery: toDelivery(row),
        leaseToken,
        event: toEvent({ ...row, id: row.event_id, created_at: row.event_created_at }),
        webhook: { id: String(row.webhook_id), url: String(row.url), secrets: signingSecrets(row, box, now), enabled: row.enabled === true },
        hottok: box.open(String(row.hottok)),
      }));
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

/** Runs the claim's statements; the fourth result holds the claimed rows. */
async function claimRows(pool: pg.Pool, text: string): Promise<Record<string, unknown>[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const results = await client.query(text) as unknown as pg.QueryResult[];
    return results[3]!.rows;
  } catch (error) {
    // a failed statement leaves the explicit transaction open and aborted: roll it back before the connection is reused
    await client.query('ROLLBACK').catch((rollbackError: unknown) => { broken = rollbackError as Error; });
    throw error;
  } finally {
    client.release(broken);
  }
}
