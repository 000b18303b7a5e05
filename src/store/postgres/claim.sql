-- The live claim: postback_claim as the latest migration that (re)creates it left it (src/store/postgres/migrations.ts),
-- kept here to be read beside claim.ts, which calls it. This file is not run: migrations are the
-- schema's only history, never edited. To change the claim, append a migration that replaces the function and copy
-- the new definition here; function-files.test.ts compares this file with the function a fresh database was migrated to.
--
-- What it does: see claim.ts and the comments below. One round trip, a cached plan, and the lock that makes claims
-- take turns held only while it runs; FOR UPDATE SKIP LOCKED never waits on a row a recorder, a resend or an
-- owner's disable holds.
CREATE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
  p_ring_after TEXT, p_ring_size INTEGER, p_accounts TEXT[], p_rooms INTEGER[], p_other_room INTEGER, p_slow_rooms INTEGER[],
  p_other_slow_room INTEGER, p_settling TEXT[]) RETURNS json LANGUAGE plpgsql
  SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off AS $claim$
DECLARE
  v_ring_last TEXT;
  v_ring_seen INTEGER;
  v_claimed json;
  v_events json;
BEGIN
  PERFORM pg_advisory_xact_lock(7358120418002);
  SET LOCAL synchronous_commit = off;
  WITH RECURSIVE ring(webhook_id, n) AS (
    -- the next p_ring_size webhooks that have pending deliveries, after p_ring_after: one index seek each
    (SELECT d.webhook_id, 1 FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > p_ring_after ORDER BY d.webhook_id LIMIT 1)
    UNION ALL
    SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
    FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < p_ring_size
  ), ring_whole AS (
    -- whether the ring, from the first webhook, ended before its size: then it probed every webhook with pending rows,
    -- each for all it may take, and the heads would add only rows that no choice takes (as ../sqlite/claim.ts)
    SELECT p_ring_after = '' AND COUNT(r.webhook_id) < p_ring_size AS whole FROM ring r
  ), live AS (
    -- each webhook's live leases, from delivery_leases (pending rows under a lease only, kept by a trigger), but for
    -- the claimant's settling ones: delivered, their records on their way, their receivers holding no request
    SELECT l.webhook_id, COUNT(*) AS held FROM delivery_leases l WHERE l.expires_at > p_now AND l.delivery_id <> ALL (p_settling)
    GROUP BY l.webhook_id
  ), head AS (
    -- each lane's oldest due rows, at most p_budget each; not read when the ring is whole (a one-time filter: measured,
    -- a fifth of a claim at saturation with a few webhooks, where the heads were most of the rows it numbered)
    (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
      WHERE NOT (SELECT rw.whole FROM ring_whole rw)
        AND d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
      ORDER BY d.next_attempt_at LIMIT p_budget)
    UNION ALL
    (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
      WHERE NOT (SELECT rw.whole FROM ring_whole rw)
        AND d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
      ORDER BY d.next_attempt_at LIMIT p_budget)
  ), probed AS (
    -- each ring webhook that may take a lease (below its cap, one while its circuit is open, and its account has
    -- room): its own due rows per lane, from deliveries_webhook_queue, no more than it may take (what its cap and its
    -- account's room leave). An account at its room beside a dead receiver's backlog then costs a lookup per
    -- webhook, not a read of its rows
    SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id JOIN webhooks w ON w.id = r.webhook_id
    LEFT JOIN unnest(p_accounts, p_rooms) AS room(account_id, room) ON room.account_id = w.account_id
    CROSS JOIN LATERAL (
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
          AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at
        LIMIT LEAST(CASE WHEN w.circuit_opened_at IS NULL THEN p_cap ELSE 1 END - COALESCE(l.held, 0), COALESCE(room.room, p_other_room)))
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
          AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at
        LIMIT LEAST(CASE WHEN w.circuit_opened_at IS NULL THEN p_cap ELSE 1 END - COALESCE(l.held, 0), COALESCE(room.room, p_other_room)))
    ) q
    WHERE r.webhook_id IS NOT NULL AND COALESCE(l.held, 0) < CASE WHEN w.circuit_opened_at IS NULL THEN p_cap ELSE 1 END
      AND COALESCE(room.room, p_other_room) > 0
  ), turns AS (
    -- each row's turn in its webhook's lane, oldest first
    SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.webhook_id, u.lane ORDER BY u.next_attempt_at, u.id) AS lane_turn
    FROM (SELECT * FROM head UNION SELECT * FROM probed) u
  ), slotted AS (
    -- the slot each row would take in its webhook (lanes in turn, after the leases it holds), and its cap: one for a
    -- webhook whose circuit is open (a probe)
    SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.webhook_id ORDER BY t.lane_turn, t.lane) + COALESCE(l.held, 0) AS slot,
      w.circuit_opened_at IS NOT NULL AS probing, w.timeout_streak
    FROM turns t LEFT JOIN live l ON l.webhook_id = t.webhook_id JOIN webhooks w ON w.id = t.webhook_id
  ), capped AS (
    -- within their caps; a slow webhook's row also numbered among its account's slow rows, in the account's order
    SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.account_id, s.probing OR s.timeout_streak > 0
      ORDER BY s.probing, s.timeout_streak, s.slot, s.next_attempt_at, s.id) AS kind_turn
    FROM slotted s WHERE s.slot <= CASE WHEN s.probing THEN 1 ELSE p_cap END
  ), ranked AS (
    -- each row's turn in its account (its slow webhooks within their part of the room): the least-served webhook
    -- first, after those that timed out less, webhooks on probation last
    SELECT c.id, c.account_id, c.next_attempt_at,
      ROW_NUMBER() OVER (PARTITION BY c.account_id ORDER BY c.probing, c.timeout_streak, c.slot, c.next_attempt_at, c.id) AS account_turn
    FROM capped c LEFT JOIN unnest(p_accounts, p_slow_rooms) AS slow_room(account_id, room) ON slow_room.account_id = c.account_id
    WHERE NOT (c.probing OR c.timeout_streak > 0) OR c.kind_turn <= COALESCE(slow_room.room, p_other_slow_room)
  ), chosen AS (
    -- within each account's room, the accounts take turns
    SELECT k.id FROM ranked k LEFT JOIN unnest(p_accounts, p_rooms) AS room(account_id, room) ON room.account_id = k.account_id
    WHERE k.account_turn <= COALESCE(room.room, p_other_room)
    ORDER BY k.account_turn, k.next_attempt_at, k.id LIMIT p_limit
  ), locked AS (
    -- the due conditions again: after a wait PostgreSQL re-checks them on the row's newest version. One primary-key
    -- lookup per chosen id (see version 5)
    SELECT d.id FROM deliveries d WHERE d.id = ANY(ARRAY(SELECT c.id FROM chosen c)) AND (d.status = 'pending') IS TRUE
      AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) FOR UPDATE SKIP LOCKED
  ), claimed AS (
    UPDATE deliveries d SET lease_token = p_token, lease_expires_at = p_expires FROM locked WHERE d.id = locked.id RETURNING d.*
  )
  SELECT (SELECT MAX(r.webhook_id) FROM ring r), (SELECT COUNT(r.webhook_id) FROM ring r),
    (SELECT COALESCE(json_agg(x ORDER BY x.next_attempt_at, x.id), '[]') FROM (
      SELECT c.*, w.url, w.secret, w.previous_secrets, w.enabled, w.timeout_streak, w.circuit_opened_at, a.hottok
      FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN accounts a ON a.id = c.account_id) x),
    -- each claimed event once, however many of its deliveries were claimed: its data is most of the answer
    (SELECT COALESCE(json_agg(json_build_object('account_id', e.account_id, 'id', e.id, 'event', e.event, 'creation_date', e.creation_date,
        'data', e.data, 'txn', e.txn, 'product_id', e.product_id, 'is_test', e.is_test, 'created_at', e.created_at)), '[]')
      FROM events e WHERE (e.account_id, e.id) IN (SELECT DISTINCT c.account_id, c.event_id FROM claimed c))
  INTO v_ring_last, v_ring_seen, v_claimed, v_events;
  RETURN json_build_object('ring_last', v_ring_last, 'ring_seen', v_ring_seen, 'claimed', v_claimed, 'events', v_events);
END
$claim$;
