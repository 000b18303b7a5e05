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
];
