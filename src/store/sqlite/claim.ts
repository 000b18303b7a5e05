// The claim: lease due deliveries fairly, under a fencing token. The rules (the same in ../postgres/claim.ts):
// - due = pending, its time has come, and nobody holds a live lease. An expired lease is claimable here: that is the
//   sweeper (a crashed worker's deliveries come back as soon as their lease ends; no separate sweep job to fail).
// - per-webhook cap: a webhook never holds more than `cap` live leases, so one slow or dead receiver holds at most
//   `cap` of the dispatcher's slots and the others keep delivering.
// - two lanes, first attempts (attempt_count = 0) and retries (resends and recoveries included), taken in turn:
//   each gets at least half of a full batch and all of it when the other is empty. Strict priority for first
//   attempts would starve retries under sustained load; one queue would starve new events behind a retry backlog.
// - where candidates come from, so a claim costs the same with 100 or 1,000,000 pending deliveries:
//   (a) the head of each lane in due order, at most `budget` rows each: the common case, oldest first;
//   (b) a ring: the next `ringSize` webhooks that have pending deliveries (in id order, after where the previous
//       claim stopped), each probed for its own due rows. When (a) is all rows of webhooks at their cap (a dead
//       receiver's backlog is oldest, so it sits at the head), (b) still reaches every other webhook in turn.
// SQLite has no LATERAL join, and in-process statements cost microseconds, so here the probes are a loop of small
// indexed statements inside the one write transaction, and the choice is made in JS by pickFair (PostgreSQL makes
// the same choice in SQL). INDEXED BY pins each statement to its index: without statistics the planner may pick
// another and read every delivery (measured: 1.7 s per claim with 1,000,000 pending); a missing index fails loudly.
import type { DatabaseSync } from 'node:sqlite';

type Candidate = { id: string; webhookId: string; nextAttemptAt: number; lane: 0 | 1 };
export type ClaimShape = { now: number; token: string; expires: number; limit: number; cap: number; budget: number; ringAfter: string; ringSize: number };

/** Live leases per webhook at `now`, from the small index of the rows in flight: what the per-webhook cap counts. */
export function liveLeaseCounter(db: DatabaseSync): (now: number) => Map<string, number> {
  const selectLive = db.prepare(`SELECT webhook_id, COUNT(*) AS held FROM deliveries INDEXED BY deliveries_leased
    WHERE lease_token IS NOT NULL AND lease_expires_at > ? AND status = 'pending' GROUP BY webhook_id`);
  return (now) => new Map(selectLive.all(now).map((row) => [String(row.webhook_id), Number(row.held)]));
}

export function sqliteClaimer(db: DatabaseSync) {
  const unleased = '(lease_token IS NULL OR lease_expires_at <= :now)';
  const liveLeases = liveLeaseCounter(db);
  const selectHead = [
    db.prepare(`SELECT id, webhook_id, next_attempt_at FROM deliveries INDEXED BY deliveries_due_first
      WHERE status = 'pending' AND attempt_count = 0 AND next_attempt_at <= :now AND ${unleased} ORDER BY next_attempt_at LIMIT :budget`),
    db.prepare(`SELECT id, webhook_id, next_attempt_at FROM deliveries INDEXED BY deliveries_due_retry
      WHERE status = 'pending' AND attempt_count > 0 AND next_attempt_at <= :now AND ${unleased} ORDER BY next_attempt_at LIMIT :budget`),
  ] as const;
  // one step of the ring: the next webhook id that has pending deliveries (a seek in the index, not a scan)
  const selectNextWebhook = db.prepare(`SELECT webhook_id FROM deliveries INDEXED BY deliveries_webhook_queue
    WHERE status = 'pending' AND webhook_id > ? ORDER BY webhook_id LIMIT 1`);
  // one webhook's due rows in one lane (MIN(attempt_count, 1) is the lane, as the index has it)
  const selectWebhookLane = db.prepare(`SELECT id, webhook_id, next_attempt_at FROM deliveries INDEXED BY deliveries_webhook_queue
    WHERE status = 'pending' AND webhook_id = :webhook AND MIN(attempt_count, 1) = :lane AND next_attempt_at <= :now AND ${unleased}
    ORDER BY next_attempt_at LIMIT :room`);
  const lease = db.prepare('UPDATE deliveries SET lease_token = ?, lease_expires_at = ? WHERE id = ?');

  /** Leases the chosen rows (inside the caller's write transaction); returns them and where the ring stopped. */
  return (shape: ClaimShape): { ids: string[]; ringLast: string | null; ringSeen: number } => {
    const { now, cap } = shape;
    const held = liveLeases(now);
    const candidates = new Map<string, Candidate>();
    const add = (row: Record<string, unknown>, lane: 0 | 1) => candidates.set(String(row.id), { id: String(row.id), webhookId: String(row.webhook_id), nextAttemptAt: Number(row.next_attempt_at), lane });
    for (const lane of [0, 1] as const) for (const row of selectHead[lane].all({ now, budget: shape.budget })) add(row, lane);
    const ring: string[] = [];
    for (let after = shape.ringAfter; ring.length < shape.ringSize;) {
      const next = selectNextWebhook.get(after);
      if (!next) break;
      after = String(next.webhook_id);
      ring.push(after);
    }
    for (const webhook of ring) {
      const room = cap - (held.get(webhook) ?? 0);
      if (room <= 0) continue;
      for (const lane of [0, 1] as const) for (const row of selectWebhookLane.all({ webhook, lane, now, room })) add(row, lane);
    }
    const ids = pickFair([...candidates.values()], held, cap, shape.limit);
    for (const id of ids) lease.run(shape.token, shape.expires, id);
    return { ids, ringLast: ring.at(-1) ?? null, ringSeen: ring.length };
  };
}

/** The choice, as PostgreSQL's claim makes it: within each webhook's room under the cap, lanes in turn, oldest first. */
export function pickFair(candidates: Candidate[], held: Map<string, number>, cap: number, limit: number): string[] {
  const byAge = (a: Candidate, b: Candidate) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const taken = new Map<string, number>();
  const allowed = [...candidates].sort((a, b) => a.webhookId.localeCompare(b.webhookId) || a.lane - b.lane || byAge(a, b)).filter((candidate) => {
    const slot = (taken.get(candidate.webhookId) ?? 0) + 1;
    taken.set(candidate.webhookId, slot);
    return slot + (held.get(candidate.webhookId) ?? 0) <= cap;
  });
  const turns = ([0, 1] as const).flatMap((lane) => allowed.filter((candidate) => candidate.lane === lane).sort(byAge).map((candidate, turn) => ({ candidate, turn })));
  turns.sort((a, b) => a.turn - b.turn || a.candidate.lane - b.candidate.lane);
  return turns.slice(0, limit).map((entry) => entry.candidate.id);
}
