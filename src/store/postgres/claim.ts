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
// The statement is the function postback_claim (migrations.ts, version 3; version 5 pins its plan to index paths):
// one round trip, a cached plan, and the lock that makes claims take turns held only while it runs. FOR UPDATE SKIP
// LOCKED inside it keeps a claim from ever waiting on a row that a recorder, a resend or an owner's disable holds.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { ClaimedDelivery } from '../store.ts';
import { named } from './database.ts';
import { signingSecrets, toDelivery, toEvent } from './rows.ts';

export type ClaimShape = { now: number; token: string; expires: number; limit: number; cap: number; budget: number; ringAfter: string; ringSize: number };
export type ClaimTurn = { claimed: ClaimedDelivery[]; ringLast: string | null; ringSeen: number };

const claimStatement = named('claim', 'SELECT postback_claim($1, $2, $3, $4, $5, $6, $7, $8) AS claim');

export async function claimOnce(pool: pg.Pool, box: SecretBox, shape: ClaimShape): Promise<ClaimTurn> {
  const { rows } = await pool.query(claimStatement([shape.now, shape.token, shape.expires, shape.limit, shape.cap, shape.budget, shape.ringAfter, shape.ringSize]));
  // json: BIGINTs arrive as numbers (all below 2^53), booleans as booleans, TEXT (the event data) as the same string
  const result = rows[0]!.claim as { ring_last: string | null; ring_seen: number; claimed: Record<string, unknown>[] };
  const claimed = result.claimed.map((row): ClaimedDelivery => ({
    delivery: toDelivery(row),
    leaseToken: shape.token,
    event: toEvent({ ...row, id: row.event_id, created_at: row.event_created_at }),
    webhook: { id: String(row.webhook_id), url: String(row.url), secrets: signingSecrets(row, box, shape.now), enabled: row.enabled === true },
    hottok: box.open(String(row.hottok)),
  }));
  return { claimed, ringLast: result.ring_last, ringSeen: Number(result.ring_seen) };
}
