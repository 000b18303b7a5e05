// Ingest's one transaction: dedupe, insert the event, fan out one delivery per matching webhook.
import type pg from 'pg';
import type { PoolClient } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { SecretBox } from '../../security/secret-box.ts';
import type { NewEvent, PublishResult, Store } from '../store.ts';
import { inTransaction } from './database.ts';
import { notifyDue } from './due-notifications.ts';
import { toDelivery, toEvent, toWebhook } from './rows.ts';

const sql = {
  // an event is the same event when its id or its idempotency key was seen before, within the account
  selectExisting: `SELECT * FROM events WHERE account_id = $1 AND (id = $2 OR (idempotency_key IS NOT NULL AND idempotency_key = $3))
    ORDER BY (id = $2) DESC LIMIT 1`,
  selectWebhooks: 'SELECT * FROM webhooks WHERE account_id = $1',
  // ON CONFLICT DO NOTHING (on the id and on the idempotency key): two requests racing with the same id or key do not
  // both pass the check above under READ COMMITTED; the loser waits for the winner's commit, inserts nothing, and
  // answers as a replay. Never a unique-violation error (a 500) for what is a duplicate request.
  insertEvent: `INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
  // all of an event's deliveries in one statement: one round trip whatever the fan-out
  insertDeliveries: `INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, status, is_test, max_attempts, next_attempt_at, created_at, updated_at)
    SELECT plan.id, $1, plan.webhook_id, $2, $3, $4, plan.version, plan.status, $5, plan.max_attempts,
      CASE WHEN plan.status = 'pending' THEN $6::bigint END, $6, $6
    FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::int[]) WITH ORDINALITY
      AS plan(id, webhook_id, version, status, max_attempts, position)
    ORDER BY plan.position
    RETURNING *`,
  selectDeliveries: 'SELECT * FROM deliveries WHERE account_id = $1 AND event_id = $2 ORDER BY id',
};

export function postgresPublish(pool: pg.Pool, box: SecretBox): Pick<Store, 'publish'> {
  const replay = async (db: PoolClient, event: NewEvent): Promise<PublishResult | null> => {
    const existing = (await db.query(sql.selectExisting, [event.accountId, event.id, event.idempotencyKey])).rows[0];
    if (!existing) return null;
    const deliveries = (await db.query(sql.selectDeliveries, [event.accountId, String(existing.id)])).rows.map(toDelivery);
    return { kind: 'replayed', sameRequest: existing.request_hash === event.requestHash, event: toEvent(existing), deliveries };
  };

  return {
    async publish(event, fanOut, now) {
      return inTransaction(pool, async (db): Promise<PublishResult> => {
        const seen = await replay(db, event);
        if (seen) return seen;
        const plans = fanOut((await db.query(sql.selectWebhooks, [event.accountId])).rows.map((row) => toWebhook(row, box)));
        const inserted = await db.query(sql.insertEvent, [event.accountId, event.id, event.event, event.creationDate, event.data, event.transaction,
          event.productId, event.isTest, event.idempotencyKey, event.requestHash, now]);
        if (inserted.rowCount === 0) {
          // lost the race: the winner has committed (the insert waited for it), and a new statement sees its row
          const winner = await replay(db, event);
          if (winner) return winner;
          throw new Error(`event ${event.id} conflicted with a row that is not visible; retry the request`);
        }
        const rows = plans.length === 0 ? [] : (await db.query(sql.insertDeliveries, [event.accountId, event.id, event.event, event.transaction, event.isTest, now,
          plans.map(() => uuidv7()), plans.map((plan) => plan.webhookId), plans.map((plan) => plan.version), plans.map((plan) => plan.status),
          plans.map((plan) => plan.maxAttempts)])).rows;
        const deliveries = rows.map(toDelivery).sort((a, b) => (a.id < b.id ? -1 : 1));
        // delivered at commit: idle workers in every process look for the new deliveries at once
        if (deliveries.some((delivery) => delivery.status === 'pending')) await notifyDue(db);
        return { kind: 'created', event: { ...event, createdAt: now }, deliveries };
      });
    },
  };
}
