// The dispatcher's statements: claim under a lease, record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery, DeliveryStatus, Store } from '../store.ts';
import { inTransaction } from './database.ts';
import { signingSecrets, toDelivery, toEvent } from './rows.ts';
import { disableWebhook } from './webhooks.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt'>;

/** How many due rows each lane looks at per claim, as a multiple of the batch: room to skip capped webhooks' rows. */
const claimWindowFactor = 4;

export function sqliteDispatch(db: DatabaseSync, box: SecretBox): DispatchPart {
  // due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
  // sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
  // Fairness, decided here and mirrored by PostgreSQL's claim:
  // - per-webhook cap (:cap): a webhook with :cap live leases is skipped, and one below it gets only what it has
  //   left, so one slow or dead receiver holds at most :cap of the dispatcher's slots and never blocks the others;
  // - two lanes, first attempts (attempt_count = 0) and retries (resends and recoveries included), taken in turn:
  //   each gets at least half of a full batch and all of it when the other is empty. Strict priority for first
  //   attempts would starve retries under sustained load; one queue would starve new events behind a retry backlog.
  // Each lane reads at most :window rows in due order from its own partial index, so a claim costs the same with
  // 100 or 1,000,000 pending deliveries. Fails toward progress: when a capped webhook's rows fill a lane's window,
  // the claim returns fewer rows, that webhook is then at its cap, and the next claim skips its rows entirely.
  const claim = db.prepare(`UPDATE deliveries SET lease_token = :token, lease_expires_at = :expires WHERE id IN (
    WITH live AS (
      -- INDEXED BY: read only the rows in flight; left to itself the planner may scan every delivery in webhook order
      -- for the GROUP BY (measured: 1.7 s per claim with 1,000,000 pending). Fails loudly if the index is missing.
      SELECT webhook_id, COUNT(*) AS held FROM deliveries INDEXED BY deliveries_leased
      WHERE lease_token IS NOT NULL AND lease_expires_at > :now AND status = 'pending' GROUP BY webhook_id
    ), first_lane AS (
      SELECT id, webhook_id, next_attempt_at, 0 AS lane FROM deliveries
      WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= :now AND (lease_token IS NULL OR lease_expires_at <= :now)
        AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= :cap)
      ORDER BY next_attempt_at LIMIT :window
    ), retry_lane AS (
      SELECT id, webhook_id, next_attempt_at, 1 AS lane FROM deliveries
      WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= :now AND (lease_token IS NULL OR lease_expires_at <= :now)
        AND webhook_id NOT IN (SELECT webhook_id FROM live WHERE held >= :cap)
      ORDER BY next_attempt_at LIMIT :window
    ), candidates AS (
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
      FROM (SELECT * FROM first_lane UNION ALL SELECT * FROM retry_lane) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
    ), turns AS (
      SELECT id, lane, next_attempt_at, ROW_NUMBER() OVER (PARTITION BY lane ORDER BY next_attempt_at, id) AS turn FROM candidates WHERE slot <= :cap
    )
    SELECT id FROM turns ORDER BY turn, lane LIMIT :limit)`);
  const selectClaimed = db.prepare(`SELECT d.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at,
      w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
    FROM deliveries d JOIN events e ON e.account_id = d.account_id AND e.id = d.event_id
    JOIN webhooks w ON w.id = d.webhook_id JOIN accounts a ON a.id = d.account_id
    WHERE d.lease_token = ? ORDER BY d.next_attempt_at, d.id`);
  // fencing: only the holder of a live lease may write the outcome
  const selectLeased = db.prepare('SELECT * FROM deliveries WHERE id = ? AND lease_token = ? AND lease_expires_at > ?');
  const insertAttempt = db.prepare(`INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail,
      request_headers, response_headers, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const settle = db.prepare(`UPDATE deliveries SET status = ?, next_attempt_at = ?, attempt_count = attempt_count + 1, cycle_attempts = cycle_attempts + 1,
      last_status_code = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`);
  const healthy = db.prepare('UPDATE webhooks SET failure_streak = 0, failing_since = NULL WHERE id = ? AND failure_streak > 0');
  const failing = db.prepare(`UPDATE webhooks SET failure_streak = failure_streak + 1, failing_since = COALESCE(failing_since, ?)
    WHERE id = ? RETURNING failure_streak, failing_since, enabled`);
  const selectEnabled = db.prepare('SELECT enabled FROM webhooks WHERE id = ?');
  const release = db.prepare('UPDATE deliveries SET lease_token = NULL, lease_expires_at = NULL WHERE id = ? AND lease_token = ?');
  // a leased row is not due before its lease ends, so an idle dispatcher does not spin on in-flight work; each part
  // reads one end of a small index (the lanes' heads, the live leases), not every pending row
  const selectNextDue = db.prepare(`SELECT MIN(due) AS due FROM (
      SELECT * FROM (SELECT next_attempt_at AS due FROM deliveries WHERE status = 'pending' AND attempt_count = 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1)
      UNION ALL SELECT * FROM (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count > 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1)
      UNION ALL SELECT MIN(MAX(next_attempt_at, lease_expires_at)) FROM deliveries WHERE lease_token IS NOT NULL AND status = 'pending')`);

  return {
    async claimDue(now, limit, leaseMs, perWebhook) {
      const leaseToken = randomUUID();
      const rows = inTransaction(db, () => {
        claim.run({ token: leaseToken, expires: now + leaseMs, now, cap: perWebhook, window: limit * claimWindowFactor, limit });
        return selectClaimed.all(leaseToken);
      });
      return rows.map((row): ClaimedDelivery => ({
        delivery: toDelivery(row),
        leaseToken,
        event: toEvent({ ...row, id: row.event_id, created_at: row.event_created_at }),
        webhook: { id: String(row.webhook_id), url: String(row.url), secrets: signingSecrets(row, box, now), enabled: Number(row.enabled) === 1 },
        hottok: box.open(String(row.hottok)),
      }));
    },

    async recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now) {
      return inTransaction(db, () => {
        const row = selectLeased.get(deliveryId, leaseToken, now);
        if (!row) return { kind: 'lease_lost' } as const;
        const webhookId = String(row.webhook_id);
        insertAttempt.run(attempt.id, deliveryId, Number(row.cycle), attempt.number, attempt.startedAt, attempt.durationMs, attempt.statusCode,
          attempt.error, attempt.errorDetail, JSON.stringify(attempt.requestHeaders), JSON.stringify(attempt.responseHeaders), attempt.responseBody);
        let disabledReason: string | null = null;
        // test sends never move a webhook's health: a producer probing a broken URL must not get it disabled
        if (Number(row.is_test) === 0) {
          if (settlement.kind === 'delivered') healthy.run(webhookId);
          else {
            const health = failing.get(now, webhookId)!;
            disabledReason = judge({ failureStreak: Number(health.failure_streak), failingSince: Number(health.failing_since), enabled: Number(health.enabled) === 1 });
            if (disabledReason !== null && Number(health.enabled) === 1) disableWebhook(db, webhookId, disabledReason, now);
          }
        }
        const enabled = Number(selectEnabled.get(webhookId)?.enabled) === 1;
        const [status, nextAt]: [DeliveryStatus, number | null] = settlement.kind === 'delivered' ? ['delivered', null]
          : settlement.kind === 'failed' ? ['failed', null]
          : enabled || Number(row.is_test) === 1 ? ['pending', settlement.at] : ['skipped', null];
        settle.run(status, nextAt, attempt.statusCode, attempt.error, now, deliveryId);
        return { kind: 'recorded', status, disabledReason } as const;
      });
    },

    async releaseLeases(leases) {
      inTransaction(db, () => { for (const lease of leases) release.run(lease.deliveryId, lease.leaseToken); });
    },

    async nextDueAt() {
      const row = selectNextDue.get();
      return row?.due === null || row?.due === undefined ? null : Number(row.due);
    },
  };
}
