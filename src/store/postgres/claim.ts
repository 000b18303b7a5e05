// The claim: lease due deliveries fairly, under a fencing token. The rules (the same in ../sqlite/claim.ts):
// - due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
//   sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
// - per-webhook cap: a webhook never holds more than `cap` live leases, so one slow or dead receiver holds at most
//   `cap` of the workers' slots and the others keep delivering.
// - two lanes, first attempts (attempt_count = 0) and retries (resends and recoveries included), taken in turn:
//   each gets at least half of a full batch and all of it when the other is empty. Strict priority for first
//   attempts would starve retries under sustained load; one queue would starve new events behind a retry backlog.
// - where candidates come from, so a claim costs the same with 100 or 1,000,000 pending deliveries:
//   (a) the head of each lane in due order, at most `budget` rows each: the common case, oldest first;
//   (b) a ring: the next `ringSize` webhooks that have pending deliveries (in id order, after where the previous
//       claim stopped), each probed for its own due rows. When (a) is all rows of webhooks at their cap (a dead
//       receiver's backlog is oldest, so it sits at the head), (b) still reaches every other webhook in turn.
//       Without it, skipping such a backlog means reading all of it on every claim (measured: 400 ms per claim
//       with 1,000,000 pending rows of webhooks at their cap).
import pg from 'pg';
import type { ClaimedDelivery } from '../store.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { lockKeys } from './database.ts';
import { signingSecrets, toDelivery, toEvent } from './rows.ts';

export type ClaimShape = { now: number; token: string; expires: number; limit: number; cap: number; budget: number; ringAfter: string; ringSize: number };

/**
 * ONE round trip: a simple-protocol query of five statements. Claims take turns (a transaction-scoped advisory
 * lock) because the cap counts every live lease, and two claims side by side would each count without the other's
 * and together exceed it. So the lock is held for one statement and an asynchronous commit, no network round trip
 * inside; FOR UPDATE SKIP LOCKED still keeps a claim from waiting on a row a recorder, a resend or a disable holds.
 * The simple protocol takes no parameters: the numbers are checked to be safe integers, the token is a UUID made
 * here, and the ring's webhook id is escaped, so nothing from outside reaches the text unquoted.
 * Fails safe: a claim lost in a database crash (asynchronous commit) only leaves its rows claimable again.
 */
export function claimStatements(shape: ClaimShape): string {
  const { now, token, expires, limit, cap, budget, ringSize } = shape;
  for (const value of [now, expires, limit, cap, budget, ringSize]) if (!Number.isSafeInteger(value)) throw new Error(`claim: ${value} is not an integer`);
  if (!/^[0-9a-f-]{36}$/.test(token)) throw new Error('claim: the lease token must be a UUID');
  const after = pg.escapeLiteral(shape.ringAfter);
  const unleased = `(lease_token IS NULL OR lease_expires_at <= ${now})`;
  // each lane's due rows of one webhook, from deliveries_webhook_queue
  const webhookLane = (lane: 0 | 1) => `(SELECT id, webhook_id, next_attempt_at, ${lane} AS lane FROM deliveries
        WHERE status = 'pending' AND webhook_id = r.webhook_id AND LEAST(attempt_count, 1) = ${lane} AND next_attempt_at <= ${now} AND ${unleased}
        ORDER BY next_attempt_at LIMIT ${cap})`;
  return `BEGIN; SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock(${lockKeys.claim});
    WITH RECURSIVE ring(webhook_id, n) AS (
      (SELECT webhook_id, 1 FROM deliveries WHERE status = 'pending' AND webhook_id > ${after} ORDER BY webhook_id LIMIT 1)
      UNION ALL
      SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
      FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < ${ringSize}
    ), live AS (
      SELECT webhook_id, COUNT(*) AS held FROM deliveries
      WHERE lease_token IS NOT NULL AND lease_expires_at > ${now} AND status = 'pending' GROUP BY webhook_id
    ), head AS (
      (SELECT id, webhook_id, next_attempt_at, 0 AS lane FROM deliveries
        WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= ${now} AND ${unleased} ORDER BY next_attempt_at LIMIT ${budget})
      UNION ALL
      (SELECT id, webhook_id, next_attempt_at, 1 AS lane FROM deliveries
        WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= ${now} AND ${unleased} ORDER BY next_attempt_at LIMIT ${budget})
    ), probed AS (
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id
      CROSS JOIN LATERAL (${webhookLane(0)} UNION ALL ${webhookLane(1)}) q
      WHERE r.webhook_id IS NOT NULL AND COALESCE(l.held, 0) < ${cap}
    ), candidates AS (
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
      FROM (SELECT * FROM head UNION SELECT * FROM probed) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
    ), turns AS (
      SELECT id, lane, next_attempt_at, ROW_NUMBER() OVER (PARTITION BY lane ORDER BY next_attempt_at, id) AS turn FROM candidates WHERE slot <= ${cap}
    ), chosen AS (
      SELECT id FROM turns ORDER BY turn, lane LIMIT ${limit}
    ), locked AS (
      -- the due conditions again: after a wait PostgreSQL re-checks them on the row's newest version
      SELECT id FROM deliveries WHERE id IN (SELECT id FROM chosen) AND status = 'pending' AND ${unleased} FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE deliveries d SET lease_token = '${token}', lease_expires_at = ${expires} FROM locked WHERE d.id = locked.id RETURNING d.*
    ), ring_end AS (
      SELECT MAX(webhook_id) AS ring_last, COUNT(webhook_id) AS ring_seen FROM ring
    )
    SELECT ring_end.*, claimed.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets,
      w.enabled, a.hottok
    FROM ring_end LEFT JOIN claimed ON TRUE
    LEFT JOIN events e ON e.account_id = claimed.account_id AND e.id = claimed.event_id
    LEFT JOIN webhooks w ON w.id = claimed.webhook_id LEFT JOIN accounts a ON a.id = claimed.account_id
    ORDER BY claimed.next_attempt_at, claimed.id;
    COMMIT`;
}

export type ClaimTurn = { claimed: ClaimedDelivery[]; ringLast: string | null; ringSeen: number };

/** Runs one claim; the fourth statement's rows hold the claimed deliveries and where the ring stopped. */
export async function claimOnce(pool: pg.Pool, box: SecretBox, shape: ClaimShape): Promise<ClaimTurn> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const results = await client.query(claimStatements(shape)) as unknown as pg.QueryResult[];
    const rows = results[3]!.rows as Record<string, unknown>[];
    const claimed = rows.filter((row) => row.id !== null).map((row): ClaimedDelivery => ({
      delivery: toDelivery(row),
      leaseToken: shape.token,
      event: toEvent({ ...row, id: row.event_id, created_at: row.event_created_at }),
      webhook: { id: String(row.webhook_id), url: String(row.url), secrets: signingSecrets(row, box, shape.now), enabled: row.enabled === true },
      hottok: box.open(String(row.hottok)),
    }));
    return { claimed, ringLast: rows[0]?.ring_last === null || rows[0]?.ring_last === undefined ? null : String(rows[0].ring_last), ringSeen: Number(rows[0]?.ring_seen ?? 0) };
  } catch (error) {
    // a failed statement leaves the explicit transaction open and aborted: roll it back before the connection is reused
    await client.query('ROLLBACK').catch((rollbackError: unknown) => { broken = rollbackError as Error; });
    throw error;
  } finally {
    client.release(broken);
  }
}
