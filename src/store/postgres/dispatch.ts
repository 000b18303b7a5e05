// The dispatcher's statements: claim under a lease (claim.ts), record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { AttemptRecord, ClaimedDelivery, DeliveryStatus, HealthJudge, RecordResult, Settlement, Store, WebhookHealth } from '../store.ts';
import { batchedCalls } from './batched-calls.ts';
import { recordLinger } from '../record-linger.ts';
import { claimOnce } from './claim.ts';
import { inTransaction, named } from './database.ts';
import { goneHookReason } from '../hooks.ts';
import { deleteGoneHook } from './hooks.ts';
import { disableWebhook } from './webhooks.ts';
import { defaultNoticeRule, startsFailing } from '../notices.ts';
import { lastErrorOf } from '../../domain/last-error.ts';
import type { NoticeRule, WebhookAlertState } from '../notices.ts';
import { recordFailureNotices } from './notices.ts';
import { asWebhookId, type DeliveryId } from '../../domain/ids.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt' | 'slotsFreeAtAnswer'>;

/** Rows of each lane's head a claim looks at, per slot asked for: room to pass over rows of webhooks at their cap. */
const headBudgetPerSlot = 4;
/** Webhooks a claim probes beyond the heads (the ring), and rings it tries while it finds nothing (see claim.ts). */
const ringSize = 32;
const ringTurns = 4;

// LOCK ORDER. Every transaction here that locks a webhook's row and rows of its deliveries takes the webhook's row
// FIRST, as every owner's change does (webhooks.ts: patch, disable, delete) and as a REST hook's delete does here
// (its cascade then takes every delivery of the hook). A recorder holding its delivery while it waited for the
// webhook's row would close a cycle with such a delete: two failing attempts of one hook, one of them a 410, would
// deadlock (record-lock-order.test.ts forces each interleaving). So the failure path locks the row before its fence,
// and the delivered records lock it, when a success must reset its health, before they touch a delivery: the
// `(SELECT COUNT(*) FROM hook) >= 0` below and its twin in record-delivered.sql are one-time filters that PostgreSQL
// evaluates before the UPDATE reads (and locks) any delivery row. A healthy webhook's row is still neither locked nor
// written on a success.
const sql = {
  // The failure path in ONE statement, autocommitted (most failures are timeouts of a webhook already counted as
  // failing: nothing else to write, and a wave of them, a dead receiver's attempts all ending at their deadline
  // together, then holds the pool a quarter as long as a transaction of four round trips would). `hook` locks the
  // webhook's row first (see LOCK ORDER; not for a test send, which never moves health nor deletes a hook). Then:
  // fence (FOR UPDATE), record the attempt (the URL it went to: $19), count the failure toward the webhook's health
  // (not for test sends, nor for a neutral failure: $14, nor for one made for a URL the webhook no longer has: $20,
  // see AttemptRecord.webhookUrl) and a timeout ($15) toward the circuit breaker, which opens at the $16-th timeout in a
  // row (0: never; any other failure ends the row and leaves an open circuit open until a success), and settle the
  // delivery: failed ($17), or a retry at $18, skipped if its webhook is disabled (a test send keeps retrying). No
  // row back means the lease is lost and nothing was written. `counted` says whether health moved; `enabled` is the
  // webhook's either way; `circuit_was` is read from the statement's snapshot, before it; `url_moved` keeps a 410
  // from a URL the hook no longer has from unsubscribing it.
  recordFailure: `WITH hook AS MATERIALIZED (
      SELECT w.id FROM webhooks w WHERE w.id = (SELECT d.webhook_id FROM deliveries d WHERE d.id = $1 AND NOT d.is_test) FOR NO KEY UPDATE
    ), leased AS (
      SELECT id, cycle, webhook_id, is_test FROM deliveries WHERE id = $1 AND lease_token = $2 AND lease_expires_at > $3 AND status = 'pending'
        AND (SELECT COUNT(*) FROM hook) >= 0 FOR UPDATE
    ), attempt AS (
      INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body, url)
      SELECT $4, id, cycle, $5, $6, $7, $8, $9, $10, $11, $12, $13, $19 FROM leased
    ), health AS (
      UPDATE webhooks w SET failure_streak = failure_streak + 1, failing_since = COALESCE(failing_since, $3),
        timeout_streak = CASE WHEN $15::boolean THEN timeout_streak + 1 ELSE 0 END,
        circuit_opened_at = CASE WHEN $15::boolean AND $16::integer > 0 AND timeout_streak + 1 >= $16::integer THEN COALESCE(circuit_opened_at, $3) ELSE circuit_opened_at END
      FROM leased WHERE w.id = leased.webhook_id AND NOT leased.is_test AND NOT $14::boolean AND ($20::text IS NULL OR w.url = $20::text)
      RETURNING w.failure_streak, w.failing_since, w.enabled, w.circuit_opened_at, w.alerted, w.failing_noticed_at
    ), settled AS (
      UPDATE deliveries d SET
        status = CASE WHEN $17::boolean THEN 'failed' WHEN COALESCE(h.enabled, w.enabled) OR l.is_test THEN 'pending' ELSE 'skipped' END,
        next_attempt_at = CASE WHEN NOT $17::boolean AND (COALESCE(h.enabled, w.enabled) OR l.is_test) THEN $18::bigint END,
        attempt_count = d.attempt_count + 1, cycle_attempts = d.cycle_attempts + 1, last_status_code = $8, last_error = $9,
        lease_token = NULL, lease_expires_at = NULL, updated_at = $3
      FROM leased l JOIN webhooks w ON w.id = l.webhook_id LEFT JOIN health h ON TRUE WHERE d.id = l.id
      RETURNING d.status
    )
    SELECT leased.webhook_id, leased.is_test, health.failure_streak, health.failing_since, health.enabled IS NOT NULL AS counted,
      COALESCE(health.enabled, w.enabled) AS enabled, w.circuit_opened_at AS circuit_was, health.circuit_opened_at, health.alerted,
      health.failing_noticed_at, settled.status, $20::text IS NOT NULL AND w.url <> $20::text AS url_moved
    FROM leased JOIN webhooks w ON w.id = leased.webhook_id LEFT JOIN health ON TRUE CROSS JOIN settled`,
  // A counted failure that disables its webhook or calls for a notice: the webhook's row again, locked, in the
  // follow-up's transaction (another failure may have moved it since the statement above)
  lockHealth: 'SELECT failure_streak, failing_since, enabled, alerted, failing_noticed_at FROM webhooks WHERE id = $1 FOR NO KEY UPDATE',
  release: `UPDATE deliveries d SET lease_token = NULL, lease_expires_at = NULL
    FROM unnest($1::text[], $2::text[]) AS lease(delivery_id, token) WHERE d.id = lease.delivery_id AND d.lease_token = lease.token`,
  // a leased row is not due before its lease ends, so an idle dispatcher does not spin on in-flight work; each part
  // reads one end of a small index (the lanes' heads) or a small table (the leases, pending rows only), not every
  // pending row
  selectNextDue: `SELECT LEAST(
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count = 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND attempt_count > 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1),
      (SELECT MIN(due_at) FROM delivery_leases)) AS due`,
};

// nextDueAt is sent with its text, planned at each call: a named statement keeps the plan made at its first calls, and
// its plan depends on how many deliveries there are (the delivered records, once sent that way, kept a scan of
// deliveries planned while the table was nearly empty: 4.1 ms per batch against 1.8 planned at each call)
/** A webhook's health columns, as the failure statement returns them and lockHealth reads them again. */
function alertStateOf(health: Record<string, unknown>): WebhookHealth & WebhookAlertState {
  return {
    enabled: health.enabled === true, failureStreak: Number(health.failure_streak), failingSince: Number(health.failing_since),
    alerted: health.alerted === true, failingNoticedAt: health.failing_noticed_at === null ? null : Number(health.failing_noticed_at),
  };
}

const recordDeliveredStatement = named('record_delivered', 'SELECT postback_record_delivered($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) AS settled');

/**
 * Delivered attempts are group-committed (batched-calls.ts) through postback_record_delivered (record-delivered.sql):
 * the ones that queue up while earlier statements are out go in one statement (one round trip for many deliveries;
 * the profile showed one socket write per statement as the largest cost). A short queue lingers for the rest of its
 * burst: a publish's deliveries are answered within a millisecond or two of each other, so below saturation their
 * records share a statement instead of taking one each (PERFORMANCE.md: a burst's records in one statement). Failures
 * keep their own statement (rare, and each needs its webhook's health judged in JS).
 */
const recordBatching = { maxBatch: 256, maxInFlight: 2, linger: recordLinger };

type DeliveredToRecord = { deliveryId: DeliveryId; leaseToken: string; attempt: AttemptRecord; now: number };
type FailedToRecord = DeliveredToRecord & { settlement: Exclude<Settlement, { kind: 'delivered' }>; judge: HealthJudge; circuitAfter: number };

export function postgresDispatch(pool: pg.Pool, box: SecretBox, due: { poke(): void }, rule: NoticeRule = defaultNoticeRule): DispatchPart {
  // where this process's ring of probed webhooks stopped (fairness only: any starting point is correct)
  let ringAfter = '';
  /** An attempt that failed (a retry or the last one): its own statement at once, and its webhook's health judged here. */
  async function recordFailed({ deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter }: FailedToRecord): Promise<RecordResult> {
    const headers = [JSON.stringify(attempt.requestHeaders), JSON.stringify(attempt.responseHeaders), attempt.responseBody];
    const params = [deliveryId, leaseToken, now, attempt.id, attempt.number, attempt.startedAt, attempt.durationMs, attempt.statusCode, attempt.error,
      attempt.errorDetail, ...headers, settlement.neutral === true, attempt.error === 'timeout', circuitAfter, settlement.kind === 'failed', settlement.kind === 'retry' ? settlement.at : null,
      attempt.webhookUrl ?? null, attempt.templateUrl ?? attempt.webhookUrl ?? null];
    // a REST hook whose target answered 410 Gone is unsubscribed at once (Zapier's REST-hook rule), test sends aside,
    // in the record's own transaction
    const row = attempt.statusCode !== 410 ? (await pool.query(sql.recordFailure, params)).rows[0] : await inTransaction(pool, async (db) => {
      const recorded = (await db.query(sql.recordFailure, params)).rows[0];
      return recorded && recorded.is_test !== true && recorded.url_moved !== true && await deleteGoneHook(db, asWebhookId(String(recorded.webhook_id))) ? 'gone' : recorded;
    });
    if (row === 'gone') return { kind: 'recorded', status: 'failed', disabledReason: goneHookReason };
    if (!row) return { kind: 'lease_lost' };
    let status = String(row.status) as DeliveryStatus;
    let disabledReason: string | null = null;
    if (row.counted === true) {
      const webhookId = asWebhookId(String(row.webhook_id));
      const seen = alertStateOf(row);
      disabledReason = judge(seen);
      const attemptsSpent = settlement.kind === 'failed';
      // the rare failure that disables its webhook or calls for a notice writes them in a transaction of its own, the
      // webhook's row locked and read again. A crash between the two loses that notice (the next failure is judged
      // too, so a disable or a "starts failing" still comes; a spent delivery's operational notice does not)
      if ((disabledReason !== null && seen.enabled) || attemptsSpent || startsFailing(rule, seen, now)) {
        const disabledNow = await inTransaction(pool, async (db) => {
          const health = (await db.query(sql.lockHealth, [webhookId])).rows[0];
          if (!health) return null;
          // judged once, on the streak as this failure left it; the row as it is now says whether it is still enabled,
          // and whether its streak started over since (an owner's enable, a success): a disable then would undo what
          // came after this failure (health-race.test.ts), and the failures since are judged on their own
          const state = alertStateOf(health);
          const disabling = disabledReason !== null && state.enabled && state.failureStreak >= seen.failureStreak ? disabledReason : null;
          // disabling skips the webhook's idle pending deliveries, this retry among them
          if (disabling !== null) await disableWebhook(db, webhookId, disabling, now);
          // the notices outbox: the owner hears of it even if this process dies right after
          await recordFailureNotices(db, rule, { webhookId, deliveryId, disabledNow: disabling, attemptsSpent, lastError: lastErrorOf(attempt), now, state });
          return disabling;
        });
        if (disabledNow !== null && status === 'pending') status = 'skipped';
      }
    }
    const circuitOpened = row.circuit_was === null && row.circuit_opened_at !== null && row.circuit_opened_at !== undefined;
    return circuitOpened ? { kind: 'recorded', status, disabledReason, circuitOpened } : { kind: 'recorded', status, disabledReason };
  }

  /** Delivered records in one statement: each one's result, recorded or its lease lost. */
  async function recordDeliveredMany(delivered: DeliveredToRecord[]): Promise<RecordResult[]> {
    const column = <T>(pick: (record: DeliveredToRecord) => T) => delivered.map(pick);
    const { rows } = await pool.query(recordDeliveredStatement([
      column((r) => r.deliveryId), column((r) => r.leaseToken), column((r) => r.now), column((r) => r.attempt.statusCode), column((r) => r.attempt.id),
      column((r) => r.attempt.number), column((r) => r.attempt.startedAt), column((r) => r.attempt.durationMs), column((r) => JSON.stringify(r.attempt.requestHeaders)),
      column((r) => JSON.stringify(r.attempt.responseHeaders)), column((r) => r.attempt.responseBody), column((r) => r.attempt.error), column((r) => r.attempt.errorDetail),
      column((r) => r.attempt.webhookUrl ?? null),
    ]));
    const settled = new Set<string>(rows[0]!.settled);
    return delivered.map((record) => settled.has(record.deliveryId) ? { kind: 'recorded', status: 'delivered', disabledReason: null } : { kind: 'lease_lost' });
  }

  // one delivery's records never share a statement (its key); a statement that fails wrote nothing (autocommit), so
  // each of its records is tried alone and fails only itself
  const recordDeliveredSoon = batchedCalls<DeliveredToRecord, RecordResult>({
    keysOf: (record) => [record.deliveryId], runMany: recordDeliveredMany, ...recordBatching,
  });

  return {
    slotsFreeAtAnswer: true,
    async claimDue(now, limit, leaseMs, perWebhook, accounts = { rooms: new Map(), otherRoom: limit }, settling = []) {
      const token = randomUUID();
      for (let turn = 0; turn < ringTurns; turn++) {
        const result = await claimOnce(pool, box, { now, token, expires: now + leaseMs, limit, cap: perWebhook, budget: limit * headBudgetPerSlot, ringAfter, ringSize, accounts, settling });
        // the ring moves on, and starts again from the first webhook after its end
        const wrapped = result.ringSeen < ringSize;
        ringAfter = wrapped ? '' : result.ringLast ?? '';
        // nothing found and more webhooks to probe: the next ring at once, not after a poll interval
        if (result.claimed.length > 0 || wrapped) return result.claimed;
      }
      return [];
    },

    recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter = 0) {
      return settlement.kind === 'delivered' ? recordDeliveredSoon({ deliveryId, leaseToken, attempt, now })
        : recordFailed({ deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter });
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

