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
];
