// Schema of the embedded store, one entry per version; PRAGMA user_version records how far a file has come.
// Times are epoch milliseconds (INTEGER); JSON columns hold text written by JSON.stringify.
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('producer', 'affiliate')),
    hottok TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE api_clients (
    client_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL
  ) STRICT;

  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;

  -- people who sign in to the dashboard; an e-mail identifies one user across the platform
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE products (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    ucode TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT;

  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    products TEXT NOT NULL,
    version TEXT NOT NULL,
    max_attempts INTEGER,
    enabled INTEGER NOT NULL,
    disabled_reason TEXT,
    disabled_at INTEGER,
    secret TEXT NOT NULL,
    -- [{secret (sealed), expires_at}]: rotated-out secrets that still sign during the overlap
    previous_secrets TEXT NOT NULL DEFAULT '[]',
    failure_streak INTEGER NOT NULL DEFAULT 0,
    failing_since INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX webhooks_by_account ON webhooks(account_id);

  CREATE TABLE events (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    event TEXT NOT NULL,
    creation_date INTEGER NOT NULL,
    data TEXT NOT NULL,
    txn TEXT,
    product_id TEXT,
    is_test INTEGER NOT NULL,
    idempotency_key TEXT,
    request_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT;
  CREATE UNIQUE INDEX events_idempotency ON events(account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

  CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event TEXT NOT NULL,
    txn TEXT,
    version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
    is_test INTEGER NOT NULL,
    attempt_count INTEGER NOT NULL DEFAULT 0,
    cycle INTEGER NOT NULL DEFAULT 1,
    cycle_attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_attempt_at INTEGER,
    lease_token TEXT,
    lease_expires_at INTEGER,
    last_status_code INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE
  ) STRICT;
  -- the claim scans only pending rows in due order
  CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending';
  -- history lists newest first per account (ids are UUIDv7, so id order is time order)
  CREATE INDEX deliveries_history ON deliveries(account_id, id);
  CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, status, created_at);
  CREATE INDEX deliveries_by_event ON deliveries(account_id, event_id);

  -- the purchase ledger: current state and data of each sale whose lifecycle Postback owns
  CREATE TABLE purchases (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    txn TEXT NOT NULL,
    state TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, txn)
  ) STRICT;
  CREATE INDEX events_by_transaction ON events(account_id, txn, created_at) WHERE txn IS NOT NULL;

  CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    cycle INTEGER NOT NULL,
    number INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    error_detail TEXT,
    request_headers TEXT NOT NULL,
    response_headers TEXT NOT NULL,
    response_body TEXT NOT NULL
  ) STRICT;
  CREATE INDEX attempts_by_delivery ON attempts(delivery_id, number);
  `,
  `
  -- fair claims (dispatch.ts): first attempts and retries each have a lane read in due order from its own index,
  -- and the live leases are counted per webhook from a small index of the rows in flight
  DROP INDEX deliveries_due;
  CREATE INDEX deliveries_due_first ON deliveries(next_attempt_at) WHERE status = 'pending' AND attempt_count = 0;
  CREATE INDEX deliveries_due_retry ON deliveries(next_attempt_at) WHERE status = 'pending' AND attempt_count > 0;
  CREATE INDEX deliveries_leased ON deliveries(lease_token, webhook_id) WHERE lease_token IS NOT NULL;
  -- retention (retention.ts) walks old rows in creation order
  CREATE INDEX deliveries_retention ON deliveries(created_at);
  CREATE INDEX events_retention ON events(created_at);
  `,
  `
  -- the claim's ring (claim.ts): webhooks that have pending deliveries, in id order, and each one's due rows per
  -- lane (MIN(attempt_count, 1) is the lane, 0 or 1)
  CREATE INDEX deliveries_webhook_queue ON deliveries(webhook_id, MIN(attempt_count, 1), next_attempt_at) WHERE status = 'pending';
  `,
  `
  -- affiliates (affiliates.ts): the producer's per-product switch, and each affiliation of a product to an affiliate
  -- account under an affiliate code (the hotlink code sales carry in data.affiliates[].affiliate_code)
  ALTER TABLE products ADD COLUMN share_buyer_data INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE affiliations (
    id TEXT PRIMARY KEY,
    producer_account_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    affiliate_code TEXT NOT NULL,
    affiliate_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (producer_account_id, product_id) REFERENCES products(account_id, id) ON DELETE CASCADE,
    -- publishing looks a sale's codes up by producer and product
    UNIQUE (producer_account_id, product_id, affiliate_code)
  ) STRICT;
  CREATE INDEX affiliations_by_affiliate ON affiliations(affiliate_account_id, product_id);
  `,
  `
  -- REST hooks (src/api/routes/hooks.ts): the trigger a webhook was subscribed to through POST /api/v1/hooks (NULL for
  -- a webhook configured by hand); a 410 from a hook's target deletes it (hooks.ts)
  ALTER TABLE webhooks ADD COLUMN hook_trigger TEXT;
  -- GET /api/v1/hooks/samples/:trigger: an account's latest real events of one name, newest first
  CREATE INDEX events_latest ON events(account_id, event, created_at) WHERE is_test = 0;
  `,
  `
  -- hottok in the 2.0.0 body (render.ts): the owner's per-webhook choice, and on each delivery the choice made at
  -- fan-out, so every attempt and resend of a delivery sends the same bytes whatever the webhook says later
  ALTER TABLE webhooks ADD COLUMN hottok_in_body INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE deliveries ADD COLUMN hottok_in_body INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- the circuit breaker (dispatch.ts): a webhook's timeouts in a row, and since when its circuit is open (it gets one
  -- probing attempt at a time until one succeeds; the claim and the hand-off read it as a cap of one)
  ALTER TABLE webhooks ADD COLUMN timeout_streak INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE webhooks ADD COLUMN circuit_opened_at INTEGER;
  `,
  `
  -- ad tracking: a webhook of format version 'postback' keeps its conversion template here (JSON, secrets sealed;
  -- src/domain/conversion.ts); the hosted checkout's offers, each a public link /checkout/:code that sells a product
  ALTER TABLE webhooks ADD COLUMN postback TEXT;
  CREATE TABLE offers (
    code TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    product_id TEXT NOT NULL,
    name TEXT NOT NULL,
    -- in hundredths of the currency, so prices add up exactly
    price_cents INTEGER NOT NULL,
    currency TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (account_id, product_id) REFERENCES products(account_id, id) ON DELETE CASCADE
  ) STRICT;
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
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    webhook_id TEXT NOT NULL,
    delivery_id TEXT,
    reason TEXT,
    created_at INTEGER NOT NULL,
    mail TEXT NOT NULL,
    hook TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    lease_token TEXT,
    lease_expires_at INTEGER,
    last_error TEXT
  ) STRICT;
  CREATE INDEX notices_due ON notices(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
  CREATE INDEX notices_by_account ON notices(account_id, id);
  -- alerted: the owner was last told this webhook fails or is disabled (its next success is a recovery notice);
  -- failing_noticed_at bounds "starts failing" notices to one per webhook per day
  ALTER TABLE webhooks ADD COLUMN alerted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE webhooks ADD COLUMN failing_noticed_at INTEGER;
  -- per account: the language of its notices, and its operational webhook (one URL, its whsec_ secret sealed)
  CREATE TABLE notification_settings (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    webhook_url TEXT,
    webhook_secret TEXT,
    updated_at INTEGER NOT NULL
  ) STRICT;
  -- dashboard password resets: one-time, expiring; only the token's hash is kept
  CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- find one sale (the history's search, src/domain/sale-facts.ts): the terms each event is found under (transaction,
  -- buyer e-mail and name, product id and name, as search keys), matched by prefix within the account through the
  -- primary key, so no other tenant's row is read; removed with their event (the second index serves the cascade)
  CREATE TABLE event_search_terms (
    account_id TEXT NOT NULL,
    term TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (account_id, term, event_id),
    FOREIGN KEY (account_id, event_id) REFERENCES events(account_id, id) ON DELETE CASCADE
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX event_search_terms_by_event ON event_search_terms(account_id, event_id);
  -- events stored before: found by transaction and buyer e-mail (names need the accent folding done at publish)
  INSERT OR IGNORE INTO event_search_terms SELECT account_id, lower(txn), id FROM events WHERE txn IS NOT NULL;
  INSERT OR IGNORE INTO event_search_terms SELECT account_id, lower(json_extract(data, '$.buyer.email')), id FROM events
    WHERE json_valid(data) AND json_type(data, '$.buyer.email') = 'text';
  `,
  `
  -- the audit log (src/store/audit.ts): who created, changed, disabled, rotated or revealed what, and when;
  -- UUIDv7 ids, so the primary key (account_id, id) is the log's order; gone with the account
  CREATE TABLE audit_log (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT,
    target_name TEXT,
    detail TEXT NOT NULL,
    PRIMARY KEY (account_id, id)
  ) STRICT;
  `,
  `
  -- a product removed while it had sales is archived (src/store/store.ts Product.archivedAt), not lost
  ALTER TABLE products ADD COLUMN archived_at INTEGER;
  `,
  `
  -- a team (src/store/team.ts): each user's role in its account (those made before are the account's owners), and
  -- invitations to join, each taken once by its token (kept as a hash) before it expires
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'owner' CHECK (role IN ('owner', 'developer', 'viewer'));
  CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'developer', 'viewer')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX invitations_by_account ON invitations(account_id, created_at);
  `,
  `
  -- Fewer indexes on deliveries (issue 21): a publish writes every index of a new row, a lease and a settle each one
  -- whose columns or condition they change. Each index, and what reads it (EXPLAIN QUERY PLAN on 100,000 rows):
  -- - deliveries_retention (created_at): DROPPED. Only retention read it; it walks the primary key now, a delivery's
  --   id being the UUIDv7 of its created_at (src/store/delivery-ids.ts, retention.ts).
  -- - deliveries_by_webhook (webhook_id, status, created_at): REPLACED by the two below. Its status moved at every
  --   settle (an entry deleted and another written, for every delivery), while its readers are rare: the cascade from
  --   a deleted webhook, and failed or skipped rows (recovery, a notice's count).
  -- - deliveries_webhook_history (webhook_id, id), NEW: every row of a webhook, so the cascade from a deleted webhook
  --   (a REST hook's 410 deletes it inside the record step's transaction) is a seek, not a scan of every delivery;
  --   and the history filtered by webhook reads that webhook's rows newest first (it read the account's until enough
  --   matched: a page in 0.2 ms now against 2 to 24 ms, at 100,000 rows). A settle never changes it.
  -- - deliveries_unsent (webhook_id, status, created_at of failed and skipped rows), NEW: recovery's requeue and its
  --   count, a notice's skipped count (its pending count reads deliveries_webhook_queue). A delivered row never enters it.
  -- - deliveries_due (version 1): gone since version 2, superseded by the two lanes below.
  -- - the primary key (id), kept: every write by id (lease, settle, release, resend), the attempts' foreign key, retention.
  -- - deliveries_history (account_id, id), kept: the history's pages newest first (every filter but the webhook reads
  --   through it), one delivery of an account, the stats windows (a range of ids).
  -- - deliveries_by_event (account_id, event_id), kept: the cascade from an event (retention, a removed account),
  --   retention's "no delivery refers to this event", a replay's deliveries (publish.ts names it). The dearest index to
  --   write (event ids are the publisher's: each insert lands at a random place), and the one the cascade needs.
  -- - deliveries_due_first, deliveries_due_retry (next_attempt_at of pending rows, one per lane), kept: the claim's lane
  --   heads (a global due order no per-webhook index gives) and nextDueAt. One index of both lanes would write the
  --   same entries (a row is in one lane at a time) and change the claim.
  -- - deliveries_leased (lease_token, webhook_id of leased rows), kept: the per-webhook cap's count of live leases,
  --   the rows of a claim by token, nextDueAt's leased part; a lease writes this one alone.
  -- - deliveries_webhook_queue (webhook_id, lane, next_attempt_at of pending rows), kept: the claim's ring and probes,
  --   the backlog gauge, the waiting-retry count, skipping a disabled webhook's idle rows. Not merged with an index of
  --   every row: the claim's ring finds the next webhook WITH pending rows in one seek because it holds no other.
  DROP INDEX deliveries_retention;
  DROP INDEX deliveries_by_webhook;
  CREATE INDEX deliveries_webhook_history ON deliveries(webhook_id, id);
  CREATE INDEX deliveries_unsent ON deliveries(webhook_id, status, created_at) WHERE status IN ('failed', 'skipped');
  `,
  `
  -- A product's search terms once per product (issue 21): its id and its name from each word are the same for every
  -- sale of it, and were half of an event's terms, written again with every sale (two index entries and a foreign key
  -- check each; on PostgreSQL 45 % of a publish's WAL). Kept here per (account, product) and found through the events
  -- of that product; an event without a product id keeps them among its own. A term stays when its product's events
  -- are purged (a few rows per product; a search then finds no sale through it) and goes with the account. Events
  -- stored before keep their product terms in event_search_terms, where the search still finds them.
  CREATE TABLE product_search_terms (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    term TEXT NOT NULL,
    product_id TEXT NOT NULL,
    PRIMARY KEY (account_id, term, product_id)
  ) STRICT, WITHOUT ROWID;
  -- the events of a product, for the search through its terms
  CREATE INDEX events_by_product ON events(account_id, product_id, id);
  `,
  `
  -- An event's search terms without an index by event or a foreign key (issue 21). Those were written for each of
  -- its five or so terms at every publish (the cascade's index and a check of the event), a seventh of the store's
  -- CPU per delivery in-process (bench/micro/store-writes.ts), for one reader: the event's removal. The event now
  -- lists its own terms (search_terms, a JSON array: what its removal deletes, by primary key) and a trigger deletes
  -- them with it, whatever removes it (retention, a cascade). Events stored before get their list from their rows.
  ALTER TABLE events ADD COLUMN search_terms TEXT;
  UPDATE events SET search_terms = (SELECT json_group_array(t.term) FROM event_search_terms t WHERE t.account_id = events.account_id AND t.event_id = events.id)
    WHERE EXISTS (SELECT 1 FROM event_search_terms t WHERE t.account_id = events.account_id AND t.event_id = events.id);
  CREATE TABLE event_search_terms_listed (
    account_id TEXT NOT NULL,
    term TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (account_id, term, event_id)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO event_search_terms_listed SELECT account_id, term, event_id FROM event_search_terms;
  DROP TABLE event_search_terms;
  ALTER TABLE event_search_terms_listed RENAME TO event_search_terms;
  CREATE TRIGGER events_search_terms_removed AFTER DELETE ON events WHEN OLD.search_terms IS NOT NULL BEGIN
    DELETE FROM event_search_terms WHERE account_id = OLD.account_id AND term IN (SELECT value FROM json_each(OLD.search_terms)) AND event_id = OLD.id;
  END;
  `,
  `
  -- The URL each attempt was made for: after an owner changes a webhook's URL, its history shows where each earlier
  -- attempt went, not the URL it has now. Attempts recorded before keep NULL (not known).
  ALTER TABLE attempts ADD COLUMN url TEXT;
  `,
  `
  -- The user who sent each invitation (NULL: an API client). Removing that user ends the invitations it sent (the
  -- cascade), and so does making an owner something else (src/store/team.ts): an invitation is an owner's word, and
  -- outlived the person who gave it. Invitations sent before are matched to their inviter by e-mail.
  ALTER TABLE invitations ADD COLUMN invited_by_user_id TEXT REFERENCES users(id) ON DELETE CASCADE;
  UPDATE invitations SET invited_by_user_id = (SELECT u.id FROM users u WHERE u.account_id = invitations.account_id AND u.email = invitations.invited_by);
  CREATE INDEX invitations_by_inviter ON invitations(invited_by_user_id);
  `,
  `
  -- The affiliate accounts a purchase's first event went to (a JSON array; src/store/purchase-routing.ts): its later
  -- events (a refund, a chargeback) go to those accounts alone while they are still affiliated under the sale's code,
  -- never to a new holder of the code. Purchases created before keep NULL and are routed by the code's holders now.
  ALTER TABLE purchases ADD COLUMN affiliate_accounts TEXT;
  `,
];
