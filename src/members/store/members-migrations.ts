// The members area's schema, one entry per version (PRAGMA user_version counts them): append, never edit.
export const membersMigrations: readonly string[] = [
  `
  -- every notification accepted (after its hottok and signature), once per event id: the dedupe key, and the facts
  -- access is decided from. outcome says what it did: 'applied', or why it changed nothing.
  CREATE TABLE events (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    format TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    email TEXT,
    buyer_name TEXT,
    language TEXT,
    product_id TEXT,
    product_name TEXT,
    txn TEXT,
    subscriber_code TEXT,
    recurrence_number INTEGER,
    date_next_charge INTEGER,
    outcome TEXT NOT NULL,
    body TEXT NOT NULL
  ) STRICT;
  CREATE INDEX events_by_student ON events(email, product_id);
  CREATE INDEX events_by_arrival ON events(received_at);

  CREATE TABLE students (
    email TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    -- null until the credentials e-mail is sent: the password is made when the mail goes, never stored in clear
    password_hash TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;

  -- the current decision per student and product; decisions keeps every change, in order, for the JSON API's feed
  CREATE TABLE enrolments (
    email TEXT NOT NULL,
    product_id TEXT NOT NULL,
    product_name TEXT NOT NULL,
    access TEXT NOT NULL,
    until INTEGER,
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    opened_at INTEGER,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (email, product_id)
  ) STRICT;
  CREATE TABLE decisions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    product_id TEXT NOT NULL,
    access TEXT NOT NULL,
    until INTEGER,
    reason TEXT NOT NULL,
    decided_at INTEGER NOT NULL
  ) STRICT;

  -- mail to send: what it is, never its secrets (a password or reset link is made when the mail goes out)
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    email TEXT NOT NULL,
    product_id TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  ) STRICT;
  CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE reset_tokens (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- when the student last chose their own password (through a reset link); null until they do. A credentials mail
  -- queued before then and tried again after must not replace it: the outbox sets its generated password only while
  -- this is null or older than the mail (students-sql.ts, setMailedPassword).
  ALTER TABLE students ADD COLUMN password_set_at INTEGER;
  `,
];
