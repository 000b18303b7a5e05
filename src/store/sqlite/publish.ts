// Ingest's one transaction: dedupe, insert the event, fan out one delivery per matching webhook, and the same for
// the copy each of the sale's affiliates gets.
import type { DatabaseSync } from 'node:sqlite';
import type { AffiliateRouting, DeliverySummary, FanOut, NewEvent, PublishResult, Store } from '../store.ts';
import { affiliateCopy, affiliateTargets, mayShare, newDelivery } from '../publish-rules.ts';
import type { GroupCommit } from './group-commit.ts';
import { toDelivery, toEvent, toWebhookRoute } from '../rows.ts';
import { asRepeat } from '../../domain/fan-out.ts';

export type PublishWithin = (event: NewEvent, fanOut: FanOut, now: number, affiliates?: AffiliateRouting) => PublishResult;

/** Publishes are group-committed (group-commit.ts): those of one event-loop turn share a transaction; each resolves after its COMMIT. */
export function sqlitePublish(db: DatabaseSync, writes: GroupCommit): Pick<Store, 'publish'> {
  const publishWithin = sqlitePublisher(db);
  return { publish: (event, fanOut, now, affiliates) => writes.enqueue(() => publishWithin(event, fanOut, now, affiliates)) };
}

/** The publish statements without a transaction of their own, for callers that already hold one (purchases). */
export function sqlitePublisher(db: DatabaseSync): PublishWithin {
  // an event is the same event when its id or its idempotency key was seen before, within the account
  const selectExisting = db.prepare(`SELECT * FROM events WHERE account_id = ? AND (id = ? OR (idempotency_key IS NOT NULL AND idempotency_key = ?))
    ORDER BY (id = ?) DESC LIMIT 1`);
  const selectRoutes = db.prepare('SELECT id, events, products, version, max_attempts, hottok_in_body, enabled, postback FROM webhooks WHERE account_id = ?');
  // the event lists its own search terms: what its removal deletes (a trigger, migration 17)
  const insertEvent = db.prepare(`INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at, search_terms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const insertDelivery = db.prepare(`INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, hottok_in_body, status, is_test, max_attempts,
    next_attempt_at, last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  // a replay's deliveries: without INDEXED BY the planner (no statistics) reads them through deliveries_history, which
  // gives the ORDER BY for free but walks every delivery of the account (measured 33 to 91 ms against 0.3 ms with
  // 33,000 deliveries in the account, on a loaded machine; it grows with the history); the event's own rows are a few
  const selectDeliveries = db.prepare('SELECT * FROM deliveries INDEXED BY deliveries_by_event WHERE account_id = ? AND event_id = ? ORDER BY id');
  // whether a conversion plan (fan-out's unlessReported) repeats one its webhook has made for this sale and event, not
  // as a test, and not failed for good. Through the sale's few events (events_by_transaction), then each one's
  // deliveries (deliveries_by_event); deliveries have no index of their own by transaction. CROSS JOIN keeps that
  // order: left to the planner (no statistics) it walked every delivery of the webhook, or of the account. Run only
  // for such plans: an account without a conversion postback never reaches it. Exact here: a publish's transaction
  // holds the write lock, so an earlier publish of the sale, even one in the same group commit, has written its rows
  const selectReported = db.prepare(`SELECT 1 FROM events e CROSS JOIN deliveries d ON d.account_id = e.account_id AND d.event_id = e.id
    WHERE e.account_id = ? AND e.txn = ? AND e.event = ? AND d.webhook_id = ? AND d.is_test = 0 AND d.status IN ('pending', 'delivered') LIMIT 1`);
  const insertTerm = db.prepare('INSERT OR IGNORE INTO event_search_terms (account_id, term, event_id) VALUES (?, ?, ?)');
  // a product's terms are written once per product: for every later sale of it, each is one lookup of the primary key
  const insertProductTerm = db.prepare('INSERT OR IGNORE INTO product_search_terms (account_id, term, product_id) VALUES (?, ?, ?)');
  // each matched affiliation with its code: an affiliate's copy names only the codes that routed it there
  const selectAffiliates = db.prepare(`SELECT a.affiliate_account_id, a.affiliate_code, p.share_buyer_data FROM affiliations a
    JOIN products p ON p.account_id = a.producer_account_id AND p.id = a.product_id
    WHERE a.producer_account_id = ? AND a.product_id = ? AND a.affiliate_code IN (SELECT value FROM json_each(?)) ORDER BY a.affiliate_account_id, a.affiliate_code`);

  /** Inserts the event and its deliveries; none when the account already has an event with this id. */
  const insert = (event: NewEvent, fanOut: FanOut, now: number): DeliverySummary[] => {
    const plans = fanOut(selectRoutes.all(event.accountId).map(toWebhookRoute));
    const terms = event.searchTerms?.ofEvent ?? [];
    const inserted = insertEvent.run(event.accountId, event.id, event.event, event.creationDate, event.data, event.transaction, event.productId,
      event.isTest ? 1 : 0, event.idempotencyKey, event.requestHash, now, terms.length > 0 ? JSON.stringify(terms) : null);
    if (inserted.changes === 0) return [];
    for (const term of terms) insertTerm.run(event.accountId, term, event.id);
    if (event.productId !== null) for (const term of event.searchTerms?.ofProduct ?? []) insertProductTerm.run(event.accountId, term, event.productId);
    return plans.map((planned) => {
      const repeat = planned.unlessReported === true && event.transaction !== null
        && selectReported.get(event.accountId, event.transaction, event.event, planned.webhookId) !== undefined;
      const plan = repeat ? asRepeat(planned) : planned;
      const delivery = newDelivery(event, plan, now);
      insertDelivery.run(delivery.id, event.accountId, plan.webhookId, event.id, event.event, event.transaction, plan.version, plan.hottokInBody ? 1 : 0, plan.status,
        event.isTest ? 1 : 0, plan.maxAttempts, delivery.nextAttemptAt, delivery.lastError, now, now);
      return delivery;
    });
  };

  const shareWithAffiliates = (event: NewEvent, fanOut: FanOut, now: number, affiliates: AffiliateRouting | undefined): number => {
    if (!mayShare(event, affiliates)) return 0;
    let pending = 0;
    for (const target of affiliateTargets(selectAffiliates.all(event.accountId, event.productId, JSON.stringify(affiliates.codes)), affiliates)) {
      const copy = affiliateCopy(event, affiliates, target);
      // its id is the copy's own (publish-rules.ts): only the affiliate's own event under that very id could be
      // there first, a choice that costs the affiliate alone
      pending += insert(copy, fanOut, now).filter((delivery) => delivery.status === 'pending').length;
    }
    return pending;
  };

  return (event, fanOut, now, affiliates) => {
    const existing = selectExisting.get(event.accountId, event.id, event.idempotencyKey, event.id);
    if (existing) {
      const deliveries = selectDeliveries.all(event.accountId, String(existing.id)).map(toDelivery);
      return { kind: 'replayed', sameRequest: existing.request_hash === event.requestHash, event: toEvent(existing), deliveries };
    }
    const deliveries = insert(event, fanOut, now);
    const affiliateDeliveries = shareWithAffiliates(event, fanOut, now, affiliates);
    return { kind: 'created', event: { ...event, createdAt: now }, deliveries, affiliateDeliveries };
  };
}
