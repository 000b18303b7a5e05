// Ingest's one transaction: dedupe, insert the event, fan out one delivery per matching webhook.
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from 'uuidv7';
import type { SecretBox } from '../../security/secret-box.ts';
import type { DeliveryPlan, NewEvent, PublishResult, Store, Webhook } from '../store.ts';
import { inTransaction } from './database.ts';
import { toDelivery, toEvent, toWebhook } from './rows.ts';

export type PublishWithin = (event: NewEvent, fanOut: (webhooks: Webhook[]) => DeliveryPlan[], now: number) => PublishResult;

export function sqlitePublish(db: DatabaseSync, box: SecretBox): Pick<Store, 'publish'> {
  const publishWithin = sqlitePublisher(db, box);
  return { async publish(event, fanOut, now) { return inTransaction(db, () => publishWithin(event, fanOut, now)); } };
}

/** The publish statements without a transaction of their own, for callers that already hold one (purchases). */
export function sqlitePublisher(db: DatabaseSync, box: SecretBox): PublishWithin {
  // an event is the same event when its id or its idempotency key was seen before, within the account
  const selectExisting = db.prepare(`SELECT * FROM events WHERE account_id = ? AND (id = ? OR (idempotency_key IS NOT NULL AND idempotency_key = ?))
    ORDER BY (id = ?) DESC LIMIT 1`);
  const selectWebhooks = db.prepare('SELECT * FROM webhooks WHERE account_id = ?');
  const insertEvent = db.prepare(`INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertDelivery = db.prepare(`INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, status, is_test, max_attempts, next_attempt_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`);
  const selectDeliveries = db.prepare('SELECT * FROM deliveries WHERE account_id = ? AND event_id = ? ORDER BY id');

  return (event, fanOut, now) => {
    const existing = selectExisting.get(event.accountId, event.id, event.idempotencyKey, event.id);
    if (existing) {
      const deliveries = selectDeliveries.all(event.accountId, String(existing.id)).map(toDelivery);
      return { kind: 'replayed', sameRequest: existing.request_hash === event.requestHash, event: toEvent(existing), deliveries };
    }
    const plans = fanOut(selectWebhooks.all(event.accountId).map((row) => toWebhook(row, box)));
    insertEvent.run(event.accountId, event.id, event.event, event.creationDate, event.data, event.transaction, event.productId,
      event.isTest ? 1 : 0, event.idempotencyKey, event.requestHash, now);
    const deliveries = plans.map((plan) => toDelivery(insertDelivery.get(uuidv7(), event.accountId, plan.webhookId, event.id, event.event,
      event.transaction, plan.version, plan.status, event.isTest ? 1 : 0, plan.maxAttempts, plan.status === 'pending' ? now : null, now, now)!));
    return { kind: 'created', event: { ...event, createdAt: now }, deliveries };
  };
}
