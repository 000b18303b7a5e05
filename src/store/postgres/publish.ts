// Ingest's one transaction: dedupe, insert the event, fan out one delivery per matching webhook, and the same for
// the copy each of the sale's affiliates gets.
// Without affiliates the transaction is ONE statement (the event and all its deliveries in a data-modifying WITH),
// and so is the whole publish while this process knows the account's webhook routes: the fan-out is planned in JS
// (prepare-event.ts) on the routes it last read, and the statement inserts only if the account's routes are still
// those (a fingerprint of them, computed in the statement's own snapshot); otherwise it inserts nothing and returns
// the routes as they are, and the publish is planned again on them (measured: a sequential round trip fewer per
// publish on 2 cores, PERFORMANCE.md: a publish in one statement). Publishes that arrive while earlier ones are out
// share one statement and its transaction (batched-calls.ts). A sale that names affiliate codes takes the same way: the
// statement also checks, in its own snapshot, that none of those codes is affiliated to the sale's product (most such
// sales have no affiliation here), and when one is it writes nothing of that sale, which runs again in a transaction of
// its own so that the producer's event and every copy commit together.
import type pg from 'pg';
import type { AffiliateRouting, DeliveryPlan, FanOut, NewEvent, PublishResult, Store } from '../store.ts';
import { affiliateCopy, affiliateTargets, mayShare, newDelivery } from '../publish-rules.ts';
import { inTransaction, named } from './database.ts';
import { toDelivery, toEvent, toWebhookRoute } from '../rows.ts';
import { batchedCalls } from './batched-calls.ts';
import { alreadyReported } from '../../domain/conversion.ts';
import { asRepeat } from '../../domain/fan-out.ts';

// The columns a fan-out reads (toWebhookRoute's), named once for every statement below that reads routes.
const routeColumns = ['id', 'events', 'products', 'version', 'max_attempts', 'hottok_in_body', 'enabled', 'postback'];
const ofWebhook = routeColumns.map((column) => `w.${column}`).join(', ');
// the routes as one text: equal fingerprints, equal plans. Over no webhooks, ''.
const routesFingerprint = `COALESCE(md5(string_agg(row(${ofWebhook})::text, ',' ORDER BY w.id)), '')`;

// whether a plan is a conversion's repeat (insert's `repeats`): false, without reading them, for a plan without the flag
const isRepeat = `(CASE WHEN plan.unless_reported THEN plan.id IN (SELECT id FROM repeats) ELSE false END)`;

const sql = {
  // an event is the same event when its id or its idempotency key was seen before, within the account
  selectExisting: `SELECT * FROM events WHERE account_id = $1 AND (id = $2 OR (idempotency_key IS NOT NULL AND idempotency_key = $3))
    ORDER BY (id = $2) DESC LIMIT 1`,
  selectRoutes: `SELECT ${ofWebhook} FROM webhooks w WHERE w.account_id = $1`,
  // each matched affiliation with its code: an affiliate's copy names only the codes that routed it there (the same
  // statement as before, one column more: no round trip added to a shared sale)
  selectAffiliates: `SELECT a.affiliate_account_id, a.affiliate_code, p.share_buyer_data FROM affiliations a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    WHERE a.producer_account_id = $1 AND a.product_id = $2 AND a.affiliate_code = ANY($3::text[]) ORDER BY a.affiliate_account_id, a.affiliate_code`,
  selectDeliveries: 'SELECT * FROM deliveries WHERE account_id = $1 AND event_id = $2 ORDER BY id',
  // One or more events with their deliveries and search terms, all or nothing in ONE statement (publishes are
  // batched by postgresPublish). Each input row is one event, with its plans, its terms and its product's terms as
  // JSON (one parameter: with one array per column the planner's estimate followed the batch's size, and it planned
  // each lone publish again), and the fingerprint of the routes its plan was made on (null: read by the caller in
  // this transaction or just before, taken as they are). Inputs never share an account and id or an idempotency key
  // (batched-calls.ts keeps those apart), so the events' RETURNING names each input once. Per input, in order:
  // whether it was created, its new deliveries' ids, and, when its account's routes no longer match its fingerprint
  // (nothing of it is written), those routes as they are now with their fingerprint: the caller plans again; and
  // whether any of its `affiliate_codes` (when given) is affiliated to its product, when nothing of it is written
  // either: the caller shares the sale in a transaction of its own.
  // Events are inserted in key order: two statements that share two keys (a publisher sending the same events to
  // two processes at once) wait for each other in one order, never in a cycle.
  // ON CONFLICT DO NOTHING (on the id and on the idempotency key): two requests racing with one id or key both pass
  // the read above; the loser's insert waits for the winner's commit, inserts nothing (no deliveries either: they
  // hang off the `event` CTE), and the caller answers it as a replay. Never a unique-violation error (a 500) for what
  // is a duplicate request. The join on webhooks drops a plan whose webhook was deleted since the read, instead of
  // failing the publish. The event lists its own search terms: its removal deletes them.
  // A conversion's repeat (a plan with fan-out's `unless_reported`; the input then says `checks_repeats`) is inserted as
  // skipped, already_reported, and its id answered in `repeats`: see `repeats` below. A publish without such a plan
  // never reads it, nor takes its locks (each use is behind a CASE on the flag, which PostgreSQL evaluates first).
  insert: `WITH input AS (
      SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (account_id text, id text, event text, creation_date bigint, data text, txn text,
        product_id text, is_test boolean, idempotency_key text, request_hash text, created_at bigint, plans json, terms json, product_terms json,
        fingerprint text, affiliate_codes json, checks_repeats boolean)) WITH ORDINALITY
        AS i(account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at, plans, terms, product_terms, fingerprint,
          affiliate_codes, checks_repeats, n)
    ), repeats AS MATERIALIZED (
      -- the plans whose webhook has a delivery of this sale and event, not a test, pending or delivered, looked up by
      -- key (the migrations say more). postback_repeats first takes a lock per sale and event, in one order, held to
      -- the commit, then looks up in a snapshot taken after it: a publish of the same sale and event on another
      -- connection or process waits for this one to commit and sees its delivery, so exactly one goes. Two in one
      -- statement would not see each other: batched-calls.ts keeps them apart (postgresPublish's keysOf)
      SELECT r.n, r.id FROM postback_repeats((SELECT json_agg(json_build_object('n', i.n, 'id', plan.id, 'account_id', i.account_id, 'txn', i.txn,
          'event', i.event, 'webhook_id', plan.webhook_id))
        FROM input i CROSS JOIN json_to_recordset(i.plans) AS plan(id text, webhook_id text, unless_reported boolean)
        WHERE i.checks_repeats AND plan.unless_reported)) AS r
    ), shared AS MATERIALIZED (
      -- the affiliations' unique key probed for each code, in a function whose plan keeps to that key: this statement's
      -- plan is made once per connection, and one made on few affiliations read them all (the migration says more)
      SELECT i.n FROM input i WHERE i.affiliate_codes IS NOT NULL
        AND postback_affiliated(i.account_id, i.product_id, ARRAY(SELECT json_array_elements_text(i.affiliate_codes)))
    ), routes AS MATERIALIZED (
      SELECT a.account_id, (SELECT ${routesFingerprint} FROM webhooks w WHERE w.account_id = a.account_id) AS fingerprint
      FROM (SELECT DISTINCT account_id FROM input) a
    ), event AS (
      INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at, search_terms)
      SELECT i.account_id, i.id, i.event, i.creation_date, i.data, i.txn, i.product_id, i.is_test, i.idempotency_key, i.request_hash, i.created_at,
        ARRAY(SELECT json_array_elements_text(i.terms))
      FROM input i JOIN routes r ON r.account_id = i.account_id WHERE (i.fingerprint IS NULL OR r.fingerprint = i.fingerprint)
        AND i.n NOT IN (SELECT n FROM shared)
        -- a statement that checks repeats takes their locks before it writes any event: two statements then wait for
        -- each other at the locks, or at an event each wrote, in one order, never in a cycle (true once they are taken)
        AND (CASE WHEN i.checks_repeats THEN (SELECT COUNT(*) FROM repeats) >= 0 ELSE true END)
      ORDER BY i.account_id, i.id
      ON CONFLICT DO NOTHING RETURNING account_id, id
    ), inserted AS (
      INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, hottok_in_body, status, is_test, max_attempts, next_attempt_at, last_error, created_at, updated_at)
      SELECT plan.id, e.account_id, plan.webhook_id, e.id, i.event, i.txn, plan.version, plan.hottok_in_body,
        CASE WHEN ${isRepeat} THEN 'skipped' ELSE plan.status END, i.is_test, plan.max_attempts,
        CASE WHEN plan.status = 'pending' AND NOT ${isRepeat} THEN i.created_at END, CASE WHEN ${isRepeat} THEN '${alreadyReported}' ELSE plan.last_error END,
        i.created_at, i.created_at
      FROM event e JOIN input i ON i.account_id = e.account_id AND i.id = e.id
      CROSS JOIN json_to_recordset(i.plans) AS plan(id text, webhook_id text, version text, status text, max_attempts int, hottok_in_body boolean, last_error text,
        unless_reported boolean)
      JOIN webhooks w ON w.id = plan.webhook_id AND w.account_id = e.account_id
      RETURNING id, account_id, event_id
    ), terms AS (
      -- the history's search terms, in the same statement: no round trip more per publish
      INSERT INTO event_search_terms (account_id, term, event_id)
      SELECT e.account_id, term, e.id FROM event e JOIN input i ON i.account_id = e.account_id AND i.id = e.id CROSS JOIN json_array_elements_text(i.terms) AS term
      ON CONFLICT DO NOTHING
    ), product_terms AS (
      -- its product's, written once per product: for every later sale of it, each is one probe of the primary key
      INSERT INTO product_search_terms (account_id, term, product_id)
      SELECT DISTINCT e.account_id, term, i.product_id FROM event e JOIN input i ON i.account_id = e.account_id AND i.id = e.id
        CROSS JOIN json_array_elements_text(i.product_terms) AS term
      WHERE i.product_id IS NOT NULL ON CONFLICT DO NOTHING
    )
    SELECT EXISTS (SELECT 1 FROM event e WHERE e.account_id = i.account_id AND e.id = i.id) AS created,
      ARRAY(SELECT d.id FROM inserted d WHERE d.account_id = i.account_id AND d.event_id = i.id) AS inserted,
      CASE WHEN i.fingerprint IS NOT NULL AND r.fingerprint <> i.fingerprint THEN (SELECT json_build_object('fingerprint', ${routesFingerprint},
        'rows', COALESCE(json_agg(json_build_object(${routeColumns.map((column) => `'${column}', w.${column}`).join(', ')})), '[]')) FROM webhooks w WHERE w.account_id = i.account_id) END AS routes,
      i.n IN (SELECT n FROM shared) AS shared,
      CASE WHEN i.checks_repeats THEN ARRAY(SELECT p.id FROM repeats p WHERE p.n = i.n) END AS repeats
    FROM input i JOIN routes r ON r.account_id = i.account_id ORDER BY i.n`,
};

const statements = {
  selectRoutes: named('publish_routes', sql.selectRoutes),
  insert: named('publish_insert', sql.insert),
};

/** Where statements run: the pool (each statement its own transaction) or one client inside a caller's transaction. */
type Queryable = Pick<pg.Pool, 'query'>;
type Row = Record<string, unknown>;
/** An account's routes (selectRoutes' columns) as the insert's statement last saw them, and their fingerprint. */
type KnownRoutes = { fingerprint: string; rows: Row[] };
/** A publish on `db` (a caller's transaction, for purchases and affiliate copies): reads the account's routes, then inserts. */
export type PublishOn = (db: Queryable, event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting) => Promise<PublishResult>;

/** Accounts whose routes a process remembers; past it, it forgets them all (each costs one statement more, once). */
const maxKnownAccounts = 10_000;
/** Plans made again on routes that changed meanwhile, before the publish reads them first as a caller would. */
const maxReplans = 2;
/** Publishes in one statement at most. */
const maxPublishBatch = 64;
/** Publish statements out at once (one per core of a small database); the publishes that come meanwhile wait and go together. */
const maxPublishesInFlight = 2;

export function postgresPublish(pool: pg.Pool): Pick<Store, 'publish'> {
  const publisher = postgresPublisher();
  // what this process last saw of each account's routes: never trusted, only a guess the insert checks
  const known = new Map<string, KnownRoutes>();
  // the publishes that arrive while earlier ones are out go together in one statement; the same id or idempotency key
  // twice never in one (batched-calls.ts), nor two that check a conversion's repeats of one sale and event: in one
  // statement neither would see the other's delivery (the insert's `repeats`)
  const insertSoon = batchedCalls<PlannedInsert, Inserted>({
    keysOf: ({ event, plans }) => [JSON.stringify(['id', event.accountId, event.id]), ...(event.idempotencyKey === null ? [] : [JSON.stringify(['key', event.accountId, event.idempotencyKey])]),
      ...(checksRepeats(plans) ? [JSON.stringify(['sale', event.accountId, event.transaction, event.event])] : [])],
    runMany: (items) => publisher.insertMany(pool, items),
    maxBatch: maxPublishBatch,
    maxInFlight: maxPublishesInFlight,
  });
  /**
   * A publish planned on the routes this process last saw. A sale that names affiliate codes is inserted the same
   * way, the statement checking that none of them is affiliated to its product; one that is writes nothing there and
   * runs in a transaction of its own, with its copies (an affiliation made after that check misses this sale, as a
   * webhook made after the routes are read does).
   */
  const publishKnown = async (event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting): Promise<PublishResult> => {
    const affiliateCodes = mayShare(event, affiliates) ? affiliates.codes : null;
    let routes: KnownRoutes = known.get(event.accountId) ?? { fingerprint: '', rows: [] };
    for (let replans = 0; ; replans++) {
      // the last turn takes the routes it was given as they are (as a caller's own read would be)
      const plans = fanOut(routes.rows.map(toWebhookRoute));
      const inserted = await insertSoon({ event, plans, now, fingerprint: replans < maxReplans ? routes.fingerprint : null, affiliateCodes });
      if (inserted.shared) return inTransaction(pool, (client) => publisher.publishOn(client, event, fanOut, now, affiliates));
      if (inserted.stale === null) return publisher.finish(pool, event, inserted, fanOut, now, undefined);
      routes = inserted.stale;
      if (known.size >= maxKnownAccounts) known.clear();
      known.set(event.accountId, routes);
    }
  };
  return {
    // wakes nobody: the caller leases the new deliveries to its dispatcher (leaseNew) or announces them (announceDue)
    publish: publishKnown,
  };
}

type Inserted = { created: boolean; deliveries: NewDeliveryRow[]; stale: KnownRoutes | null; shared: boolean };
type PlannedDelivery = { plan: DeliveryPlan; delivery: NewDeliveryRow };
/**
 * One event's insert with the plans fan-out made on the routes whose `fingerprint` it names (see insert);
 * `affiliateCodes`: the sale's, to check (null: none to check).
 */
type PlannedInsert = { event: NewEvent; plans: DeliveryPlan[]; now: number; fingerprint: string | null; affiliateCodes: string[] | null };
type NewDeliveryRow = ReturnType<typeof newDelivery>;

/** Whether the insert looks up a conversion's repeats for these plans (`checks_repeats`). */
const checksRepeats = (plans: DeliveryPlan[]): boolean => plans.some((plan) => plan.unlessReported === true);

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
   * Events and their deliveries in one statement, each planned on its `routes`; `created` is false when the account
   * already has the id. With a `fingerprint` that the account's routes no longer match, nothing of that event is
   * written and `stale` holds them. The events never share an account and id or an idempotency key.
   */
  const insertMany = async (db: Queryable, items: PlannedInsert[]): Promise<Inserted[]> => {
    const planned = items.map(({ event, plans, now }) => plans.map((plan): PlannedDelivery => ({ plan, delivery: newDelivery(event, plan, now) })));
    const { rows } = await db.query(statements.insert([JSON.stringify(items.map(({ event, now, fingerprint }, index) => ({
      account_id: event.accountId, id: event.id, event: event.event, creation_date: event.creationDate, data: event.data, txn: event.transaction,
      product_id: event.productId, is_test: event.isTest, idempotency_key: event.idempotencyKey, request_hash: event.requestHash, created_at: now,
      // unless_reported and checks_repeats are left out (undefined) unless set: a publish without a conversion sends what it did
      plans: planned[index]!.map(({ plan, delivery }) => ({ id: delivery.id, webhook_id: plan.webhookId, version: plan.version, status: plan.status,
        max_attempts: plan.maxAttempts, hottok_in_body: plan.hottokInBody ?? false, last_error: delivery.lastError, unless_reported: plan.unlessReported })),
      terms: event.searchTerms?.ofEvent ?? [], product_terms: event.searchTerms?.ofProduct ?? [], fingerprint, affiliate_codes: items[index]!.affiliateCodes,
      checks_repeats: checksRepeats(items[index]!.plans) || undefined,
    })))]));
    return rows.map((row, index) => {
      const inserted = new Set(row.inserted as string[]);
      return { created: row.created === true, deliveries: answered(items[index]!, planned[index]!, inserted, row.repeats as string[] | null),
        stale: row.routes === null ? null : (row.routes as KnownRoutes), shared: row.shared === true };
    });
  };

  /** The deliveries the statement inserted, as it inserted them: a conversion's repeat (its id in `repeats`) skipped. */
  const answered = ({ event, now }: PlannedInsert, planned: PlannedDelivery[], inserted: Set<string>, repeats: string[] | null): NewDeliveryRow[] =>
    planned.filter(({ delivery }) => inserted.has(delivery.id)).map(({ plan, delivery }) =>
      (repeats !== null && repeats.includes(delivery.id) ? { ...newDelivery(event, asRepeat(plan), now), id: delivery.id } : delivery));

  /** One event on routes read in this transaction (or just before): taken as they are, its affiliates shared by the caller. */
  const insert = async (db: Queryable, event: NewEvent, routes: Row[], fanOut: FanOut, now: number): Promise<Inserted> =>
    (await insertMany(db, [{ event, plans: fanOut(routes.map(toWebhookRoute)), now, fingerprint: null, affiliateCodes: null }]))[0]!;

  const shareWithAffiliates = async (db: Queryable, event: NewEvent, fanOut: FanOut, now: number, affiliates: AffiliateRouting | undefined): Promise<number> => {
    if (!mayShare(event, affiliates)) return 0;
    let pending = 0;
    for (const target of affiliateTargets((await db.query(sql.selectAffiliates, [event.accountId, event.productId, affiliates.codes])).rows, affiliates)) {
      // its id is the copy's own (publish-rules.ts): only the affiliate's own event under that very id could be
      // there first, a choice that costs the affiliate alone
      const copy = affiliateCopy(event, affiliates, target);
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

  const publishOn: PublishOn = async (db, event, fanOut, now, affiliates) => {
    // Insert first: the unique id and idempotency key are the dedupe, so a new event (the common case) costs two
    // statements, and only a replay reads the existing row. Fan-out is planned before the insert, on the routes.
    const inserted = await insert(db, event, (await db.query(statements.selectRoutes([event.accountId]))).rows, fanOut, now);
    return finish(db, event, inserted, fanOut, now, affiliates);
  };
  return { publishOn, insertMany, finish };
}
