// The dispatcher's statements: claim under a lease (claim.ts), record an attempt fenced by that lease, give leases back.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { SecretBox } from '../../security/secret-box.ts';
import type { AttemptRecord, ClaimedDelivery, DeliveryStatus, HealthJudge, RecordResult, Settlement, Store, StoredEvent } from '../store.ts';
import { sqliteClaimer } from './claim.ts';
import { writeTransaction } from './database.ts';
import type { GroupCommit } from './group-commit.ts';
import { whenUnlocked } from './lock-wait.ts';
import { eventKey, signingSecrets, toDelivery, toEvent } from '../rows.ts';
import { goneHookReason } from '../hooks.ts';
import { deleteGoneHook } from './hooks.ts';
import { disableWebhook } from './webhooks.ts';
import { defaultNoticeRule } from '../notices.ts';
import type { NoticeRule } from '../notices.ts';
import { noticeWriter } from './notices.ts';
import { lastErrorOf } from '../../domain/last-error.ts';
import { asWebhookId, type DeliveryId } from '../../domain/ids.ts';

type DispatchPart = Pick<Store, 'claimDue' | 'recordAttempt' | 'releaseLeases' | 'nextDueAt' | 'slotsFreeAtAnswer'>;

/** Rows of each lane's head a claim looks at, per slot asked for: room to pass over rows of webhooks at their cap. */
const headBudgetPerSlot = 4;
/** Webhooks a claim probes beyond the heads (the ring), and rings it tries while it finds nothing (see claim.ts). */
const ringSize = 32;
const ringTurns = 4;

type AttemptToRecord = { deliveryId: DeliveryId; leaseToken: string; attempt: AttemptRecord; settlement: Settlement; judge: HealthJudge; now: number; circuitAfter: number };

/**
 * Attempt records are group-committed (group-commit.ts) and linger (../record-linger.ts): those finished within a
 * couple of milliseconds share one transaction with the other writes of that moment, or the next claim's when it
 * comes first. A crash before the COMMIT loses only unrecorded attempts, whose leases expire and are sent again
 * (at-least-once, as a crash mid-attempt was).
 */
export function sqliteDispatch(db: DatabaseSync, box: SecretBox, writes: GroupCommit, rule: NoticeRule = defaultNoticeRule): DispatchPart {
  const notices = noticeWriter(db, rule);
  // where this store's ring of probed webhooks stopped (fairness only: any starting point is correct)
  let ringAfter = '';
  const claim = sqliteClaimer(db);
  const selectClaimed = db.prepare(`SELECT d.*, w.url, w.secret, w.previous_secrets, w.enabled, w.timeout_streak, w.circuit_opened_at, a.hottok
    FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN accounts a ON a.id = d.account_id
    WHERE d.lease_token = ? ORDER BY d.next_attempt_at, d.id`);
  // each claimed event once, however many of its deliveries were claimed (one per webhook it fanned out to): its data
  // is most of what a claim reads, and the deliveries of one event share one object
  const selectEvent = db.prepare('SELECT * FROM events WHERE account_id = ? AND id = ?');
  // fencing: only the holder of a live lease may write the outcome
  const selectLeased = db.prepare(`SELECT d.webhook_id, d.cycle, d.is_test, w.url, w.failure_streak, w.timeout_streak, w.circuit_opened_at, w.enabled, w.alerted
    FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = ? AND d.lease_token = ? AND d.lease_expires_at > ?`);
  const insertAttempt = db.prepare(`INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail,
      request_headers, response_headers, response_body, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const settle = db.prepare(`UPDATE deliveries SET status = ?, next_attempt_at = ?, attempt_count = attempt_count + 1, cycle_attempts = cycle_attempts + 1,
      last_status_code = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?`);
  const healthy = db.prepare('UPDATE webhooks SET failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, alerted = 0 WHERE id = ?');
  // a failure counts toward auto-disable; a timeout also toward the circuit breaker, which opens at the
  // :trip-th timeout in a row (any other failure ends the row, and leaves an open circuit open until a success)
  const failing = db.prepare(`UPDATE webhooks SET failure_streak = failure_streak + 1, failing_since = COALESCE(failing_since, :now),
      timeout_streak = CASE WHEN :timeout THEN timeout_streak + 1 ELSE 0 END,
      circuit_opened_at = CASE WHEN :timeout AND :trip > 0 AND timeout_streak + 1 >= :trip THEN COALESCE(circuit_opened_at, :now) ELSE circuit_opened_at END
    WHERE id = :id RETURNING failure_streak, failing_since, enabled, circuit_opened_at, alerted, failing_noticed_at`);
  const release = db.prepare('UPDATE deliveries SET lease_token = NULL, lease_expires_at = NULL WHERE id = ? AND lease_token = ?');
  // a leased row is not due before its lease ends, so an idle dispatcher does not spin on in-flight work; each part
  // reads one end of a small index (the lanes' heads, the live leases), not every pending row
  const selectNextDue = db.prepare(`SELECT MIN(due) AS due FROM (
      SELECT * FROM (SELECT next_attempt_at AS due FROM deliveries INDEXED BY deliveries_due_first
        WHERE status = 'pending' AND attempt_count = 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1)
      UNION ALL SELECT * FROM (SELECT next_attempt_at FROM deliveries INDEXED BY deliveries_due_retry
        WHERE status = 'pending' AND attempt_count > 0 AND lease_token IS NULL ORDER BY next_attempt_at LIMIT 1)
      UNION ALL SELECT MIN(MAX(next_attempt_at, lease_expires_at)) FROM deliveries INDEXED BY deliveries_leased
        WHERE lease_token IS NOT NULL AND status = 'pending')`);

  /** One attempt, inside the caller's write transaction: fenced by the lease, the webhook's health judged after it counts. */
  function recordOne({ deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter }: AttemptToRecord): RecordResult {
    const row = selectLeased.get(deliveryId, leaseToken, now);
    if (!row) return { kind: 'lease_lost' };
    const webhookId = asWebhookId(String(row.webhook_id));
    insertAttempt.run(attempt.id, deliveryId, Number(row.cycle), attempt.number, attempt.startedAt, attempt.durationMs, attempt.statusCode,
      attempt.error, attempt.errorDetail, JSON.stringify(attempt.requestHeaders), JSON.stringify(attempt.responseHeaders), attempt.responseBody, attempt.webhookUrl ?? null);
    let disabledReason: string | null = null;
    let circuitOpened = false;
    let enabled = Number(row.enabled) === 1;
    // a failure of a URL the webhook no longer has says nothing of its receiver now (AttemptRecord.webhookUrl)
    const madeFor = attempt.templateUrl ?? attempt.webhookUrl;
    const urlMoved = madeFor !== undefined && madeFor !== String(row.url);
    // a REST hook whose target answered 410 Gone is unsubscribed at once (Zapier's REST-hook rule), test sends aside
    if (attempt.statusCode === 410 && Number(row.is_test) === 0 && !urlMoved && deleteGoneHook(db, webhookId)) return { kind: 'recorded', status: 'failed', disabledReason: goneHookReason };
    // test sends never move a webhook's health: a producer probing a broken URL must not get it disabled; nor does a
    // neutral failure (ours, or the receiver refusing one event)
    const neutral = settlement.kind !== 'delivered' && (settlement.neutral === true || urlMoved);
    if (Number(row.is_test) === 0 && !neutral) {
      // a healthy webhook's row is not written on every success (the fence's read says it is healthy)
      // a success of a webhook its owner was told about is a recovery notice, in this transaction (the outbox)
      if (settlement.kind === 'delivered') {
        if (Number(row.failure_streak) > 0 || Number(row.timeout_streak) > 0 || row.circuit_opened_at !== null || Number(row.alerted) === 1) healthy.run(webhookId);
        if (Number(row.alerted) === 1) notices.recovered(webhookId, now);
      } else {
        const health = failing.get({ now, id: webhookId, timeout: attempt.error === 'timeout' ? 1 : 0, trip: circuitAfter })!;
        circuitOpened = row.circuit_opened_at === null && health.circuit_opened_at !== null;
        disabledReason = judge({ failureStreak: Number(health.failure_streak), failingSince: Number(health.failing_since), enabled: Number(health.enabled) === 1 });
        enabled = Number(health.enabled) === 1 && disabledReason === null;
        const disabledNow = disabledReason !== null && Number(health.enabled) === 1 ? disabledReason : null;
        if (disabledNow !== null) disableWebhook(db, webhookId, disabledNow, now);
        notices.failed(webhookId, { alerted: Number(health.alerted) === 1, failingNoticedAt: health.failing_noticed_at === null ? null : Number(health.failing_noticed_at), failureStreak: Number(health.failure_streak) },
          disabledNow, lastErrorOf(attempt), now);
        if (settlement.kind === 'failed') notices.deliveryFailed(webhookId, deliveryId, lastErrorOf(attempt), now);
      }
    }
    const [status, nextAt]: [DeliveryStatus, number | null] = settlement.kind === 'delivered' ? ['delivered', null]
      : settlement.kind === 'failed' ? ['failed', null]
      : enabled || Number(row.is_test) === 1 ? ['pending', settlement.at] : ['skipped', null];
    settle.run(status, nextAt, attempt.statusCode, attempt.error, now, deliveryId);
    return circuitOpened ? { kind: 'recorded', status, disabledReason, circuitOpened } : { kind: 'recorded', status, disabledReason };
  }

  return {
    // a record queued here commits inside the next claim's transaction anyway; a slot given back at each answer only
    // moved claims earlier, and measured slower (PERFORMANCE.md: slots free at the answer)
    slotsFreeAtAnswer: false,
    async claimDue(now, limit, leaseMs, perWebhook, accounts = { rooms: new Map(), otherRoom: limit }) {
      const leaseToken = randomUUID();
      // the records waiting for their flush ride in the claim's transaction: one COMMIT for both. While another process
      // holds the lock the claim runs again from timers (lock-wait.ts), and the records wait in their queue meanwhile;
      // a claim that waited claims as of when it runs, so that the wait does not shorten its leases
      return whenUnlocked((waitedMs) => writes.withQueued(() => {
        const at = now + waitedMs;
        for (let turn = 0; turn < ringTurns; turn++) {
          const result = claim({ now: at, token: leaseToken, expires: at + leaseMs, limit, cap: perWebhook, budget: limit * headBudgetPerSlot, ringAfter, ringSize, accounts });
          // the ring moves on, and starts again from the first webhook after its end
          const wrapped = result.ringSeen < ringSize;
          ringAfter = wrapped ? '' : result.ringLast ?? '';
          // nothing found and more webhooks to probe: the next ring at once, not after a poll interval
          if (result.ids.length > 0 || wrapped) break;
        }
        const events = new Map<string, StoredEvent>();
        const eventOf = (row: Record<string, unknown>): StoredEvent => {
          const key = eventKey(row.account_id, row.event_id);
          const known = events.get(key);
          if (known) return known;
          const event = toEvent(selectEvent.get(String(row.account_id), String(row.event_id))!);
          events.set(key, event);
          return event;
        };
        return selectClaimed.all(leaseToken).map((row) => ({ row, event: eventOf(row) }));
      }).map(({ row, event }): ClaimedDelivery => ({
        delivery: toDelivery(row),
        leaseToken,
        event,
        webhook: { id: asWebhookId(String(row.webhook_id)), url: String(row.url), secrets: signingSecrets(row, box, now), enabled: Number(row.enabled) === 1,
          slow: Number(row.timeout_streak) > 0 || row.circuit_opened_at !== null },
        hottok: box.open(String(row.hottok)),
      })));
    },

    recordAttempt(deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter = 0) {
      return writes.enqueue(() => recordOne({ deliveryId, leaseToken, attempt, settlement, judge, now, circuitAfter }), true);
    },

    async releaseLeases(leases) {
      return writeTransaction(db, () => { for (const lease of leases) release.run(lease.deliveryId, lease.leaseToken); });
    },

    async nextDueAt() {
      const row = selectNextDue.get();
      return row?.due === null || row?.due === undefined ? null : Number(row.due);
    },
  };
}

