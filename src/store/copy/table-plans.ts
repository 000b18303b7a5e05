// What `postback copy-to-postgres` copies from SQLite into PostgreSQL, table by table. Columns are not listed here: both
// schemas have the same columns with the same names (src/store/postgres/migrations.ts says so, and copy-columns.ts
// refuses a copy where they differ), and each column is converted by its PostgreSQL type (copy-columns.ts).

export type TablePlan = {
  table: string;
  /** The source's read order: the primary key, so the target's indexes are written in order. */
  orderBy: string;
  /** Columns whose value is not the source's: state that belonged to the stopped SQLite processes (see each). */
  reset?: Record<string, null>;
};

/**
 * A lease belongs to a process of the SQLite store, which is stopped: cleared, every pending delivery is due on
 * PostgreSQL at its next_attempt_at (at once for one that was in flight), as a crashed worker's expired lease would be
 * claimed again. At-least-once, as the README promises: an attempt in flight when the SQLite server was killed may have
 * reached its receiver, and is sent again with the same event id and body. The same for a notice the notifier held.
 */
const leaseCleared = { lease_token: null, lease_expires_at: null } as const;

/** Every table, each after the tables its rows refer to, so each foreign key holds as its rows are inserted. */
export const tablePlans: readonly TablePlan[] = [
  { table: 'accounts', orderBy: 'id' },
  { table: 'api_clients', orderBy: 'client_id' },
  // tokens and sessions are hashes with an expiry: clients and dashboard users stay signed in across the move
  { table: 'access_tokens', orderBy: 'token_hash' },
  { table: 'users', orderBy: 'id' },
  { table: 'sessions', orderBy: 'token_hash' },
  { table: 'password_resets', orderBy: 'token_hash' },
  { table: 'invitations', orderBy: 'id' },
  { table: 'notification_settings', orderBy: 'account_id' },
  { table: 'products', orderBy: 'account_id, id' },
  { table: 'product_search_terms', orderBy: 'account_id, term, product_id' },
  { table: 'affiliations', orderBy: 'id' },
  { table: 'offers', orderBy: 'code' },
  { table: 'webhooks', orderBy: 'id' },
  { table: 'events', orderBy: 'account_id, id' },
  // the same terms both stores write at publish (src/domain/sale-facts.ts), found by prefix in the same byte order
  // (SQLite's BINARY collation, PostgreSQL's "C"); each event lists its own in events.search_terms
  { table: 'event_search_terms', orderBy: 'account_id, term, event_id' },
  { table: 'purchases', orderBy: 'account_id, txn' },
  { table: 'deliveries', orderBy: 'id', reset: leaseCleared },
  { table: 'attempts', orderBy: 'id' },
  { table: 'notices', orderBy: 'id', reset: leaseCleared },
  { table: 'audit_log', orderBy: 'account_id, id' },
];

/** Tables of one store without a counterpart in the other, and why nothing is copied into or out of them. */
export const notCopied: { sqlite: Record<string, string>; postgres: Record<string, string> } = {
  sqlite: {},
  postgres: {
    postback_migrations: 'the schema version: written by the migrations, which run before the copy',
    // kept by a trigger on updates of deliveries; an insert never has a lease, and every copied lease is cleared
    delivery_leases: 'the pending deliveries under a lease, kept by a trigger: none after the copy, as leases are cleared',
  },
};
