// Ingest's one transaction: dedupe, insert the event, fan out one delivery per matching webhook, and the same for
// the copy each of the sale's affiliates gets.
// Without affiliates the transaction is ONE statement (the event and all its deliveries in a data-modifying WITH),
// and so is the whole publish while this process knows the account's webhook routes: the fan-out is planned in JS
// (prepare-event.ts) on the routes it last read, and the statement inserts only if the account's routes are still
// those (a fingerprint of them, computed in the statement's own snapshot); otherwise it inserts nothing and returns
// the routes as they are, and the publish is planned again on them (measured: a sequential round trip fewer per
// publish on 2 cores, README Performance). A sale that names affiliate codes reads its routes and whether any of
// those codes is affiliated in one statement: most such sales have no affiliation here and take the two-round-trip
// path; one that has runs in a transaction, so the producer's event and every copy commit together.
import type pg from 'pg';
import type { AffiliateRouting, FanOut, NewEvent, PublishResult, Store } from '../store.ts';
import { affiliateCopy, mayShare, newDelivery } from '../publish-rules.ts';
import { inTransaction, named } from './database.ts';
import { toDelivery, toEvent, toWebhookRoute } from '../rows.ts';

// The columns a fan-out reads (toWebhookRoute's), named once for every statement below that reads routes.
const routeColumns = ['id', 'events', 'products', 'version', 'max_attempts', 'hottok_in_body', 'enabled', 'postback'];
const ofWebhook = routeColumns.map((column) => `w.${column}`).join(', ');
// the routes as one text: equal fingerprints, equal plans. Over no webhooks, ''.
const routesFingerprint = `COALESCE(md5(string_agg(row(${ofWebhook})::text, ',' ORDER BY w.id)), '')`;

const sql = {
  // an event is the same event when its id or its idempotency key was seen before, within the account
  selectExisting: `SELECT * FROM events WHERE account_id = $1 AND (id = $2 OR (idempotency_key IS NOT NULL AND idempotency_key = $3))
    ORDER BY (id = $2) DESC LIMIT 1`,
  selectRoutes: `SELECT ${ofWebhook} FROM webhooks w WHERE w.account_id = $1`,
  // the same routes, and on every row (one row with a null id when there are no webhooks) whether any of the sale's
  // codes is affiliated to its product
  selectRoutesAndShared: `SELECT ${ofWebhook}, s.shared
    FROM (SELECT EXISTS (SELECT 1 FROM affiliations a WHERE a.producer_account_id = $1 AND a.product_id = $2 AND a.affiliate_code = ANY($3::text[])) AS shared) s
    LEFT JOIN webhooks w ON w.account_id = $1`,
  selectAffiliates: `SELECT DISTINCT a.affiliate_account_id, p.share_buyer_data FROM affiliations a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    WHERE a.producer_account_id = $1 AND a.product_id = $2 AND a.affiliate_code = ANY($3::text[]) ORDER BY a.affiliate_account_id`,
  selectDeliveries: 'SELECT * FROM deliveries WHERE account_id = $1 AND event_id = $2 ORDER BY id',
  // All or nothing in one statement. ON CONFLICT DO NOTHING (on the id and on the idempotency key): two requests
  // racing with one id or key both pass the read above; the loser's insert waits for the winner's commit, inserts
  // nothing (no deliveries either: they hang off the `event` CTE), and the caller answers it as a replay. Never a
  // unique-violation error (a 500) for what is a duplicate request.
  // The join on webhooks drops a plan whose webhook was deleted since the read, instead of failing the publish.
  // $19, $21: the event's search terms (also listed on the event: its removal deletes them) and its product's.
  // $20: the fingerprint of the routes the plan was made on (null: read by the caller in this transaction or just
  // before, taken as they are). When the account's routes no longer match it, nothing is inserted and `routes`
  // carries them as they are now, with their fingerprint: the caller plans again.
  insert: `WITH routes AS MATERIALIZED (
      SELECT ${routesFingerprint} AS fingerprint FROM webhooks w WHERE w.account_id = $1
    ), event AS (
      INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at, search_terms)
      SELECT $1::text, $2::text, $3::text, $4::bigint, $5::text, $6::text, $7::text, $8::boolean, $9::text, $10::text, $11::bigint, $19::text[] FROM routes WHERE $20::text IS NULL OR routes.fingerprint = $20
      ON CONFLICT DO NOTHING RETURNING account_id, id
    ), inserted AS (
      INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, hottok_in_body, status, is_test, max_attempts, next_attempt_at, last_error, created_at, updated_at)
      SELECT plan.id, event.account_id, plan.webhook_id, event.id, $3, $6, plan.version, plan.hottok_in_body, plan.status, $8, plan.max_attempts,
        CASE WHEN plan.status = 'pending' THEN $11::bigint END, plan.last_error, $11, $11
      FROM event
      CROSS JOIN unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::int[], $17::boolean[], $18::text[]) AS plan(id, webhook_id, version, status, max_attempts, hottok_in_body, last_error)
      JOIN webhooks w ON w.id = plan.webhook_id AND w.account_id = event.account_id
      RETURNING id
    ), terms AS (
      -- the history's search terms, in the same statement: no round trip more per publish
      INSERT INTO event_search_terms (account_id, term, event_id) SELECT event.account_id, term, event.id FROM event CROSS JOIN unnest($19::text[]) AS term
      ON CONFLICT DO NOTHING
    ), product_terms AS (
      -- its product's, written once per product: for every later sale of it, each is one probe of the primary key
      INSERT INTO product_search_terms (account_id, term, product_id) SELECT event.account_id, term, $7 FROM event CROSS JOIN unnest($21::text[]) AS term
      WHERE $7::text IS NOT NULL ON CONFLICT DO NOTHING
    )
    SELECT (SELECT COUNT(*) FROM event) AS created, COALESCE((SELECT array_agg(id) FROM inserted), '{}') AS inserted,
      CASE WHEN $20::text IS NOT NULL AND (SELECT fingerprint FROM routes) <> $20 THEN (SELECT json_build_object('fingerprint', ${routesFingerprint},
        'rows', COALESCE(json_agg(json_build_object(${routeColumns.map((column) => `'${column}', w.${column}`).join(', ')})), '[]')) FROM webhooks w WHERE w.account_id = $1) END AS routes`,
};

const statements = {
  selectRoutes: named('publish_routes', sql.selectRoutes),
  selectRoutesAndShared: named('publish_routes_and_shared', sql.selectRoutesAndShared),
  insert: named('publish_insert', sql.insert),
};

/** Where statements run: the pool (each statement its own transaction) or one client inside a caller's transaction. */
type Queryable = Pick<pg.Pool, 'query'>;
type Row = Record<string, unknown>;
/** An account's routes (selectRoutes' columns) as the insert's statement last saw them, and their fingerprint. */
type KnownRoutes = { fingerprint: string; rows: Row[] };
/** `routes`: the account's webhook routes when the caller has just read them (selectRoutes' columns), else read here. */
export type PublishOn = (db: Queryable, event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting, routes?: Row[]) => Promise<PublishResult>;

/** Accounts whose routes a process remembers; past it, it forgets them all (each costs one statement more, once). */
const maxKnownAccounts = 10_000;
/** Plans made again on routes that changed meanwhile, before the publish reads them first as a caller would. */
const maxReplans = 2;

export function postgresPublish(pool: pg.Pool): Pick<Store, 'publish'> {
  const publisher = postgresPublisher();
  // what this process last saw of each account's routes: never trusted, only a guess the insert checks
  const known = new Map<string, KnownRoutes>();
  const publishShared = async (event: NewEvent, fanOut: FanOut, now: number, affiliates: AffiliateRouting): Promise<PublishResult> => {
    const { rows } = await pool.query(statements.selectRoutesAndShared([event.accountId, event.productId, affiliates.codes]));
    // an affiliation made after this read misses this sale, as a webhook made after the routes are read does
    if (rows[0]?.shared === true) return inTransaction(pool, (client) => publisher.publishOn(client, event, fanOut, now, affiliates));
    return publisher.publishOn(pool, event, fanOut, now, undefined, rows.filter((row) => row.id !== null));
  };
  const publishKnown = async (event: NewEvent, fanOut: FanOut, now: number): Promise<PublishResult> => {
    let routes: KnownRoutes = known.get(event.accountId) ?? { fingerprint: '', rows: [] };
    for (let replans = 0; ; replans++) {
      // the last turn takes the routes it was given as they are (as a caller's own read would be)
      const inserted = await publisher.insert(pool, event, routes.rows, fanOut, now, replans < maxReplans ? routes.fingerprint : null);
      if (inserted.stale === null) return publisher.finish(pool, event, inserted, fanOut, now, undefined);
      routes = inserted.stale;
      if (known.size >= maxKnownAccounts) known.clear();
      known.set(event.accountId, routes);
    }
  };
  return {
    // wakes nobody: the caller leases the new deliveries to its dispatcher (leaseNew) or announces them (announceDue)
    publish: (event, fanOut, now, affiliates) => (mayShare(event, affiliates) ? publishShared(event, fanOut, now, affiliates) : publishKnown(event, fanOut, now)),
  };
}

type Inserted = { created: boolean; deliveries: NewDeliveryRow[]; stale: KnownRoutes | null };
type NewDeliveryRow = ReturnType<typeof newDelivery>;

/**
 * The publish statements on a given connection, for callers that hold a transaction of their own (purchases).
 * With `affiliates`, `db` must be a client inside a transaction: the copies are more statements.
 */
export function postgresPublisher() {
  const replay = async (db: Queryable, event: NewEvent, existing: Row): Promise<PublishResult> => {
    const deliveries = (await db.query(sql.selectDeliveries, [event.accountId, String(existing.id)])).rows.map(toDelivery);
    return { kind: 'replayed', sameRequest: existing.request_hash === event.requestHash, event: toEvent(existing), deliveries };
  };
  const findExisting = async (db: Queryable, event: NewEvent) => (await db.query(sql.selectExisting, [event.accountId, event.id, event.idempotencyKey])).rows[0] as Row | undefined;

  /**
   * The event and its deliveries in one statement, planned on `routes`; `created` is false when the account already
   * has the id. With a `fingerprint` that the account's routes no longer match, nothing is written and `stale` holds them.
   */
  const insert = async (db: Queryable, event: NewEvent, routes: Row[], fanOut: FanOut, now: number, fingerprint: string | null = null): Promise<Inserted> => {
    const planned = fanOut(routes.map(toWebhookRoute)).map((plan) => ({ plan, delivery: newDelivery(event, plan, now) }));
    const row = (await db.query(statements.insert([event.accountId, event.id, event.event, event.creationDate, event.data, event.transaction, event.productId,
      event.isTest, event.idempotencyKey, event.requestHash, now, planned.map(({ delivery }) => delivery.id), planned.map(({ plan }) => plan.webhookId),
      planned.map(({ plan }) => plan.version), planned.map(({ plan }) => plan.status), planned.map(({ plan }) => plan.maxAttempts),
      planned.map(({ plan }) => plan.hottokInBody ?? false), planned.map(({ delivery }) => delivery.lastError), event.searchTerms?.ofEvent ?? [], fingerprint, event.searchTerms?.ofProduct ?? []]))).rows[0]!;
    const inserted = new Set(row.inserted as string[]);
    return {
      created: Number(row.created) === 1, deliveries: planned.map(({ delivery }) => delivery).filter((delivery) => inserted.has(delivery.id)),
      stale: row.routes === null ? null : (row.routes as KnownRoutes),
    };
  };

  const shareWithAffiliates = async (db: Queryable, event: NewEvent, fanOut: FanOut, now: number, affiliates: AffiliateRouting | undefined): Promise<number> => {
    if (!mayShare(event, affiliates)) return 0;
    let pending = 0;
    for (const row of (await db.query(sql.selectAffiliates, [event.accountId, event.productId, affiliates.codes])).rows) {
      // its id is the copy's own (publish-rules.ts): only the affiliate's own event under that very id could be
      // there first, a choice that costs the affiliate alone
      const copy = affiliateCopy(event, affiliates, String(row.affiliate_account_id), Number(row.share_buyer_data) === 1);
      const routes = (await db.query(statements.selectRoutes([copy.accountId]))).rows;
      pending += (await insert(db, copy, routes, fanOut, now)).deliveries.filter((delivery) => delivery.status === 'pending').length;
    }
    return pending;
  };

  /** After the insert: a replay (or a race lost) answers with the stored event; a new one shares the sale with affiliates. */
  const finish = async (db: Queryable, event: NewEvent, inserted: Inserted, fanOut: FanOut, now: number, affiliates: AffiliateRouting | undefined): Promise<PublishResult> => {
    if (!inserted.created) {
      // a replay, or a race lost: the winner has committed (the insert waited for it), and a new statement sees its row
      const winner = await findExisting(db, event);
      if (winner) return replay(db, event, winner);
      // fails closed (a 500 the client retries with the same key): never a second event for one id or key
      throw new Error(`event ${event.id} conflicted with a row that is not visible; retry the request`);
    }
    const affiliateDeliveries = await shareWithAffiliates(db, event, fanOut, now, affiliates);
    return { kind: 'created', event: { ...event, createdAt: now }, deliveries: inserted.deliveries, affiliateDeliveries };
  };

  const publishOn: PublishOn = async (db, event, fanOut, now, affiliates, routes) => {
    // Insert first: the unique id and idempotency key are the dedupe, so a new event (the common case) costs two
    // statements, and only a replay reads the existing row. Fan-out is planned before the insert, on the routes.
    const inserted = await insert(db, event, routes ?? (await db.query(statements.selectRoutes([event.accountId]))).rows, fanOut, now);
    return finish(db, event, inserted, fanOut, now, affiliates);
  };
  return { publishOn, insert, finish };
}
