// The claim: lease due deliveries fairly, under a fencing token. The rules (the same in ../postgres/claim.ts):
// - due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
//   sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
// - per-webhook cap: a webhook never holds more than `cap` live leases, so one slow or dead receiver holds at most
//   `cap` of the dispatcher's slots and the others keep delivering; while its circuit is open (it timed out again and
//   again) the cap is one, a probe.
// - per-account room: an account takes no more than the dispatcher gives it (AccountRooms), so one tenant's slow
//   receivers can never take every slot, and another tenant's deliveries always find one; and its slow webhooks (a
//   timeout at their last attempt, or an open circuit) no more than their part of that room, so its healthy ones
//   always find one too.
// - the order is max-min fair: accounts take turns; within an account the webhook holding the fewest leases goes
//   first, after those that timed out fewer times in a row, and webhooks on probation last (so an account's healthy
//   webhooks are not stuck behind its dead ones, even before their circuits open); within a webhook, lanes in turn,
//   oldest first.
// - two lanes, first attempts (attempt_count = 0) and retries (resends and recoveries included), taken in turn within
//   each webhook: each gets at least half of its slots and all of them when the other is empty. Strict priority for
//   first attempts would starve retries under sustained load; one queue would starve new events behind a retry backlog.
// - where candidates come from, so a claim costs the same with 100 or 1,000,000 pending deliveries:
//   (a) the head of each lane in due order, at most `budget` rows each: the common case, oldest first;
//   (b) a ring: the next `ringSize` webhooks that have pending deliveries (in id order, after where the previous
//       claim stopped), each probed for its own due rows. When (a) is all rows of webhooks at their cap (a dead
//       receiver's backlog is oldest, so it sits at the head), (b) still reaches every other webhook in turn.
//   Here, when fewer than `ringSize` webhooks have pending deliveries, a ring from the first one probes them all,
//   each for as many rows of each lane as the choice could take from it (its room), oldest first: every row the
//   choice would take from (a) is already there (of rows due at the very same instant, either may be the one the
//   probe's limit keeps, as at the heads' own limit), and (a) is not read (at saturation with a few webhooks, (a) was
//   most of the rows a claim read, each made a JS object, and most of them left). PostgreSQL skips (a) the same way
//   (claim.sql: ring_whole; measured in the live bench, a fifth of each claim's time: PERFORMANCE.md).
// SQLite has no LATERAL join, and in-process statements cost microseconds, so here the probes are a loop of small
// indexed statements inside the one write transaction, and the choice is made in JS by pickFair (PostgreSQL makes
// the same choice in SQL). INDEXED BY pins each statement to its index: without statistics the planner may pick
// another and read every delivery (measured: 1.7 s per claim with 1,000,000 pending); a missing index fails loudly.
import type { DatabaseSync } from 'node:sqlite';
import type { AccountRooms } from '../store.ts';
import { asAccountId, type AccountId } from '../../domain/ids.ts';

export type Candidate = { id: string; webhookId: string; accountId: AccountId; nextAttemptAt: number; lane: 0 | 1 };
export type ClaimShape = { now: number; token: string; expires: number; limit: number; cap: number; budget: number; ringAfter: string; ringSize: number; accounts: AccountRooms };
/** What the choice needs to know of a webhook beyond its candidates: whether its circuit is open, its timeouts in a row. */
export type WebhookState = { probing: boolean; timeouts: number };
/** ...and of all of them: live leases and state, per webhook (a webhook absent from `state` is healthy). */
export type WebhookLoad = { held: ReadonlyMap<string, number>; state: ReadonlyMap<string, WebhookState> };

/** Live leases per webhook at `now`, from the small index of the rows in flight: what the per-webhook cap counts. */
export function liveLeaseCounter(db: DatabaseSync): (now: number) => Map<string, number> {
  const selectLive = db.prepare(`SELECT webhook_id, COUNT(*) AS held FROM deliveries INDEXED BY deliveries_leased
    WHERE lease_token IS NOT NULL AND lease_expires_at > ? AND status = 'pending' GROUP BY webhook_id`);
  return (now) => new Map(selectLive.all(now).map((row) => [String(row.webhook_id), Number(row.held)]));
}

/** A webhook's circuit breaker state (while `probing`, its circuit is open, its cap is one) and its account. */
export function webhookStateReader(db: DatabaseSync): (webhookId: string) => WebhookState & { accountId: AccountId } {
  const selectState = db.prepare('SELECT account_id, circuit_opened_at, timeout_streak FROM webhooks WHERE id = ?');
  return (webhookId) => {
    const row = selectState.get(webhookId);
    return { accountId: asAccountId(String(row?.account_id)), probing: row?.circuit_opened_at != null, timeouts: Number(row?.timeout_streak ?? 0) };
  };
}

export function sqliteClaimer(db: DatabaseSync) {
  const unleased = '(lease_token IS NULL OR lease_expires_at <= :now)';
  const liveLeases = liveLeaseCounter(db);
  const readState = webhookStateReader(db);
  const columns = 'id, webhook_id, account_id, next_attempt_at';
  const selectHead = [
    db.prepare(`SELECT ${columns} FROM deliveries INDEXED BY deliveries_due_first
      WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= :now AND ${unleased} ORDER BY next_attempt_at LIMIT :budget`),
    db.prepare(`SELECT ${columns} FROM deliveries INDEXED BY deliveries_due_retry
      WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= :now AND ${unleased} ORDER BY next_attempt_at LIMIT :budget`),
  ] as const;
  // one step of the ring: the next webhook id that has pending deliveries (a seek in the index, not a scan)
  const selectNextWebhook = db.prepare(`SELECT webhook_id FROM deliveries INDEXED BY deliveries_webhook_queue
    WHERE status = 'pending' AND webhook_id > ? ORDER BY webhook_id LIMIT 1`);
  // one webhook's due rows in one lane (MIN(attempt_count, 1) is the lane, as the index has it)
  const selectWebhookLane = db.prepare(`SELECT ${columns} FROM deliveries INDEXED BY deliveries_webhook_queue
    WHERE status = 'pending' AND webhook_id = :webhook AND MIN(attempt_count, 1) = :lane AND next_attempt_at <= :now AND ${unleased}
    ORDER BY next_attempt_at LIMIT :room`);
  const lease = db.prepare('UPDATE deliveries SET lease_token = ?, lease_expires_at = ? WHERE id = ?');

  /** Leases the chosen rows (inside the caller's write transaction); returns them and where the ring stopped. */
  return (shape: ClaimShape): { ids: string[]; ringLast: string | null; ringSeen: number } => {
    const { now, cap, accounts } = shape;
    const held = liveLeases(now);
    const states = new Map<string, ReturnType<typeof readState>>();
    const stateOf = (webhookId: string) => states.get(webhookId) ?? states.set(webhookId, readState(webhookId)).get(webhookId)!;
    const candidates = new Map<string, Candidate>();
    const add = (row: Record<string, unknown>, lane: 0 | 1) => candidates.set(String(row.id), {
      id: String(row.id), webhookId: String(row.webhook_id), accountId: asAccountId(String(row.account_id)), nextAttemptAt: Number(row.next_attempt_at), lane,
    });
    const ring: string[] = [];
    for (let after = shape.ringAfter; ring.length < shape.ringSize;) {
      const next = selectNextWebhook.get(after);
      if (!next) break;
      after = String(next.webhook_id);
      ring.push(after);
    }
    // a ring from the first webhook that ended before its size probed every webhook with pending rows, each for all it
    // may take: the heads would add only rows that no choice takes
    const ringIsAll = shape.ringAfter === '' && ring.length < shape.ringSize;
    if (!ringIsAll) for (const lane of [0, 1] as const) for (const row of selectHead[lane].all({ now, budget: shape.budget })) add(row, lane);
    for (const webhook of ring) {
      // probed only for what it may take: below its cap, and within its account's room (an account at its room, with
      // a dead receiver's backlog, costs a claim one lookup per webhook instead of reading its rows)
      const { accountId, probing } = stateOf(webhook);
      const room = Math.min((probing ? 1 : cap) - (held.get(webhook) ?? 0), accounts.rooms.get(accountId) ?? accounts.otherRoom);
      if (room <= 0) continue;
      for (const lane of [0, 1] as const) for (const row of selectWebhookLane.all({ webhook, lane, now, room })) add(row, lane);
    }
    for (const candidate of candidates.values()) stateOf(candidate.webhookId);
    const ids = pickFair([...candidates.values()], { held, state: states }, cap, accounts, shape.limit);
    for (const id of ids) lease.run(shape.token, shape.expires, id);
    return { ids, ringLast: ring.at(-1) ?? null, ringSeen: ring.length };
  };
}

const byAge = (a: Candidate, b: Candidate) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Groups `items` by `key`, each group in the order given. */
function groupBy<T, K extends string>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item); else groups.set(key(item), [item]);
  }
  return groups;
}

/** The choice, as the newest postback_claim (../postgres/migrations.ts) makes it in SQL; the rules are at the top of this file. */
export function pickFair(candidates: Candidate[], load: WebhookLoad, cap: number, accounts: AccountRooms, limit: number): string[] {
  // within each webhook: lanes in turn, oldest first; the slot each row would take after the leases it holds
  type Slotted = { candidate: Candidate; slot: number } & WebhookState;
  const slotted: Slotted[] = [];
  for (const [webhookId, rows] of groupBy(candidates, (candidate) => candidate.webhookId)) {
    const { probing, timeouts } = load.state.get(webhookId) ?? { probing: false, timeouts: 0 };
    const turns = ([0, 1] as const).flatMap((lane) => rows.filter((row) => row.lane === lane).sort(byAge).map((candidate, turn) => ({ candidate, turn })));
    turns.sort((a, b) => a.turn - b.turn || a.candidate.lane - b.candidate.lane);
    const heldNow = load.held.get(webhookId) ?? 0;
    for (const [index, { candidate }] of turns.entries()) {
      const slot = heldNow + index + 1;
      if (slot <= (probing ? 1 : cap)) slotted.push({ candidate, slot, probing, timeouts });
    }
  }
  // within each account's room (its slow webhooks within their part of it): the least-served webhook first, after
  // those that timed out less, webhooks on probation last; then accounts in turn
  const ranked: { candidate: Candidate; turn: number }[] = [];
  for (const [accountId, rows] of groupBy(slotted, (entry) => entry.candidate.accountId)) {
    rows.sort((a, b) => Number(a.probing) - Number(b.probing) || a.timeouts - b.timeouts || a.slot - b.slot || byAge(a.candidate, b.candidate));
    const room = accounts.rooms.get(accountId) ?? accounts.otherRoom;
    const slowRoom = accounts.slowRooms?.get(accountId) ?? accounts.otherSlowRoom ?? room;
    let slowTaken = 0;
    const kept = rows.filter((row) => !(row.probing || row.timeouts > 0) || slowTaken++ < slowRoom);
    for (const [turn, { candidate }] of kept.slice(0, Math.max(0, room)).entries()) ranked.push({ candidate, turn });
  }
  ranked.sort((a, b) => a.turn - b.turn || byAge(a.candidate, b.candidate));
  return ranked.slice(0, limit).map((entry) => entry.candidate.id);
}
