// Schema of the shared store, one entry per version; the table postback_migrations records how far a database has
// come. The same tables and columns as SQLite (src/store/sqlite/migrations.ts), so rows map the same way:
// - times are epoch milliseconds in BIGINT (read back as Number: safe until the year 287,396);
// - JSON columns are TEXT, written by JSON.stringify; events.data above all must be TEXT, not JSONB, because it is
//   the exact text accepted at ingest and every rendering must yield the same bytes (JSONB reorders keys);
// - ids are TEXT COLLATE "C": history pages by `id < cursor`, and only a byte-wise order is UUIDv7's time order
//   whatever the database's default collation is.
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('producer', 'affiliate')),
    hottok TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE api_clients (
    client_id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL
  );
  CREATE INDEX api_clients_by_account ON api_clients(account_id);

  CREATE TABLE access_tokens (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_id TEXT COLLATE "C" NOT NULL,
    expires_at BIGINT NOT NULL
  );
  -- the sweep on every token issue deletes by expiry, and revocation by account
  CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);
  CREATE INDEX access_tokens_by_account ON access_tokens(account_id);

  -- people who sign in to the dashboard; an e-mail identifies one user across the platform, in any case
  CREATE TABLE users (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE UNIQUE INDEX users_email ON users(lower(email));

  CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions(expires_at);

  CREATE TABLE products (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL,
    ucode TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, id)
  );

  CREATE TABLE webhooks (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    products TEXT NOT NULL,
    version TEXT NOT NULL,
    max_attempts INTEGER,
    enabled BOOLEAN NOT NULL,
    disabled_reason TEXT,
    disabled_at BIGINT,
    secret TEXT NOT NULL,
    -- [{secret (sealed), expires_at}]: rotated-out secrets that still sign during the overlap
    previous_secrets TEXT NOT NULL DEFAULT '[]',
    failure_streak INTEGER NOT NULL DEFAULT 0,
    failing_since BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE INDEX webhooks_by_account ON webhooks(account_id);

  CREATE TABLE events (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    event TEXT NOT NULL,
    creation_date BIGINT NOT NULL,
    data TEXT NOT NULL,
    txn TEXT,
    product_id TEXT,
    is_test BOOLEAN NOT NULL,
    idempotency_key TEXT,
    request_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  CREATE UNIQUE INDEX events_idempotency ON events(account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  -- retention walks old events in creation order
  CREATE INDEX events_retention ON events(created_at);

  CREATE TABLE deliveries (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    webhook_id TEXT COLLATE "C" NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id TEXT COLLATE "C" NOT NULL,
    event TEXT NOT NULL,
    txn TEXT,
    version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
    is_test BOOLEAN NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    cycle INTEGER NOT NULL DEFAULT 1,
    cycle_attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_attempt_at BIGINT,
    lease_token TEXT COLLATE "C",
    lease_expires_at BIGINT,
    last_status_code INTEGER,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE
  );
  -- the claim scans pending rows in due order, first attempts and retries each in their own lane (see dispatch.ts)
  CREATE INDEX deliveries_due_first ON deliveries(next_attempt_at) WHERE status = 'pending' AND attempt_count = 0;
  CREATE INDEX deliveries_due_retry ON deliveries(next_attempt_at) WHERE status = 'pending' AND attempt_count > 0;
  -- live leases, counted per webhook by every claim (the per-webhook cap); small: only rows in flight
  CREATE INDEX deliveries_leased ON deliveries(webhook_id) WHERE lease_token IS NOT NULL;
  -- history lists newest first per account (ids are UUIDv7, so id order is time order)
  CREATE INDEX deliveries_history ON deliveries(account_id, id);
  CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, status, created_at);
  CREATE INDEX deliveries_by_event ON deliveries(account_id, event_id);
  -- retention walks old deliveries in creation order
  CREATE INDEX deliveries_retention ON deliveries(created_at);

  -- the purchase ledger: current state and data of each sale whose lifecycle Postback owns
  CREATE TABLE purchases (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    txn TEXT COLLATE "C" NOT NULL,
    state TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, txn)
  );
  CREATE INDEX events_by_transaction ON events(account_id, txn, created_at) WHERE txn IS NOT NULL;

  CREATE TABLE attempts (
    id TEXT COLLATE "C" PRIMARY KEY,
    delivery_id TEXT COLLATE "C" NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    number INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    duration_ms INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    error_detail TEXT,
    request_headers TEXT NOT NULL,
    response_headers TEXT NOT NULL,
    response_body TEXT NOT NULL
  );
  CREATE INDEX attempts_by_delivery ON attempts(delivery_id, number);
  `,
  `
  -- the claim's ring (claim.ts): webhooks that have pending deliveries, in id order, and each one's due rows per lane
  -- (LEAST(attempt_count, 1) is the lane, 0 or 1: an expression the planner matches as is, where it would rewrite
  -- "(attempt_count > 0) = false" into a filter and read the webhook's whole queue)
  CREATE INDEX deliveries_webhook_queue ON deliveries(webhook_id, LEAST(attempt_count, 1), next_attempt_at) WHERE status = 'pending';
  `,
  `
  -- The claim as a function (claim.ts explains the rules): one round trip, a plan PL/pgSQL prepares once instead of at
  -- every claim (planning this statement cost more than running it, measured 1.7 ms against 0.9 ms), and the turn
  -- lock held for the statement only. The transaction-scoped advisory lock makes claims take turns, because the
  -- per-webhook cap counts every live lease and two claims side by side would each count without the other's. The
  -- asynchronous commit fails safe: a claim lost in a database crash only leaves its rows claimable again.
  CREATE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER) RETURNS json LANGUAGE plpgsql AS $claim$
  DECLARE
    v_ring_last TEXT;
    v_ring_seen INTEGER;
    v_claimed json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH RECURSIVE ring(webhook_id, n) AS (
      -- the next p_ring_size webhooks that have pending deliveries, after p_ring_after: one index seek each
      (SELECT d.webhook_id, 1 FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > p_ring_after ORDER BY d.webhook_id LIMIT 1)
      UNION ALL
      SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
      FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < p_ring_size
    ), live AS (
      SELECT d.webhook_id, COUNT(*) AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now AND d.status = 'pending' GROUP BY d.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
    ), probed AS (
      -- each ring webhook below its cap: its own due rows per lane, from deliveries_webhook_queue
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id
      CROSS JOIN LATERAL (
        (SELECT d.id, d.webhook_id, d.next_attempt_at, 0 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
        UNION ALL
        (SELECT d.id, d.webhook_id, d.next_attempt_at, 1 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
      ) q
      WHERE r.webhook_id IS NOT NULL AND COALESCE(l.held, 0) < p_cap
    ), candidates AS (
      -- the slot each row would take in its webhook: within the cap, first attempts before retries, oldest first
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
      FROM (SELECT * FROM head UNION SELECT * FROM probed) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
    ), turns AS (
      SELECT t.id, t.lane, ROW_NUMBER() OVER (PARTITION BY t.lane ORDER BY t.next_attempt_at, t.id) AS turn FROM candidates t WHERE t.slot <= p_cap
    ), chosen AS (
      -- the lanes take turns: first attempt, retry, first attempt, retry...
      SELECT t.id FROM turns t ORDER BY t.turn, t.lane LIMIT p_limit
    ), locked AS (
      -- the due conditions again: after a wait PostgreSQL re-checks them on the row's newest version
      SELECT d.id FROM deliveries d WHERE d.id IN (SELECT c.id FROM chosen c) AND d.status = 'pending'
        AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE deliveries d SET lease_token = p_token, lease_expires_at = p_expires FROM locked WHERE d.id = locked.id RETURNING d.*
    )
    SELECT (SELECT MAX(r.webhook_id) FROM ring r), (SELECT COUNT(r.webhook_id) FROM ring r),
      (SELECT COALESCE(json_agg(x ORDER BY x.next_attempt_at, x.id), '[]') FROM (
        SELECT c.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
        FROM claimed c JOIN events e ON e.account_id = c.account_id AND e.id = c.event_id
        JOIN webhooks w ON w.id = c.webhook_id JOIN accounts a ON a.id = c.account_id) x)
    INTO v_ring_last, v_ring_seen, v_claimed;
    RETURN json_build_object('ring_last', v_ring_last, 'ring_seen', v_ring_seen, 'claimed', v_claimed);
  END
  $claim$;
  `,
  `
  -- affiliates (affiliates.ts): the producer's per-product switch, and each affiliation of a product to an affiliate
  -- account under an affiliate code (the hotlink code sales carry in data.affiliates[].affiliate_code)
  ALTER TABLE products ADD COLUMN share_buyer_data BOOLEAN NOT NULL DEFAULT FALSE;
  CREATE TABLE affiliations (
    id TEXT COLLATE "C" PRIMARY KEY,
    producer_account_id TEXT COLLATE "C" NOT NULL,
    product_id TEXT COLLATE "C" NOT NULL,
    affiliate_code TEXT COLLATE "C" NOT NULL,
    affiliate_account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (producer_account_id, product_id) REFERENCES products(account_id, id) ON DELETE CASCADE,
    -- publishing looks a sale's codes up by producer and product
    UNIQUE (producer_account_id, product_id, affiliate_code)
  );
  CREATE INDEX affiliations_by_affiliate ON affiliations(affiliate_account_id, product_id);
  `,
  `
  -- The claim (version 3) with a plan that does not depend on the statistics of deliveries. They are taken when
  -- almost nothing is pending (a fresh database, or a long history of delivered rows), so when a backlog builds the
  -- planner believes "status = 'pending'" matches one row and reads every pending row instead of a lane's head
  -- (measured: 14.8 ms per claim in the bench, 700 ms with 60,000 pending rows; 2.5 ms now in both cases). Every
  -- step is meant to be an index seek or an index read in order (see the comments below), so the function plans
  -- without sequential scans, bitmap scans or sorts where an index order exists: the planner then keeps those paths
  -- whatever it believes about the rows.
  CREATE OR REPLACE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER) RETURNS json LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off AS $claim$
  DECLARE
    v_ring_last TEXT;
    v_ring_seen INTEGER;
    v_claimed json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH RECURSIVE ring(webhook_id, n) AS (
      -- the next p_ring_size webhooks that have pending deliveries, after p_ring_after: one index seek each
      (SELECT d.webhook_id, 1 FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > p_ring_after ORDER BY d.webhook_id LIMIT 1)
      UNION ALL
      SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
      FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < p_ring_size
    ), live AS (
      -- from deliveries_leased (in-flight rows only): the status is tested in the count, not the WHERE, where it would
      -- also match the partial indexes of every pending row
      SELECT d.webhook_id, COUNT(*) FILTER (WHERE d.status = 'pending') AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now GROUP BY d.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
    ), probed AS (
      -- each ring webhook below its cap: its own due rows per lane, from deliveries_webhook_queue
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id
      CROSS JOIN LATERAL (
        (SELECT d.id, d.webhook_id, d.next_attempt_at, 0 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
        UNION ALL
        (SELECT d.id, d.webhook_id, d.next_attempt_at, 1 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
      ) q
      WHERE r.webhook_id IS NOT NULL AND COALESCE(l.held, 0) < p_cap
    ), candidates AS (
      -- the slot each row would take in its webhook: within the cap, first attempts before retries, oldest first
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.webhook_id ORDER BY c.lane, c.next_attempt_at, c.id) + COALESCE(l.held, 0) AS slot
      FROM (SELECT * FROM head UNION SELECT * FROM probed) c LEFT JOIN live l ON l.webhook_id = c.webhook_id
    ), turns AS (
      SELECT t.id, t.lane, ROW_NUMBER() OVER (PARTITION BY t.lane ORDER BY t.next_attempt_at, t.id) AS turn FROM candidates t WHERE t.slot <= p_cap
    ), chosen AS (
      -- the lanes take turns: first attempt, retry, first attempt, retry...
      SELECT t.id FROM turns t ORDER BY t.turn, t.lane LIMIT p_limit
    ), locked AS (
      -- the due conditions again: after a wait PostgreSQL re-checks them on the row's newest version. One primary-key
      -- lookup per chosen id: "(status = 'pending') IS TRUE" is the same test in a form no partial index's predicate
      -- matches, so the planner cannot swap the lookups for a scan of every pending row
      SELECT d.id FROM deliveries d WHERE d.id = ANY(ARRAY(SELECT c.id FROM chosen c)) AND (d.status = 'pending') IS TRUE
        AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE deliveries d SET lease_token = p_token, lease_expires_at = p_expires FROM locked WHERE d.id = locked.id RETURNING d.*
    )
    SELECT (SELECT MAX(r.webhook_id) FROM ring r), (SELECT COUNT(r.webhook_id) FROM ring r),
      (SELECT COALESCE(json_agg(x ORDER BY x.next_attempt_at, x.id), '[]') FROM (
        SELECT c.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
        FROM claimed c JOIN events e ON e.account_id = c.account_id AND e.id = c.event_id
        JOIN webhooks w ON w.id = c.webhook_id JOIN accounts a ON a.id = c.account_id) x)
    INTO v_ring_last, v_ring_seen, v_claimed;
    RETURN json_build_object('ring_last', v_ring_last, 'ring_seen', v_ring_seen, 'claimed', v_claimed);
  END
  $claim$;
  `,
  `
  -- Hand-off at publish (hand-off.ts): lease publishes' new deliveries to the publishing process's dispatcher (each
  -- to the token of its own publish's hand-off: p_ids, p_tokens and p_expires side by side), under the claims' cap
  -- and their lock. Holding the lock, the live leases counted here are those every claim before committed, so a
  -- hand-off and a claim cannot both fill a webhook's last slot. A claim running meanwhile holds it for a few
  -- milliseconds: waiting for it is shorter than what not waiting costs (a NOTIFY, then a claim that waits for the
  -- same lock). Returns, per delivery taken, what sending it needs beyond what the publish has.
  CREATE FUNCTION postback_take(p_now BIGINT, p_cap INTEGER, p_ids TEXT[], p_tokens TEXT[], p_expires BIGINT[]) RETURNS json LANGUAGE plpgsql AS $take$
  DECLARE
    v_taken json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH input AS (
      SELECT * FROM unnest(p_ids, p_tokens, p_expires) AS i(id, token, expires)
    ), wanted AS (
      SELECT d.id, d.webhook_id, i.token, i.expires, ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER BY d.id) AS n
      FROM input i JOIN deliveries d ON d.id = i.id
      WHERE (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
    ), live AS (
      -- from deliveries_leased, as the claim counts them
      SELECT d.webhook_id, COUNT(*) FILTER (WHERE d.status = 'pending') AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now AND d.webhook_id IN (SELECT w.webhook_id FROM wanted w) GROUP BY d.webhook_id
    ), taken AS (
      -- after a wait (an owner disabling the webhook holds its rows) the conditions are checked again on the newest row
      UPDATE deliveries d SET lease_token = w.token, lease_expires_at = w.expires
      FROM wanted w LEFT JOIN live l ON l.webhook_id = w.webhook_id
      WHERE d.id = w.id AND w.n + COALESCE(l.held, 0) <= p_cap AND (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
      RETURNING d.id, d.webhook_id
    )
    SELECT COALESCE(json_agg(json_build_object('id', t.id, 'url', wh.url, 'secret', wh.secret, 'previous_secrets', wh.previous_secrets, 'hottok', a.hottok)), '[]')
    FROM taken t JOIN webhooks wh ON wh.id = t.webhook_id JOIN accounts a ON a.id = wh.account_id
    INTO v_taken;
    RETURN v_taken;
  END
  $take$;
  `,
  `
  -- REST hooks (src/api/routes/hooks.ts): the trigger a webhook was subscribed to through POST /api/v1/hooks (NULL for
  -- a webhook configured by hand); a 410 from a hook's target deletes it (hooks.ts)
  ALTER TABLE webhooks ADD COLUMN hook_trigger TEXT;
  -- GET /api/v1/hooks/samples/:trigger: an account's latest real events of one name, newest first
  CREATE INDEX events_latest ON events(account_id, event, created_at) WHERE NOT is_test;
  `,
  `
  -- hottok in the 2.0.0 body (render.ts): the owner's per-webhook choice, and on each delivery the choice made at
  -- fan-out, so every attempt and resend of a delivery sends the same bytes whatever the webhook says later
  ALTER TABLE webhooks ADD COLUMN hottok_in_body BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE deliveries ADD COLUMN hottok_in_body BOOLEAN NOT NULL DEFAULT FALSE;
  `,
  `
  -- The circuit breaker (dispatch.ts): a webhook's timeouts in a row, and since when its circuit is open (it gets one
  -- probing attempt at a time until one succeeds).
  ALTER TABLE webhooks ADD COLUMN timeout_streak INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE webhooks ADD COLUMN circuit_opened_at BIGINT;

  -- The claim (claim.ts explains the rules) with fairness between accounts and the circuit breaker: p_accounts and
  -- p_rooms say how many more leases each account named there may take in this claim (the dispatcher's share per
  -- account, see ../../delivery/account-slots.ts), p_other_room the same for every other account. The order is
  -- max-min fair: within a webhook, lanes in turn; within an account, the webhook holding the fewest slots first
  -- (webhooks on probation last); across accounts, round robin. Plan settings as in version 5.
  DROP FUNCTION postback_claim(BIGINT, TEXT, BIGINT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER);
  CREATE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER, p_accounts TEXT[], p_rooms INTEGER[], p_other_room INTEGER) RETURNS json LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off AS $claim$
  DECLARE
    v_ring_last TEXT;
    v_ring_seen INTEGER;
    v_claimed json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH RECURSIVE ring(webhook_id, n) AS (
      -- the next p_ring_size webhooks that have pending deliveries, after p_ring_after: one index seek each
      (SELECT d.webhook_id, 1 FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > p_ring_after ORDER BY d.webhook_id LIMIT 1)
      UNION ALL
      SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
      FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < p_ring_size
    ), live AS (
      -- from deliveries_leased (in-flight rows only): the status is tested in the count, not the WHERE, where it would
      -- also match the partial indexes of every pending row
      SELECT d.webhook_id, COUNT(*) FILTER (WHERE d.status = 'pending') AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now GROUP BY d.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
    ), probed AS (
      -- each ring webhook below its cap: its own due rows per lane, from deliveries_webhook_queue
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id
      CROSS JOIN LATERAL (
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
        UNION ALL
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
      ) q
      WHERE r.webhook_id IS NOT NULL AND COALESCE(l.held, 0) < p_cap
    ), turns AS (
      -- each row's turn in its webhook's lane, oldest first
      SELECT u.*, ROW_NUMBER() OVER (PARTITION BY u.webhook_id, u.lane ORDER BY u.next_attempt_at, u.id) AS lane_turn
      FROM (SELECT * FROM head UNION SELECT * FROM probed) u
    ), slotted AS (
      -- the slot each row would take in its webhook (lanes in turn, after the leases it holds), and its cap: one for a
      -- webhook whose circuit is open (a probe)
      SELECT t.*, ROW_NUMBER() OVER (PARTITION BY t.webhook_id ORDER BY t.lane_turn, t.lane) + COALESCE(l.held, 0) AS slot,
        w.circuit_opened_at IS NOT NULL AS probing
      FROM turns t LEFT JOIN live l ON l.webhook_id = t.webhook_id JOIN webhooks w ON w.id = t.webhook_id
    ), ranked AS (
      -- each row's turn in its account: the least-served webhook first, webhooks on probation last
      SELECT s.id, s.account_id, s.next_attempt_at,
        ROW_NUMBER() OVER (PARTITION BY s.account_id ORDER BY s.probing, s.slot, s.next_attempt_at, s.id) AS account_turn
      FROM slotted s WHERE s.slot <= CASE WHEN s.probing THEN 1 ELSE p_cap END
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
        SELECT c.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled, a.hottok
        FROM claimed c JOIN events e ON e.account_id = c.account_id AND e.id = c.event_id
        JOIN webhooks w ON w.id = c.webhook_id JOIN accounts a ON a.id = c.account_id) x)
    INTO v_ring_last, v_ring_seen, v_claimed;
    RETURN json_build_object('ring_last', v_ring_last, 'ring_seen', v_ring_seen, 'claimed', v_claimed);
  END
  $claim$;

  -- The hand-off (version 6) under the circuit breaker too: a webhook whose circuit is open takes one lease at most.
  CREATE OR REPLACE FUNCTION postback_take(p_now BIGINT, p_cap INTEGER, p_ids TEXT[], p_tokens TEXT[], p_expires BIGINT[]) RETURNS json LANGUAGE plpgsql AS $take$
  DECLARE
    v_taken json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH input AS (
      SELECT * FROM unnest(p_ids, p_tokens, p_expires) AS i(id, token, expires)
    ), wanted AS (
      SELECT d.id, d.webhook_id, i.token, i.expires, ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER BY d.id) AS n
      FROM input i JOIN deliveries d ON d.id = i.id
      WHERE (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
    ), live AS (
      -- from deliveries_leased, as the claim counts them
      SELECT d.webhook_id, COUNT(*) FILTER (WHERE d.status = 'pending') AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now AND d.webhook_id IN (SELECT w.webhook_id FROM wanted w) GROUP BY d.webhook_id
    ), taken AS (
      -- after a wait (an owner disabling the webhook holds its rows) the conditions are checked again on the newest row
      UPDATE deliveries d SET lease_token = w.token, lease_expires_at = w.expires
      FROM wanted w LEFT JOIN live l ON l.webhook_id = w.webhook_id JOIN webhooks wh ON wh.id = w.webhook_id
      WHERE d.id = w.id AND w.n + COALESCE(l.held, 0) <= CASE WHEN wh.circuit_opened_at IS NULL THEN p_cap ELSE 1 END
        AND (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
      RETURNING d.id, d.webhook_id
    )
    SELECT COALESCE(json_agg(json_build_object('id', t.id, 'url', wh.url, 'secret', wh.secret, 'previous_secrets', wh.previous_secrets, 'hottok', a.hottok)), '[]')
    FROM taken t JOIN webhooks wh ON wh.id = t.webhook_id JOIN accounts a ON a.id = wh.account_id
    INTO v_taken;
    RETURN v_taken;
  END
  $take$;
  `,
  `
  -- ad tracking: a webhook of format version 'postback' keeps its conversion template here (JSON text, secrets
  -- sealed; src/domain/conversion.ts); the hosted checkout's offers, each a public link /checkout/:code
  ALTER TABLE webhooks ADD COLUMN postback TEXT;
  CREATE TABLE offers (
    code TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    product_id TEXT COLLATE "C" NOT NULL,
    name TEXT NOT NULL,
    -- in hundredths of the currency, so prices add up exactly
    price_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    FOREIGN KEY (account_id, product_id) REFERENCES products(account_id, id) ON DELETE CASCADE
  );
  CREATE INDEX offers_by_account ON offers(account_id, created_at);
  `,
  `
  -- a product's external members area (members-area.ts): the URL its students sign in at, and the login and password
  -- the marketplace uses to look at it; the password is sealed like every secret (gcm1:...)
  ALTER TABLE products ADD COLUMN members_area_url TEXT;
  ALTER TABLE products ADD COLUMN members_area_login TEXT;
  ALTER TABLE products ADD COLUMN members_area_password TEXT;
  `,
  `
  -- owners told about their webhooks (notices.ts): the outbox the notifier job sends from, written in the same
  -- transaction as the attempt that disabled, started failing or recovered a webhook. mail and hook are each
  -- channel's state: pending, sent, failed (retries spent) or skipped (not wanted, or off)
  CREATE TABLE notices (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    webhook_id TEXT COLLATE "C" NOT NULL,
    delivery_id TEXT COLLATE "C",
    reason TEXT,
    created_at BIGINT NOT NULL,
    mail TEXT NOT NULL,
    hook TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    lease_token TEXT,
    lease_expires_at BIGINT,
    last_error TEXT
  );
  CREATE INDEX notices_due ON notices(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
  CREATE INDEX notices_by_account ON notices(account_id, id);
  -- alerted: the owner was last told this webhook fails or is disabled (its next success is a recovery notice);
  -- failing_noticed_at bounds "starts failing" notices to one per webhook per day
  ALTER TABLE webhooks ADD COLUMN alerted BOOLEAN NOT NULL DEFAULT FALSE;
  ALTER TABLE webhooks ADD COLUMN failing_noticed_at BIGINT;
  -- per account: the language of its notices, and its operational webhook (one URL, its whsec_ secret sealed)
  CREATE TABLE notification_settings (
    account_id TEXT COLLATE "C" PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    webhook_url TEXT,
    webhook_secret TEXT,
    updated_at BIGINT NOT NULL
  );
  -- dashboard password resets: one-time, expiring; only the token's hash is kept
  CREATE TABLE password_resets (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
  );
  `,
  `
  -- find one sale (the history's search, src/domain/sale-facts.ts): the terms each event is found under (transaction,
  -- buyer e-mail and name, product id and name, as search keys), matched by prefix within the account through the
  -- primary key (byte order: a prefix is a range), so no other tenant's row is read; removed with their event
  CREATE TABLE event_search_terms (
    account_id TEXT COLLATE "C" NOT NULL,
    term TEXT COLLATE "C" NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, term, event_id),
    FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE
  );
  CREATE INDEX event_search_terms_by_event ON event_search_terms(account_id, event_id);
  -- events stored before: found by transaction and buyer e-mail (names need the accent folding done at publish)
  INSERT INTO event_search_terms SELECT account_id, lower(txn), id FROM events WHERE txn IS NOT NULL ON CONFLICT DO NOTHING;
  INSERT INTO event_search_terms SELECT account_id, lower(data::jsonb #>> '{buyer,email}'), id FROM events
    WHERE data::jsonb #>> '{buyer,email}' IS NOT NULL ON CONFLICT DO NOTHING;
  `,
  `
  -- the audit log (src/store/audit.ts): who created, changed, disabled, rotated or revealed what, and when;
  -- UUIDv7 ids, so the primary key (account_id, id) is the log's order; gone with the account
  CREATE TABLE audit_log (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT COLLATE "C" NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    target_name TEXT,
    detail TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  );
  `,
  `
  -- a product removed while it had sales is archived (src/store/store.ts Product.archivedAt), not lost
  ALTER TABLE products ADD COLUMN archived_at BIGINT;
  `,
  `
  -- a team (src/store/team.ts): each user's role in its account (those made before are the account's owners), and
  -- invitations to join, each taken once by its token (kept as a hash) before it expires
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'developer', 'viewer'));
  CREATE TABLE invitations (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'developer', 'viewer')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX invitations_by_account ON invitations(account_id, created_at);
  `,
  `
  -- The claim of the circuit-breaker version, refined: within an account, webhooks that timed out fewer times in a
  -- row go first, and its slow webhooks (a timeout at their last attempt, or an open circuit) take no more than
  -- p_slow_rooms (p_other_slow_room for accounts not named) of its room, so an account's healthy webhooks are not
  -- stuck behind its dead ones; a ring webhook is probed only for what its cap and its account's room allow (an
  -- account at its room beside a dead receiver's backlog costs a lookup per webhook, not a read of its rows); and
  -- the claimed rows say how slow their webhook was. Plan settings as before.
  DROP FUNCTION postback_claim(BIGINT, TEXT, BIGINT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER, TEXT[], INTEGER[], INTEGER);
  CREATE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER, p_accounts TEXT[], p_rooms INTEGER[], p_other_room INTEGER, p_slow_rooms INTEGER[],
    p_other_slow_room INTEGER) RETURNS json LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off AS $claim$
  DECLARE
    v_ring_last TEXT;
    v_ring_seen INTEGER;
    v_claimed json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH RECURSIVE ring(webhook_id, n) AS (
      -- the next p_ring_size webhooks that have pending deliveries, after p_ring_after: one index seek each
      (SELECT d.webhook_id, 1 FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > p_ring_after ORDER BY d.webhook_id LIMIT 1)
      UNION ALL
      SELECT (SELECT d.webhook_id FROM deliveries d WHERE d.status = 'pending' AND d.webhook_id > r.webhook_id ORDER BY d.webhook_id LIMIT 1), r.n + 1
      FROM ring r WHERE r.webhook_id IS NOT NULL AND r.n < p_ring_size
    ), live AS (
      -- from deliveries_leased (in-flight rows only): the status is tested in the count, not the WHERE, where it would
      -- also match the partial indexes of every pending row
      SELECT d.webhook_id, COUNT(*) FILTER (WHERE d.status = 'pending') AS held FROM deliveries d
      WHERE d.lease_token IS NOT NULL AND d.lease_expires_at > p_now GROUP BY d.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
    ), probed AS (
      -- each ring webhook that may take a lease (below its cap, one while its circuit is open, and its account has
      -- room): its own due rows per lane, from deliveries_webhook_queue. An account at its room beside a dead
      -- receiver's backlog then costs a lookup per webhook, not a read of its rows
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id JOIN webhooks w ON w.id = r.webhook_id
      LEFT JOIN unnest(p_accounts, p_rooms) AS room(account_id, room) ON room.account_id = w.account_id
      CROSS JOIN LATERAL (
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
        UNION ALL
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
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
        SELECT c.*, e.creation_date, e.data, e.product_id, e.created_at AS event_created_at, w.url, w.secret, w.previous_secrets, w.enabled,
          w.timeout_streak, w.circuit_opened_at, a.hottok
        FROM claimed c JOIN events e ON e.account_id = c.account_id AND e.id = c.event_id
        JOIN webhooks w ON w.id = c.webhook_id JOIN accounts a ON a.id = c.account_id) x)
    INTO v_ring_last, v_ring_seen, v_claimed;
    RETURN json_build_object('ring_last', v_ring_last, 'ring_seen', v_ring_seen, 'claimed', v_claimed);
  END
  $claim$;
  `,
  `
  -- The lease at publish is asked for by the dispatcher after the publish (Store.leaseNew), no longer driven by the
  -- store: the same function under the name of what it does now. Its lock and cap are postback_claim's.
  ALTER FUNCTION postback_take(BIGINT, INTEGER, TEXT[], TEXT[], BIGINT[]) RENAME TO postback_lease_new;
  `,
  `
  -- Fewer indexes on deliveries (issue 21). A lease and a settle are never HOT updates here (each changes a column an
  -- index reads: lease_token, status), so a publish, a lease and a settle each write a new entry in every index whose
  -- condition the row matches. Each index, and what reads it (EXPLAIN ANALYZE on 100,000 rows):
  -- - deliveries_retention (created_at): DROPPED. Only retention read it; it walks the primary key now, a delivery's
  --   id being the UUIDv7 of its created_at (src/store/delivery-ids.ts, retention.ts).
  -- - deliveries_by_webhook (webhook_id, status, created_at): REPLACED by the two below (as on SQLite, where a settle
  --   rewrote its entry: the same shape on both stores). Its readers are rare: the cascade from a deleted webhook, and
  --   failed or skipped rows (recovery, a notice's count).
  -- - deliveries_webhook_history (webhook_id, id), NEW: every row of a webhook, so the cascade from a deleted webhook
  --   (a REST hook's 410 deletes it in the record step, under the hook's row lock) is an index scan; and the history
  --   filtered by webhook reads that webhook's rows newest first.
  -- - deliveries_unsent (webhook_id, status, created_at of failed and skipped rows), NEW: recovery's requeue and its
  --   count, a notice's skipped count (its pending count reads deliveries_webhook_queue). A delivered row, and so the
  --   settle of a delivery, never writes it.
  -- - the primary key (id), kept: every write by id (lease, settle, release, resend), the attempts' foreign key, retention.
  -- - deliveries_history (account_id, id), kept: the history's pages newest first, one delivery of an account, the
  --   stats windows (a range of ids).
  -- - deliveries_by_event (account_id, event_id), kept: the cascade from an event (retention, a removed account),
  --   retention's "no delivery refers to this event", a replay's deliveries, the history's search.
  -- - deliveries_due_first, deliveries_due_retry (next_attempt_at of pending rows, one per lane), kept: the claim's lane
  --   heads (a global due order no per-webhook index gives) and nextDueAt. One index of both lanes would write the
  --   same entries (a row is in one lane at a time) and change postback_claim.
  -- - deliveries_leased (webhook_id of leased rows), kept: the per-webhook cap's count of live leases (postback_claim,
  --   postback_lease_new), nextDueAt's leased part.
  -- - deliveries_webhook_queue (webhook_id, lane, next_attempt_at of pending rows), kept: the claim's ring and probes,
  --   skipping a disabled webhook's idle rows, the backlog gauge, the waiting-retry count. Not merged with an index of
  --   every row: the claim's ring finds the next webhook WITH pending rows in one seek because it holds no other.
  DROP INDEX deliveries_retention;
  DROP INDEX deliveries_by_webhook;
  CREATE INDEX deliveries_webhook_history ON deliveries(webhook_id, id);
  CREATE INDEX deliveries_unsent ON deliveries(webhook_id, status, created_at) WHERE status IN ('failed', 'skipped');
  `,
  `
  -- A product's search terms once per product (issue 21): the same table, index and reasons as the SQLite migration
  -- that adds product_search_terms (src/store/sqlite/migrations.ts). Here the terms were 45 % of a publish's WAL.
  CREATE TABLE product_search_terms (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    term TEXT COLLATE "C" NOT NULL,
    product_id TEXT NOT NULL,
    PRIMARY KEY (account_id, term, product_id)
  );
  -- the events of a product, for the search through its terms
  CREATE INDEX events_by_product ON events(account_id, product_id, id);
  `,
  `
  -- Leases off the indexes of deliveries (issue 21). A lease used to rewrite the whole row in every index of deliveries
  -- (seven entries: deliveries_leased names lease_token in its condition, so no lease could be a HOT update), and left
  -- as many dead entries behind in the indexes every claim reads (the lanes' heads, the ring's queue). The live
  -- leases are now also kept in delivery_leases, one small row per pending delivery under a lease, kept exactly by the
  -- statement triggers below from whatever UPDATE or DELETE changes deliveries: a delivery's row stays the one
  -- source of its lease (its token fences every outcome, as before) and this table is only how the claims count
  -- them, as deliveries_leased was. With that index gone, no index of deliveries reads the lease columns, so a lease
  -- and a release are HOT updates: the new version of the row goes on the same page and no index is written. Each page
  -- of deliveries keeps a fifth free for them (fillfactor 80; pages written before keep theirs full).

  -- keyed by webhook first: the claims count each webhook's live leases in a range of the key, and the triggers,
  -- which know both ids, find a row by it too (one index per lease row, not two)
  CREATE TABLE delivery_leases (
    webhook_id TEXT COLLATE "C" NOT NULL,
    delivery_id TEXT COLLATE "C" NOT NULL,
    expires_at BIGINT NOT NULL,
    -- when the delivery is due again if its lease runs out: GREATEST(next_attempt_at, lease_expires_at), for nextDueAt
    due_at BIGINT NOT NULL,
    PRIMARY KEY (webhook_id, delivery_id)
  );
  INSERT INTO delivery_leases (webhook_id, delivery_id, expires_at, due_at)
    SELECT webhook_id, id, lease_expires_at, GREATEST(next_attempt_at, lease_expires_at) FROM deliveries
    WHERE status = 'pending' AND lease_token IS NOT NULL;

  -- delivery_leases holds exactly the deliveries that are pending with a lease token, expired or not. Statement
  -- triggers: a claim of fifty rows keeps the table in one set-wise statement, not fifty calls. Rows leave by their
  -- key (a settle's one or few ids), and an UPDATE that leaves a lease as it was writes nothing here. (Delivery ids
  -- are unique, so a row whose delivery id is among the ended ones and whose webhook id is among theirs is one of them.)
  CREATE FUNCTION postback_keep_leases() RETURNS trigger LANGUAGE plpgsql AS $keep$
  BEGIN
    -- the ids as arrays: a lookup of the key per row, where a join would scan the table (a transition table has no
    -- statistics, and the planner guesses hundreds of rows)
    IF TG_OP = 'DELETE' THEN
      WITH ended AS (SELECT array_agg(g.webhook_id) AS webhooks, array_agg(g.id) AS ids FROM gone g WHERE g.lease_token IS NOT NULL)
      DELETE FROM delivery_leases l USING ended WHERE l.webhook_id = ANY(ended.webhooks) AND l.delivery_id = ANY(ended.ids);
      RETURN NULL;
    END IF;
    WITH ended AS (SELECT array_agg(n.webhook_id) AS webhooks, array_agg(n.id) AS ids FROM changed n
      WHERE NOT (n.status = 'pending' AND n.lease_token IS NOT NULL))
    DELETE FROM delivery_leases l USING ended WHERE l.webhook_id = ANY(ended.webhooks) AND l.delivery_id = ANY(ended.ids);
    INSERT INTO delivery_leases (webhook_id, delivery_id, expires_at, due_at)
      SELECT n.webhook_id, n.id, n.lease_expires_at, GREATEST(n.next_attempt_at, n.lease_expires_at)
      FROM changed n WHERE n.status = 'pending' AND n.lease_token IS NOT NULL
    ON CONFLICT (webhook_id, delivery_id) DO UPDATE SET expires_at = EXCLUDED.expires_at, due_at = EXCLUDED.due_at
      WHERE (delivery_leases.expires_at, delivery_leases.due_at) IS DISTINCT FROM (EXCLUDED.expires_at, EXCLUDED.due_at);
    RETURN NULL;
  END
  $keep$;
  CREATE TRIGGER deliveries_keep_leases_on_update AFTER UPDATE ON deliveries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION postback_keep_leases();
  CREATE TRIGGER deliveries_keep_leases_on_delete AFTER DELETE ON deliveries
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION postback_keep_leases();
  DROP INDEX deliveries_leased;
  ALTER TABLE deliveries SET (fillfactor = 80);

  -- The claim and the lease at publish count live leases from delivery_leases. The claim also answers each claimed
  -- event once, not once per claimed delivery: with an event fanned out to four webhooks, its data was four fifths of
  -- the answer that the worker received and parsed.
  DROP FUNCTION postback_claim(BIGINT, TEXT, BIGINT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER, TEXT[], INTEGER[], INTEGER, INTEGER[], INTEGER);
  CREATE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER, p_accounts TEXT[], p_rooms INTEGER[], p_other_room INTEGER, p_slow_rooms INTEGER[],
    p_other_slow_room INTEGER) RETURNS json LANGUAGE plpgsql
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
    ), live AS (
      -- each webhook's live leases, from delivery_leases (pending rows under a lease only, kept by a trigger)
      SELECT l.webhook_id, COUNT(*) AS held FROM delivery_leases l WHERE l.expires_at > p_now GROUP BY l.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
    ), probed AS (
      -- each ring webhook that may take a lease (below its cap, one while its circuit is open, and its account has
      -- room): its own due rows per lane, from deliveries_webhook_queue. An account at its room beside a dead
      -- receiver's backlog then costs a lookup per webhook, not a read of its rows
      SELECT q.* FROM ring r LEFT JOIN live l ON l.webhook_id = r.webhook_id JOIN webhooks w ON w.id = r.webhook_id
      LEFT JOIN unnest(p_accounts, p_rooms) AS room(account_id, room) ON room.account_id = w.account_id
      CROSS JOIN LATERAL (
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 0 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
        UNION ALL
        (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
          WHERE d.status = 'pending' AND d.webhook_id = r.webhook_id AND LEAST(d.attempt_count, 1) = 1 AND d.next_attempt_at <= p_now
            AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now) ORDER BY d.next_attempt_at LIMIT p_cap)
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

  CREATE OR REPLACE FUNCTION postback_lease_new(p_now BIGINT, p_cap INTEGER, p_ids TEXT[], p_tokens TEXT[], p_expires BIGINT[]) RETURNS json LANGUAGE plpgsql AS $lease$
  DECLARE
    v_taken json;
  BEGIN
    PERFORM pg_advisory_xact_lock(7358120418002);
    SET LOCAL synchronous_commit = off;
    WITH input AS (
      SELECT * FROM unnest(p_ids, p_tokens, p_expires) AS i(id, token, expires)
    ), wanted AS (
      SELECT d.id, d.webhook_id, i.token, i.expires, ROW_NUMBER() OVER (PARTITION BY d.webhook_id ORDER BY d.id) AS n
      FROM input i JOIN deliveries d ON d.id = i.id
      WHERE (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
    ), live AS (
      -- from delivery_leases, as the claim counts them
      SELECT l.webhook_id, COUNT(*) AS held FROM delivery_leases l
      WHERE l.expires_at > p_now AND l.webhook_id IN (SELECT w.webhook_id FROM wanted w) GROUP BY l.webhook_id
    ), taken AS (
      -- after a wait (an owner disabling the webhook holds its rows) the conditions are checked again on the newest row
      UPDATE deliveries d SET lease_token = w.token, lease_expires_at = w.expires
      FROM wanted w LEFT JOIN live l ON l.webhook_id = w.webhook_id JOIN webhooks wh ON wh.id = w.webhook_id
      WHERE d.id = w.id AND w.n + COALESCE(l.held, 0) <= CASE WHEN wh.circuit_opened_at IS NULL THEN p_cap ELSE 1 END
        AND (d.status = 'pending') IS TRUE AND d.lease_token IS NULL
      RETURNING d.id, d.webhook_id
    )
    SELECT COALESCE(json_agg(json_build_object('id', t.id, 'url', wh.url, 'secret', wh.secret, 'previous_secrets', wh.previous_secrets, 'hottok', a.hottok)), '[]')
    FROM taken t JOIN webhooks wh ON wh.id = t.webhook_id JOIN accounts a ON a.id = wh.account_id
    INTO v_taken;
    RETURN v_taken;
  END
  $lease$;
  `,
  `
  -- An event's search terms without an index by event or a foreign key (issue 21), as on SQLite (the migration that
  -- adds events.search_terms there). Each of an event's five or so terms wrote an entry in the index by event, at a
  -- random place (event ids are the publisher's), and ran a foreign key check of the event it was inserted with, for
  -- one reader: the event's removal. The event now lists its own terms, and a statement trigger deletes them by
  -- primary key with every event removed, whatever removes it (retention, the cascade from a removed account).
  -- Events stored before get their list from their rows.
  ALTER TABLE events ADD COLUMN search_terms TEXT[];
  UPDATE events e SET search_terms = t.terms
    FROM (SELECT account_id, event_id, array_agg(term) AS terms FROM event_search_terms GROUP BY account_id, event_id) t
    WHERE e.account_id = t.account_id AND e.id = t.event_id;
  ALTER TABLE event_search_terms DROP CONSTRAINT event_search_terms_account_id_event_id_fkey;
  DROP INDEX event_search_terms_by_event;
  -- Each removed term is one probe of the primary key: a hash join read the whole table instead (358 ms for a
  -- retention batch of 1,000 events beside 1,000,000 term rows), whatever the transition table's size.
  CREATE FUNCTION postback_remove_search_terms() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $remove$
  BEGIN
    DELETE FROM event_search_terms t USING (SELECT g.account_id, g.id, unnest(g.search_terms) AS term FROM gone g) r
      WHERE t.account_id = r.account_id AND t.term = r.term AND t.event_id = r.id;
    RETURN NULL;
  END
  $remove$;
  CREATE TRIGGER events_search_terms_removed AFTER DELETE ON events REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION postback_remove_search_terms();
  `,
  `
  -- A claim probes each ring webhook for no more rows than it may take: what its cap (one while its circuit is open)
  -- and its account's room leave, as the SQLite claim does (issue 21). It read up to the whole cap per lane: at
  -- saturation, with every webhook a slot or two below its cap, most of a probe's rows were read, numbered and dropped.
  CREATE OR REPLACE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
    p_ring_after TEXT, p_ring_size INTEGER, p_accounts TEXT[], p_rooms INTEGER[], p_other_room INTEGER, p_slow_rooms INTEGER[],
    p_other_slow_room INTEGER) RETURNS json LANGUAGE plpgsql
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
    ), live AS (
      -- each webhook's live leases, from delivery_leases (pending rows under a lease only, kept by a trigger)
      SELECT l.webhook_id, COUNT(*) AS held FROM delivery_leases l WHERE l.expires_at > p_now GROUP BY l.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
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
  `,
  `
  -- Delivered attempts are recorded through a function (issue 21): its plan is made once per connection and kept to
  -- primary-key lookups. The batch statement it replaces was sent with its text and planned at every call: at 200
  -- events/s, 1.1 ms of planning per call beside 1.6 ms of running (pg_stat_statements with track_planning). A
  -- prepared statement would have kept the generic plan it made while the table was nearly empty (a scan of every
  -- delivery). record-delivered.sql beside dispatch.ts is this definition, to be read where it is called.
  CREATE FUNCTION postback_record_delivered(p_ids TEXT[], p_tokens TEXT[], p_now BIGINT[], p_status_codes INTEGER[], p_attempt_ids TEXT[],
    p_numbers INTEGER[], p_started_at BIGINT[], p_durations INTEGER[], p_request_headers TEXT[], p_response_headers TEXT[],
    p_response_bodies TEXT[], p_errors TEXT[], p_error_details TEXT[]) RETURNS TEXT[] LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $record$
  DECLARE
    v_settled TEXT[];
  BEGIN
    WITH input AS (
      SELECT * FROM unnest(p_ids, p_tokens, p_now, p_status_codes, p_attempt_ids, p_numbers, p_started_at, p_durations, p_request_headers,
        p_response_headers, p_response_bodies, p_errors, p_error_details)
        AS i(delivery_id, token, now, status_code, attempt_id, number, started_at, duration_ms, request_headers, response_headers, response_body, error, error_detail)
    ), unhealthy AS (
      SELECT w.id, w.account_id, w.alerted AS was_alerted FROM webhooks w
      WHERE w.id IN (SELECT d.webhook_id FROM input i JOIN deliveries d ON d.id = i.delivery_id WHERE d.lease_token = i.token AND NOT d.is_test)
        AND (w.failure_streak > 0 OR w.timeout_streak > 0 OR w.circuit_opened_at IS NOT NULL OR w.alerted) ORDER BY w.id FOR NO KEY UPDATE
    ), settled AS (
      UPDATE deliveries d SET status = 'delivered', next_attempt_at = NULL, attempt_count = d.attempt_count + 1, cycle_attempts = d.cycle_attempts + 1,
        last_status_code = i.status_code, last_error = i.error, lease_token = NULL, lease_expires_at = NULL, updated_at = i.now
      FROM input i WHERE d.id = i.delivery_id AND d.lease_token = i.token AND d.lease_expires_at > i.now AND (d.status = 'pending') IS TRUE
        AND (SELECT COUNT(*) FROM unhealthy) >= 0
      RETURNING d.id, d.cycle, d.webhook_id, d.is_test
    ), attempt AS (
      INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body)
      SELECT i.attempt_id, s.id, s.cycle, i.number, i.started_at, i.duration_ms, i.status_code, i.error, i.error_detail, i.request_headers, i.response_headers, i.response_body
      FROM settled s JOIN input i ON i.delivery_id = s.id
    ), health AS (
      UPDATE webhooks w SET failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, alerted = FALSE FROM unhealthy u
      WHERE w.id = u.id AND u.id IN (SELECT s.webhook_id FROM settled s WHERE NOT s.is_test)
      RETURNING w.id, u.account_id, u.was_alerted
    ), recovered AS (
      -- the owner hears that an alerted webhook recovered (the notices outbox)
      INSERT INTO notices (id, account_id, kind, webhook_id, reason, created_at, mail, hook, next_attempt_at)
      SELECT gen_random_uuid()::text, h.account_id, 'webhook.recovered', h.id, NULL, (SELECT MAX(i.now) FROM input i), 'pending',
        CASE WHEN s.webhook_url IS NULL THEN 'skipped' ELSE 'pending' END, (SELECT MAX(i.now) FROM input i)
      FROM health h LEFT JOIN notification_settings s ON s.account_id = h.account_id WHERE h.was_alerted
    )
    SELECT COALESCE(array_agg(s.id), '{}') FROM settled s INTO v_settled;
    RETURN v_settled;
  END
  $record$;
  `,
  `
  -- Half of each page of deliveries kept free for the new versions of its rows (issue 21; it was a fifth). A lease is
  -- a HOT update (no index entry written) only when its new version fits on the row's page, and a delivery's row gets
  -- two new versions within milliseconds of its insert: its lease, then its record (not HOT: it changes the lanes'
  -- columns, but it takes room on the same page if there is some). With a fifth free, about a third of the leases at
  -- saturation found no room and wrote every index of deliveries; with half free, almost none (the bench's saturation,
  -- pg_stat_user_tables: 30 % of updates HOT against 50 %, every lease among them). The price is space: pages of
  -- settled deliveries are filled to half by new rows, where they were filled to four fifths. Pages written before keep
  -- theirs.
  ALTER TABLE deliveries SET (fillfactor = 50);
  `,
  `
  -- The lease at publish keeps its plan to index paths, as the claim and the delivered records do (issue 21). Its
  -- plan is PostgreSQL's generic one after five calls, and one made while deliveries was nearly empty (a fresh
  -- database, a process started early) joined the new ids to a scan of every delivery, twice: 138 ms a lease with
  -- 12,000 deliveries, growing with the table, until an ANALYZE happened to have it planned again.
  ALTER FUNCTION postback_lease_new(BIGINT, INTEGER, TEXT[], TEXT[], BIGINT[])
    SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
  `,
  `
  -- Whether a sale's affiliate codes name an affiliation of its product, looked up by the affiliations' unique key
  -- whatever the publish's plan (issue 21). The publish is a prepared statement whose generic plan is kept per
  -- connection: planned while affiliations was nearly empty (a fresh platform), it read every affiliation by a
  -- sequential scan into a hash for each sale that names codes, for the life of the connection (a publish with
  -- 20,000 affiliations: 6.1 ms against 1.4 ms, growing with the platform's affiliations). The probe lives here, with
  -- its own plan settings, as the claim's and the records' do. False when the product is null, as before.
  CREATE FUNCTION postback_affiliated(p_producer TEXT, p_product TEXT, p_codes TEXT[]) RETURNS BOOLEAN
  LANGUAGE sql STABLE SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $affiliated$
    SELECT EXISTS (SELECT 1 FROM affiliations a WHERE a.producer_account_id = p_producer AND a.product_id = p_product AND a.affiliate_code = ANY (p_codes))
  $affiliated$;
  `,
  `
  -- A claim does not count the leases its claimant names as settling toward their webhooks' caps (issue 21): their
  -- attempts were delivered and their records are on their way, so their receivers hold no request of them. The
  -- dispatcher gives a delivered attempt's slot back at its answer, not at its record's commit; at saturation that
  -- record (a linger and a batched statement) was a few milliseconds of each slot's turn, in which the slot's webhook
  -- looked full to every claim. Other processes' claims count them still, as before.
  DROP FUNCTION postback_claim(BIGINT, TEXT, BIGINT, INTEGER, INTEGER, INTEGER, TEXT, INTEGER, TEXT[], INTEGER[], INTEGER, INTEGER[], INTEGER);
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
    ), live AS (
      -- each webhook's live leases, from delivery_leases (pending rows under a lease only, kept by a trigger), but for
      -- the claimant's settling ones: delivered, their records on their way, their receivers holding no request
      SELECT l.webhook_id, COUNT(*) AS held FROM delivery_leases l WHERE l.expires_at > p_now AND l.delivery_id <> ALL (p_settling)
      GROUP BY l.webhook_id
    ), head AS (
      -- each lane's oldest due rows, at most p_budget each
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 0 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
        ORDER BY d.next_attempt_at LIMIT p_budget)
      UNION ALL
      (SELECT d.id, d.webhook_id, d.account_id, d.next_attempt_at, 1 AS lane FROM deliveries d
        WHERE d.status = 'pending' AND d.attempt_count > 0 AND d.next_attempt_at <= p_now AND (d.lease_token IS NULL OR d.lease_expires_at <= p_now)
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
  `,
  `
  -- the claim does not read the heads when its ring probed every webhook with pending rows (claim.sql)
  CREATE OR REPLACE FUNCTION postback_claim(p_now BIGINT, p_token TEXT, p_expires BIGINT, p_limit INTEGER, p_cap INTEGER, p_budget INTEGER,
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
  `,
  `
  -- Version 21's trigger function got its plan settings after that migration had run on some databases (it was edited
  -- in place): there, a retention batch removes its events' search terms by a hash join over the whole table (358 ms a
  -- batch beside 1,000,000 term rows, against 26). The settings again, for every database; where they are already
  -- set this changes nothing. Migrations only add from here on: migration-texts.test.ts pins each one's text.
  ALTER FUNCTION postback_remove_search_terms() SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off;
  `,
  `
  -- The URL each attempt was made for: after an owner changes a webhook's URL, its history shows where each earlier
  -- attempt went, not the URL it has now. Attempts recorded before keep NULL (not known). The delivered records'
  -- function takes each attempt's URL (record-delivered.sql): replaced, not overloaded, so there is one to read.
  ALTER TABLE attempts ADD COLUMN url TEXT;
  DROP FUNCTION postback_record_delivered(TEXT[], TEXT[], BIGINT[], INTEGER[], TEXT[], INTEGER[], BIGINT[], INTEGER[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[]);
  CREATE FUNCTION postback_record_delivered(p_ids TEXT[], p_tokens TEXT[], p_now BIGINT[], p_status_codes INTEGER[], p_attempt_ids TEXT[],
    p_numbers INTEGER[], p_started_at BIGINT[], p_durations INTEGER[], p_request_headers TEXT[], p_response_headers TEXT[],
    p_response_bodies TEXT[], p_errors TEXT[], p_error_details TEXT[], p_urls TEXT[]) RETURNS TEXT[] LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $record$
  DECLARE
    v_settled TEXT[];
  BEGIN
    WITH input AS (
      SELECT * FROM unnest(p_ids, p_tokens, p_now, p_status_codes, p_attempt_ids, p_numbers, p_started_at, p_durations, p_request_headers,
        p_response_headers, p_response_bodies, p_errors, p_error_details, p_urls)
        AS i(delivery_id, token, now, status_code, attempt_id, number, started_at, duration_ms, request_headers, response_headers, response_body, error, error_detail, url)
    ), unhealthy AS (
      SELECT w.id, w.account_id, w.alerted AS was_alerted FROM webhooks w
      WHERE w.id IN (SELECT d.webhook_id FROM input i JOIN deliveries d ON d.id = i.delivery_id WHERE d.lease_token = i.token AND NOT d.is_test)
        AND (w.failure_streak > 0 OR w.timeout_streak > 0 OR w.circuit_opened_at IS NOT NULL OR w.alerted) ORDER BY w.id FOR NO KEY UPDATE
    ), settled AS (
      UPDATE deliveries d SET status = 'delivered', next_attempt_at = NULL, attempt_count = d.attempt_count + 1, cycle_attempts = d.cycle_attempts + 1,
        last_status_code = i.status_code, last_error = i.error, lease_token = NULL, lease_expires_at = NULL, updated_at = i.now
      FROM input i WHERE d.id = i.delivery_id AND d.lease_token = i.token AND d.lease_expires_at > i.now AND (d.status = 'pending') IS TRUE
        AND (SELECT COUNT(*) FROM unhealthy) >= 0
      RETURNING d.id, d.cycle, d.webhook_id, d.is_test
    ), attempt AS (
      INSERT INTO attempts (id, delivery_id, cycle, number, started_at, duration_ms, status_code, error, error_detail, request_headers, response_headers, response_body, url)
      SELECT i.attempt_id, s.id, s.cycle, i.number, i.started_at, i.duration_ms, i.status_code, i.error, i.error_detail, i.request_headers, i.response_headers, i.response_body, i.url
      FROM settled s JOIN input i ON i.delivery_id = s.id
    ), health AS (
      UPDATE webhooks w SET failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, alerted = FALSE FROM unhealthy u
      WHERE w.id = u.id AND u.id IN (SELECT s.webhook_id FROM settled s WHERE NOT s.is_test)
      RETURNING w.id, u.account_id, u.was_alerted
    ), recovered AS (
      -- the owner hears that an alerted webhook recovered (the notices outbox)
      INSERT INTO notices (id, account_id, kind, webhook_id, reason, created_at, mail, hook, next_attempt_at)
      SELECT gen_random_uuid()::text, h.account_id, 'webhook.recovered', h.id, NULL, (SELECT MAX(i.now) FROM input i), 'pending',
        CASE WHEN s.webhook_url IS NULL THEN 'skipped' ELSE 'pending' END, (SELECT MAX(i.now) FROM input i)
      FROM health h LEFT JOIN notification_settings s ON s.account_id = h.account_id WHERE h.was_alerted
    )
    SELECT COALESCE(array_agg(s.id), '{}') FROM settled s INTO v_settled;
    RETURN v_settled;
  END
  $record$;
  `,
  `
  -- The user who sent each invitation (NULL: an API client). Removing that user ends the invitations it sent (the
  -- cascade), and so does making an owner something else (src/store/team.ts): an invitation is an owner's word, and
  -- outlived the person who gave it. Invitations sent before are matched to their inviter by e-mail.
  ALTER TABLE invitations ADD COLUMN invited_by_user_id TEXT COLLATE "C" REFERENCES users(id) ON DELETE CASCADE;
  UPDATE invitations i SET invited_by_user_id = u.id FROM users u WHERE u.account_id = i.account_id AND lower(u.email) = lower(i.invited_by);
  CREATE INDEX invitations_by_inviter ON invitations(invited_by_user_id);
  `,
  `
  -- The affiliate accounts a purchase's first event went to (a JSON array; src/store/purchase-routing.ts): its later
  -- events (a refund, a chargeback) go to those accounts alone while they are still affiliated under the sale's code,
  -- never to a new holder of the code. Purchases created before keep NULL and are routed by the code's holders now.
  ALTER TABLE purchases ADD COLUMN affiliate_accounts TEXT;
  `,
  `
  -- Whether a conversion postback's webhook has already reported this event of this sale: a delivery of it, not a
  -- test, pending or delivered. The publish statement then records the new one as skipped, already_reported
  -- (src/domain/fan-out.ts), as an ad network cannot tell a sale reported twice from two sales. Looked up through the
  -- sale's few events (events_by_transaction) and each one's deliveries (deliveries_by_event) whatever the publish's
  -- plan (issue 21): inline, that prepared statement planned on empty tables read every event and every delivery by
  -- sequential scans for each conversion, for the life of the connection (2,008 events and 6,024 deliveries read for
  -- one lookup after 2,000 sales; src/store/postgres/repeat-plans.test.ts).
  CREATE FUNCTION postback_reported(p_account TEXT, p_txn TEXT, p_event TEXT, p_webhook TEXT) RETURNS BOOLEAN
  LANGUAGE sql STABLE SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $reported$
    SELECT EXISTS (SELECT 1 FROM events e JOIN deliveries d ON d.account_id = e.account_id AND d.event_id = e.id
      WHERE e.account_id = p_account AND e.txn = p_txn AND e.event = p_event AND d.webhook_id = p_webhook AND NOT d.is_test
        AND d.status IN ('pending', 'delivered'))
  $reported$;
  `,
  `
  -- A conversion's repeats, exact when two publishes of one sale and event race (a marketplace publishing one approval
  -- twice, under two ids, at once): postback_reported alone reads the publish statement's snapshot, taken before
  -- either had committed, and both went, the ad network counting the sale twice. The publish statement calls this
  -- only for plans that check repeats (src/store/postgres/publish.ts), before it writes any event. It takes a lock of
  -- the transaction's per sale and event (its transaction id and event name: the producer's event and its affiliates'
  -- copies, in one transaction, share it), all in one order; a publish of the same sale and event on any connection
  -- waits there until this one commits. Then it looks each plan up in a snapshot of its own, taken after the locks (a
  -- VOLATILE function's statements each take one; a STABLE one reads its caller's), and sees the delivery the other
  -- committed: the later one is recorded as skipped, already_reported. Publishes without such a plan take no lock.
  -- p_plans: [{n, id, account_id, txn, event, webhook_id}]; answers the n and id of each plan already reported.
  CREATE FUNCTION postback_repeats(p_plans JSON) RETURNS TABLE (n BIGINT, id TEXT) LANGUAGE plpgsql VOLATILE AS $repeats$
  DECLARE
    v_sale TEXT;
  BEGIN
    FOR v_sale IN SELECT DISTINCT p.txn || ':' || p.event FROM json_to_recordset(p_plans) AS p(txn TEXT, event TEXT) ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('postback.sale:' || v_sale, 0));
    END LOOP;
    RETURN QUERY SELECT p.n, p.id FROM json_to_recordset(p_plans) AS p(n BIGINT, id TEXT, account_id TEXT, txn TEXT, event TEXT, webhook_id TEXT)
      WHERE postback_reported(p.account_id, p.txn, p.event, p.webhook_id);
  END
  $repeats$;
  `,
];
