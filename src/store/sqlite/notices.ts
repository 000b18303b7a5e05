// The notices outbox (../notices.ts): written inside the dispatcher's record transaction (noticeWriter), leased and
// settled by the notifier job, listed for the dashboard; and each account's notification settings.
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from 'uuidv7';
import type { SecretBox } from '../../security/secret-box.ts';
import { startsFailing } from '../notices.ts';
import type { ClaimedNotice, NoticeKind, NoticeLanguage, NoticeRule, NoticesStore, WebhookAlertState } from '../notices.ts';
import { toNotice } from '../rows.ts';
import { writeTransaction } from './database.ts';
import { whenUnlocked } from './lock-wait.ts';
import { asAccountId, asWebhookId, type AccountId, type DeliveryId, type WebhookId } from '../../domain/ids.ts';

/** The record step's side of the outbox: each call inserts a notice and moves the webhook's alert state, in the caller's transaction. */
export function noticeWriter(db: DatabaseSync, rule: NoticeRule) {
  // the operational webhook's channel is pending only where the account registered one; delivery.failed goes there alone
  const insert = db.prepare(`INSERT INTO notices (id, account_id, kind, webhook_id, delivery_id, reason, created_at, mail, hook, next_attempt_at)
    SELECT :id, w.account_id, :kind, w.id, :delivery, :reason, :now, :mail, CASE WHEN s.webhook_url IS NULL THEN 'skipped' ELSE 'pending' END, :now
    FROM webhooks w LEFT JOIN notification_settings s ON s.account_id = w.account_id
    WHERE w.id = :webhook AND (:hookOnly = 0 OR s.webhook_url IS NOT NULL)`);
  const markAlerted = db.prepare('UPDATE webhooks SET alerted = 1, failing_noticed_at = COALESCE(?, failing_noticed_at) WHERE id = ?');
  const add = (kind: NoticeKind, webhook: string, reason: string | null, now: number, delivery: string | null = null) =>
    insert.run({ id: uuidv7(), kind, webhook, delivery, reason, now, mail: kind === 'delivery.failed' ? 'skipped' : 'pending', hookOnly: kind === 'delivery.failed' ? 1 : 0 });
  return {
    /** After a failed attempt was counted: a disable, or the streak reaching the rule (once per failing spell, once a day at most). */
    failed(webhookId: WebhookId, state: WebhookAlertState, disabledNow: string | null, lastError: string, now: number): void {
      if (disabledNow !== null) {
        add('webhook.disabled', webhookId, disabledNow, now);
        markAlerted.run(null, webhookId);
        return;
      }
      if (startsFailing(rule, state, now)) {
        add('webhook.failing', webhookId, lastError, now);
        markAlerted.run(now, webhookId);
      }
    },
    /** A success of a webhook its owner was told about (the caller clears `alerted` with the streak). */
    recovered(webhookId: WebhookId, now: number): void { add('webhook.recovered', webhookId, null, now); },
    /** A delivery whose attempts are spent: for the operational webhook only. */
    deliveryFailed(webhookId: WebhookId, deliveryId: DeliveryId, lastError: string, now: number): void { add('delivery.failed', webhookId, lastError, now, deliveryId); },
  };
}

export function sqliteNotices(db: DatabaseSync, box: SecretBox): NoticesStore {
  const selectSettings = db.prepare('SELECT * FROM notification_settings WHERE account_id = ?');
  const upsertSettings = db.prepare(`INSERT INTO notification_settings (account_id, language, webhook_url, webhook_secret, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (account_id) DO UPDATE SET language = excluded.language, webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, updated_at = excluded.updated_at`);
  const selectList = db.prepare('SELECT * FROM notices WHERE account_id = ? ORDER BY id DESC LIMIT ?');
  const selectDue = db.prepare(`SELECT id FROM notices INDEXED BY notices_due WHERE next_attempt_at <= :now AND (lease_token IS NULL OR lease_expires_at <= :now)
    ORDER BY next_attempt_at LIMIT :limit`);
  const lease = db.prepare('UPDATE notices SET lease_token = ?, lease_expires_at = ? WHERE id = ?');
  // waiting: pending (deliveries_webhook_queue) and skipped (deliveries_unsent) rows, never the delivered ones
  const selectLeased = db.prepare(`SELECT n.*, w.name AS webhook_name, w.url AS webhook_url_now, w.enabled, w.disabled_reason, w.failure_streak,
      (SELECT COUNT(*) FROM deliveries d WHERE d.webhook_id = n.webhook_id AND d.status = 'pending')
        + (SELECT COUNT(*) FILTER (WHERE d.status = 'skipped') FROM deliveries d WHERE d.webhook_id = n.webhook_id AND d.status IN ('failed', 'skipped')) AS waiting
    FROM notices n LEFT JOIN webhooks w ON w.id = n.webhook_id WHERE n.lease_token = ?`);
  const selectRecipients = db.prepare('SELECT email FROM users WHERE account_id = ? ORDER BY created_at');
  const settle = db.prepare(`UPDATE notices SET mail = ?, hook = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_token = NULL, lease_expires_at = NULL
    WHERE id = ? AND lease_token = ? AND lease_expires_at > ?`);
  const settingsOf = (accountId: AccountId) => {
    const row = selectSettings.get(accountId);
    return {
      language: (row ? String(row.language) : 'pt-BR') as NoticeLanguage,
      webhookUrl: row?.webhook_url ? String(row.webhook_url) : null,
      webhookSecret: row?.webhook_secret ? box.open(String(row.webhook_secret)) : null,
    };
  };
  return {
    async getNotificationSettings(accountId) { return settingsOf(accountId); },
    async setNotificationSettings(accountId, settings, now) {
      const secret = settings.webhookSecret === null ? null : box.seal(settings.webhookSecret);
      return whenUnlocked(() => { upsertSettings.run(accountId, settings.language, settings.webhookUrl, secret, now); });
    },
    async listNotices(accountId, limit) { return selectList.all(accountId, limit).map(toNotice); },
    async claimNotices(now, limit, leaseMs) {
      const token = randomUUID();
      // what the notifier needs is read in the transaction too: all of it runs again while another process holds the lock
      return writeTransaction(db, () => {
        for (const row of selectDue.all({ now, limit })) lease.run(token, now + leaseMs, String(row.id));
        return selectLeased.all(token).map((row): ClaimedNotice => ({
          ...toNotice(row), leaseToken: token, settings: settingsOf(asAccountId(String(row.account_id))), waiting: Number(row.waiting),
          webhook: row.webhook_name === null ? null : {
            id: asWebhookId(String(row.webhook_id)), name: String(row.webhook_name), url: String(row.webhook_url_now), enabled: Number(row.enabled) === 1,
            disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason), failureStreak: Number(row.failure_streak),
          },
          recipients: selectRecipients.all(String(row.account_id)).map((user) => String(user.email)),
        }));
      });
    },
    async settleNotice(id, leaseToken, settlement, now) {
      return whenUnlocked(() => settle.run(settlement.mail, settlement.hook, settlement.retryAt, settlement.error, id, leaseToken, now).changes === 1);
    },
  };
}
