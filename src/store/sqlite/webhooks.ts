// Webhook configurations: CRUD, owner-driven enable/disable, and recovery after a disable.
import type { DatabaseSync } from 'node:sqlite';
import { alreadyReported, eventTooOld, noClickId } from '../../domain/conversion.ts';
import { receiverAbort } from '../../domain/delivery.ts';
import { ownerDisabled } from '../../domain/disabled-reason.ts';
import { subscribedHook } from '../../domain/webhook.ts';
import type { NewWebhook } from '../../domain/webhook.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { conversionColumn } from '../conversion-column.ts';
import { webhookPatchColumns } from '../webhook-patch.ts';
import type { Store, Webhook, WebhookPatch } from '../store.ts';
import { writeTransaction } from './database.ts';
import { whenUnlocked } from './lock-wait.ts';
import { rotatedPrevious, toWebhook } from '../rows.ts';
import type { WebhookId } from '../../domain/ids.ts';

type WebhooksPart = Pick<Store, 'createWebhook' | 'subscribeHook' | 'getWebhook' | 'listWebhooks' | 'updateWebhook' | 'deleteWebhook' | 'countRecoverable' | 'firstRecoverable' | 'recoverWebhook' | 'rotateWebhookSecret'>;

// what a recovery sends again among a webhook's failed and skipped deliveries: not a test send, not a conversion with
// no click to attribute, repeating a sale already reported or older than its network takes, not one its receiver refused for good
const recoverable = `is_test = 0 AND last_error IS NOT '${noClickId}' AND last_error IS NOT '${alreadyReported}' AND last_error IS NOT '${receiverAbort}' AND last_error IS NOT '${eventTooOld}'`;

export function sqliteWebhooks(db: DatabaseSync, box: SecretBox): WebhooksPart {
  const read = (row: Record<string, unknown>) => toWebhook(row, box);
  const insert = db.prepare(`INSERT INTO webhooks (id, account_id, name, url, events, products, version, max_attempts, hottok_in_body, enabled, secret, hook_trigger, postback, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectOne = db.prepare('SELECT * FROM webhooks WHERE account_id = ? AND id = ?');
  const selectAll = db.prepare('SELECT * FROM webhooks WHERE account_id = ? ORDER BY created_at, id');
  const remove = db.prepare('DELETE FROM webhooks WHERE account_id = ? AND id = ?');
  const enable = db.prepare('UPDATE webhooks SET enabled = 1, disabled_reason = NULL, disabled_at = NULL, failure_streak = 0, failing_since = NULL, timeout_streak = 0, circuit_opened_at = NULL, updated_at = ? WHERE id = ?');
  const requeue = db.prepare(`UPDATE deliveries SET status = 'pending', cycle = cycle + 1, cycle_attempts = 0, max_attempts = ?,
      next_attempt_at = ?, updated_at = ?
    WHERE webhook_id = ? AND status IN ('failed', 'skipped') AND created_at >= ? AND ${recoverable}`);
  // the same rows as `requeue`, counted; both read deliveries_unsent (webhook, status, created_at of failed and skipped rows)
  const countRequeue = db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND status IN ('failed', 'skipped') AND created_at >= ?
    AND ${recoverable}`);
  const selectFirstRecoverable = db.prepare(`SELECT MIN(created_at) AS first FROM deliveries WHERE webhook_id = ? AND status IN ('failed', 'skipped')
    AND updated_at >= ? AND ${recoverable}`);

  const rotate = db.prepare('UPDATE webhooks SET secret = ?, previous_secrets = ?, updated_at = ? WHERE id = ?');

  const setFields = (webhookId: WebhookId, patch: WebhookPatch, now: number): void => {
    const columns = webhookPatchColumns(patch, now, box);
    db.prepare(`UPDATE webhooks SET ${columns.map(([column]) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...columns.map(([, value]) => value), webhookId);
  };

  const create = (accountId: string, id: WebhookId, webhook: NewWebhook, now: number): Webhook => {
    insert.run(id, accountId, webhook.name, webhook.url, JSON.stringify(webhook.events), JSON.stringify(webhook.products),
      webhook.version, webhook.maxAttempts, webhook.hottokInBody ? 1 : 0, webhook.enabled ? 1 : 0, box.seal(webhook.secret), webhook.hookTrigger ?? null, conversionColumn(webhook.postback, box), now, now);
    if (!webhook.enabled) disableWebhook(db, id, ownerDisabled, now);
    return read(selectOne.get(accountId, id)!);
  };

  return {
    async createWebhook(accountId, id, webhook, now) {
      // one transaction: a webhook made disabled is inserted and disabled together, or not at all
      return writeTransaction(db, () => create(accountId, id, webhook, now));
    },
    async subscribeHook(accountId, id, hook, now) {
      // BEGIN IMMEDIATE: the write lock is taken before the read, so another process's subscribe waits for this one
      return writeTransaction(db, () => {
        const existing = subscribedHook(selectAll.all(accountId).map(read), hook);
        return existing ? { created: false, webhook: existing } : { created: true, webhook: create(accountId, id, hook, now) };
      });
    },
    async getWebhook(accountId, webhookId) {
      const row = selectOne.get(accountId, webhookId);
      return row ? read(row) : null;
    },
    async listWebhooks(accountId) {
      return selectAll.all(accountId).map(read);
    },
    async updateWebhook(accountId, webhookId, patch, now) {
      return writeTransaction(db, (): Webhook | null => {
        const before = selectOne.get(accountId, webhookId);
        if (!before) return null;
        setFields(webhookId, patch, now);
        if (patch.enabled === true && Number(before.enabled) === 0) enable.run(now, webhookId);
        if (patch.enabled === false && Number(before.enabled) === 1) {
          disableWebhook(db, webhookId, ownerDisabled, now);
        }
        return read(selectOne.get(accountId, webhookId)!);
      });
    },
    async deleteWebhook(accountId, webhookId) {
      return whenUnlocked(() => remove.run(accountId, webhookId).changes === 1);
    },
    async rotateWebhookSecret(accountId, webhookId, secret, now, overlapMs) {
      return writeTransaction(db, () => {
        const row = selectOne.get(accountId, webhookId);
        if (!row) return null;
        rotate.run(box.seal(secret), rotatedPrevious(row, now, now + overlapMs), now, webhookId);
        return read(selectOne.get(accountId, webhookId)!);
      });
    },
    async countRecoverable(accountId, webhookId, since) {
      if (!selectOne.get(accountId, webhookId)) return null;
      return Number(countRequeue.get(webhookId, since)!.n);
    },
    async firstRecoverable(accountId, webhookId, settledFrom) {
      if (!selectOne.get(accountId, webhookId)) return null;
      const first = selectFirstRecoverable.get(webhookId, settledFrom)?.first;
      return first === null || first === undefined ? null : Number(first);
    },
    async recoverWebhook(accountId, webhookId, since, now, maxAttempts) {
      return writeTransaction(db, () => {
        if (!selectOne.get(accountId, webhookId)) return null;
        enable.run(now, webhookId);
        const requeued = Number(requeue.run(maxAttempts, now, now, webhookId, since).changes);
        return { webhook: read(selectOne.get(accountId, webhookId)!), requeued };
      });
    },
  };
}


/** Shared with the dispatcher's record step: disables a webhook and skips its idle pending deliveries. */
export function disableWebhook(db: DatabaseSync, webhookId: WebhookId, reason: string, now: number): void {
  db.prepare('UPDATE webhooks SET enabled = 0, disabled_reason = ?, disabled_at = ?, updated_at = ? WHERE id = ?').run(reason, now, now, webhookId);
  db.prepare(`UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, updated_at = ?
    WHERE webhook_id = ? AND status = 'pending' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)`).run(now, webhookId, now);
  // a leased delivery is in flight: it settles itself, and becomes skipped rather than retrying
}
