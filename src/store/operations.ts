// What operators ask of the database: is it there and on this build's schema (readiness), and how much work waits
// (metrics). Read-only and cross-account on purpose: these are the platform's own figures, never shown to a tenant.

export type SchemaStatus = {
  /** The schema version the database is at. */
  version: number;
  /** The version this build's migrations bring it to: anything else means another build migrated it, or none did. */
  expected: number;
};

/** Pending deliveries by where they stand at `now`, across all accounts. */
export type DeliveryBacklog = {
  /** Claimable now: their time has come and no live lease holds them (expired leases included). */
  due: number;
  /** Waiting for a later attempt (a retry's schedule, a receiver's Retry-After). */
  scheduled: number;
  /** Held by a live lease: being sent. */
  inFlight: number;
  /** Leased, but the lease ran out before an attempt was recorded: a stopped or stalled worker's, the next claim reclaims them. */
  expiredLeases: number;
  /** When the longest-waiting due delivery became due, or null when none is due. */
  oldestDueAt: number | null;
};

export type WriteFailure = { at: number; error: string };

export type OperationsStore = {
  /** One round trip: rejects when the database does not answer. */
  schemaStatus(): Promise<SchemaStatus>;
  /** Reads every pending delivery's index entry: cheap while the backlog is small, callers cache it (metrics: 10 s). */
  deliveryBacklog(now: number): Promise<DeliveryBacklog>;
  /** Webhooks by state: enabled, or disabled (automatically or by their owner). */
  webhookCounts(): Promise<{ enabled: number; disabled: number }>;
  /** PostgreSQL's connection pool right now; null for SQLite (one connection in the process). */
  connectionPool(): { total: number; idle: number; waiting: number } | null;
  /**
   * The last write transaction that failed as a whole (a full disk, a file another process holds past the busy
   * timeout), until one commits again; a read still answers meanwhile. Null on PostgreSQL, whose failing writes fail
   * its statements and its probe alike.
   */
  lastWriteFailure(): WriteFailure | null;
};
