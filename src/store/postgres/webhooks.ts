// Webhook configurations: CRUD, owner-driven enable/disable, and recovery after a disable.
import type pg from 'pg';
import type { PoolClient } from 'pg';
import { alreadyReported, eventTooOld, noClickId } from '../../domain/conversion.ts';
import { receiverAbort } from '../../domain/delivery.ts';
import { ownerDisabled } from '../../domain/disabled-reason.ts';
import { subscribedHook } from '../../domain/webhook.ts';
import type { NewWebhook } from '../../domain/webhook.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { conversionColumn } from '../conversion-column.ts';
import { webhookPatchColumns } from '../webhook-patch.ts';
import type { Store, Webhook, WebhookPatch } from '../store.ts';
import { inTransaction } from './database.ts';
import { rotatedPrevious, toWebhook } from '../rows.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';

type WebhooksPart = Pick<Store, 'createWebhook' | 'subscribeHook' | 'getWebhook' | 'listWebhooks' | 'updateWebhook' | 'deleteWebhook' | 'countRecoverable' | 'firstRecoverable' | 'recoverWebhook' | 'rotateWebhookSecret'>;

// what a recovery sends again among a webhook's failed and skipped deliveries: not a test send, not a conversion with
// no click to attribute, repeating a sale already reported or older than its network takes, not one its receiver refused for good (the unqualified
// columns are the deliveries')
const recoverable = `NOT is_test AND last_error IS DISTINCT FROM '${noClickId}' AND last_error IS DISTINCT FROM '${alreadyReported}' AND last_error IS DISTINCT FROM '${receiverAbort}' AND last_error IS DISTINCT FROM '${eventTooOld}'`;

const sql = {
  insert: `INSERT INTO webhooks (id, account_id, name, url, events, products, version, max_attempts, hottok_in_body, enabled, secret, hook_trigger, postback, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
  selectOne: 'SELECT * FROM webhooks WHERE account_id = $1 AND id = $2',
  // FOR UPDATE: a read-modify-write (patch, rotation) must not interleave with another on the same webhook
  selectOneForUpdate: 'SELECT * FROM webhooks WHERE account_id = $1 AND id = $2 FOR UPDATE',
  selectAll: 'SELECT * FROM webhooks WHERE account_id = $1 ORDER BY created_at, id',
  // subscribes to one account, one at a time (a lock of the transaction's, on nothing else: publishes never wait)
  lockSubscribes: "SELECT pg_advisory_xact_lock(hashtextextended('postback.subscribe:' || $1, 0))",
  remove: 'DELETE FROM webhooks WHERE account_id = $1 AND id = $2',
  enable: 'UPDATE webhooks SET enabled = TRUE, disabled_reason = NULL, disabled_at = NULL, failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, updated_at = $1 WHERE id = $2',
  requeue: `UPDATE deliveries SET status = 'pending', cycle = cycle + 1, cycle_attempts = 0, max_attempts = $1, next_attempt_at = $2, updated_at = $2
    WHERE webhook_id = $3 AND status IN ('failed', 'skipped') AND created_at >= $4 AND ${recoverable}`,
  // the same rows as `requeue`, counted, and only for the account's own webhook (no row: no such webhook)
  countRequeue: `SELECT (SELECT COUNT(*) FROM deliveries WHERE webhook_id = w.id AND status IN ('failed', 'skipped') AND created_at >= $3
      AND ${recoverable}) AS n
    FROM webhooks w WHERE w.account_id = $1 AND w.id = $2`,
  firstRecoverable: `SELECT MIN(created_at) AS first FROM deliveries WHERE webhook_id = (SELECT id FROM webhooks WHERE account_id = $1 AND id = $2)
    AND status IN ('failed', 'skipped') AND updated_at >= $3 AND ${recoverable}`,
  rotate: 'UPDATE webhooks SET secret = $1, previous_secrets = $2, updated_at = $3 WHERE id = $4',
  disable: 'UPDATE webhooks SET enabled = FALSE, disabled_reason = $1, disabled_at = $2, updated_at = $2 WHERE id = $3',
  // a leased delivery is in flight: it settles itself, and becomes skipped rather than retrying
  skipIdle: `UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, updated_at = $1
    WHERE webhook_id = $2 AND status = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at <= $1)`,
};

export function postgresWebhooks(pool: pg.Pool, box: SecretBox, due: { poke(): void }): WebhooksPart {
  const read = (row: Record<string, unknown>) => toWebhook(row, box);
  const selectOne = async (db: pg.Pool | PoolClient, accountId: AccountId, webhookId: WebhookId, lock = false) =>
    (await db.query(lock ? sql.selectOneForUpdate : sql.selectOne, [accountId, webhookId])).rows[0] as Record<string, unknown> | undefined;

  const setFields = async (db: PoolClient, webhookId: WebhookId, patch: WebhookPatch, now: number): Promise<void> => {
    const columns = webhookPatchColumns(patch, now, box);
    const assignments = columns.map(([column], i) => `${column} = $${i + 1}`).join(', ');
    await db.query(`UPDATE webhooks SET ${assignments} WHERE id = $${columns.length + 1}`, [...columns.map(([, value]) => value), webhookId]);
  };

  const create = async (db: PoolClient, accountId: AccountId, id: WebhookId, webhook: NewWebhook, now: number): Promise<Webhook> => {
    await db.query(sql.insert, [id, accountId, webhook.name, webhook.url, JSON.stringify(webhook.events), JSON.stringify(webhook.products),
      webhook.version, webhook.maxAttempts, webhook.hottokInBody ?? false, webhook.enabled, box.seal(webhook.secret), webhook.hookTrigger ?? null, conversionColumn(webhook.postback, box), now, now]);
    if (!webhook.enabled) await disableWebhook(db, id, ownerDisabled, now);
    return read((await selectOne(db, accountId, id))!);
  };

  return {
    async createWebhook(accountId, id, webhook, now) {
      return inTransaction(pool, (db) => create(db, accountId, id, webhook, now));
    },
    async subscribeHook(accountId, id, hook, now) {
      return inTransaction(pool, async (db) => {
        await db.query(sql.lockSubscribes, [accountId]);
        const existing = subscribedHook((await db.query(sql.selectAll, [accountId])).rows.map(read), hook);
        return existing ? { created: false, webhook: existing } : { created: true, webhook: await create(db, accountId, id, hook, now) };
      });
    },
    async getWebhook(accountId, webhookId) {
      const row = await selectOne(pool, accountId, webhookId);
      return row ? read(row) : null;
    },
    async listWebhooks(accountId) {
      return (await pool.query(sql.selectAll, [accountId])).rows.map(read);
    },
    async updateWebhook(accountId, webhookId, patch, now) {
      return inTransaction(pool, async (db): Promise<Webhook | null> => {
        const before = await selectOne(db, accountId, webhookId, true);
        if (!before) return null;
        await setFields(db, webhookId, patch, now);
        if (patch.enabled === true && before.enabled === false) await db.query(sql.enable, [now, webhookId]);
        if (patch.enabled === false && before.enabled === true) await disableWebhook(db, webhookId, ownerDisabled, now);
        return read((await selectOne(db, accountId, webhookId))!);
      });
    },
    async deleteWebhook(accountId, webhookId) {
      return (await pool.query(sql.remove, [accountId, webhookId])).rowCount === 1;
    },
    async rotateWebhookSecret(accountId, webhookId, secret, now, overlapMs) {
      return inTransaction(pool, async (db) => {
        const row = await selectOne(db, accountId, webhookId, true);
        if (!row) return null;
        await db.query(sql.rotate, [box.seal(secret), rotatedPrevious(row, now, now + overlapMs), now, webhookId]);
        return read((await selectOne(db, accountId, webhookId))!);
      });
    },
    async countRecoverable(accountId, webhookId, since) {
      const row = (await pool.query(sql.countRequeue, [accountId, webhookId, since])).rows[0] as { n: string } | undefined;
      return row ? Number(row.n) : null;
    },
    async firstRecoverable(accountId, webhookId, settledFrom) {
      const first = (await pool.query(sql.firstRecoverable, [accountId, webhookId, settledFrom])).rows[0]?.first;
      return first === null || first === undefined ? null : Number(first);
    },
    async recoverWebhook(accountId, webhookId, since, now, maxAttempts) {
      const recovered = await inTransaction(pool, async (db) => {
        if (!await selectOne(db, accountId, webhookId, true)) return null;
        await db.query(sql.enable, [now, webhookId]);
        const requeued = (await db.query(sql.requeue, [maxAttempts, now, webhookId, since])).rowCount ?? 0;
        return { webhook: read((await selectOne(db, accountId, webhookId))!), requeued };
      });
      // after the commit: idle workers in every process look for the requeued deliveries at once
      if (recovered && recovered.requeued > 0) due.poke();
      return recovered;
    },
  };
}


/**
 * Shared with the dispatcher's record step: disables a webhook and skips its idle pending deliveries. Waits on rows
 * a claim or a recorder holds (it must not skip what it cannot see). Its caller holds the webhook's row, and a
 * recorder takes that row before its delivery's (LOCK ORDER in dispatch.ts), so an owner's disable whose clock already
 * sees a lease expired, while that lease's worker records a failure, does not deadlock: the worker waits with no
 * delivery held, and then finds its delivery skipped.
 */
export async function disableWebhook(db: PoolClient, webhookId: WebhookId, reason: string, now: number): Promise<void> {
  await db.query(sql.disable, [reason, now, webhookId]);
  await db.query(sql.skipIdle, [now, webhookId]);
}
