// The claim: lease due deliveries fairly, under a fencing token. The rules (what is due, the per-webhook cap and the
// circuit breaker's cap of one, the accounts' rooms, the max-min fair order, the lanes, and where candidates come
// from so that a claim costs the same with 100 or 1,000,000 pending deliveries) are written once, in
// ../sqlite/claim.ts; here the same choice is made in SQL. Without the ring of probed webhooks, skipping a dead
// receiver's backlog at the head means reading all of it on every claim (measured: 400 ms per claim with 1,000,000
// pending rows of webhooks at their cap).
// The statement is the function postback_claim, readable as it runs now in claim.sql beside this file (migrations.ts
// made it: version 3; version 5 pins its plan to index paths; later ones add the accounts' rooms and the circuit
// breaker; later still, it counts live leases from delivery_leases and answers each claimed event once; the newest
// probes each webhook for no more rows than it may take, does not count the settling leases it is given, and does not
// read the heads when its ring probed every webhook with pending rows):
// one round trip, a cached plan, and the lock that makes claims take turns held only while it runs. FOR UPDATE SKIP
// LOCKED inside it keeps a claim from ever waiting on a row that a recorder, a resend or an owner's disable holds.
import type pg from 'pg';
import type { SecretBox } from '../../security/secret-box.ts';
import type { AccountRooms, ClaimedDelivery } from '../store.ts';
import { named } from './database.ts';
import { eventKey, signingSecrets, toDelivery, toEvent } from '../rows.ts';
import { asWebhookId, type DeliveryId } from '../../domain/ids.ts';

export type ClaimShape = { now: number; token: string; expires: number; limit: number; cap: number; budget: number; ringAfter: string; ringSize: number; accounts: AccountRooms;
  /** Leases whose attempts were delivered and whose records are on their way: not counted toward their webhooks' caps. */
  settling: readonly DeliveryId[] };
export type ClaimTurn = { claimed: ClaimedDelivery[]; ringLast: string | null; ringSeen: number };

const claimStatement = named('claim', 'SELECT postback_claim($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) AS claim');

export async function claimOnce(db: Pick<pg.ClientBase, 'query'>, box: SecretBox, shape: ClaimShape): Promise<ClaimTurn> {
  const rooms = [...shape.accounts.rooms];
  const { rows } = await db.query(claimStatement([shape.now, shape.token, shape.expires, shape.limit, shape.cap, shape.budget, shape.ringAfter, shape.ringSize,
    rooms.map(([account]) => account), rooms.map(([, room]) => room), shape.accounts.otherRoom,
    // the slow webhooks' share of each room, for the same accounts (no limit where not given)
    rooms.map(([account, room]) => shape.accounts.slowRooms?.get(account) ?? room), shape.accounts.otherSlowRoom ?? shape.accounts.otherRoom, shape.settling]));
  // json: BIGINTs arrive as numbers (all below 2^53), booleans as booleans, TEXT (the event data) as the same string
  const result = rows[0]!.claim as { ring_last: string | null; ring_seen: number; claimed: Record<string, unknown>[]; events: Record<string, unknown>[] };
  // each claimed event comes once, however many of its deliveries were claimed
  const events = new Map(result.events.map((row) => [eventKey(row.account_id, row.id), toEvent(row)]));
  const claimed = result.claimed.map((row): ClaimedDelivery => ({
    delivery: toDelivery(row),
    leaseToken: shape.token,
    event: events.get(eventKey(row.account_id, row.event_id))!,
    webhook: { id: asWebhookId(String(row.webhook_id)), url: String(row.url), secrets: signingSecrets(row, box, shape.now), enabled: row.enabled === true,
      slow: Number(row.timeout_streak) > 0 || (row.circuit_opened_at !== null && row.circuit_opened_at !== undefined) },
    hottok: box.open(String(row.hottok)),
  }));
  return { claimed, ringLast: result.ring_last, ringSeen: Number(result.ring_seen) };
}
