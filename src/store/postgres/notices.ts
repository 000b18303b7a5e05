// The notices outbox (../notices.ts): written inside the dispatcher's record step (noticeSql / recordFailureNotices),
// leased and settled by the notifier job, listed for the dashboard; and each account's notification settings.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PoolClient } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { SecretBox } from '../../security/secret-box.ts';
import { startsFailing } from '../notices.ts';
import type { ClaimedNotice, NoticeKind, NoticeLanguage, NoticeRule, NoticesStore, WebhookAlertState } from '../notices.ts';
import { toNotice } from '../rows.ts';
import { inTransaction } from './database.ts';
import { asAccountId, asWebhookId, type AccountId, type DeliveryId, type WebhookId } from '../../domain/ids.ts';

// the operational webhook's channel is pending only where the account registered one; delivery.failed goes there alone
const insert = `INSERT INTO notices (id, account_id, kind, webhook_id, delivery_id, reason, created_at, mail, hook, next_attempt_at)
  SELECT $1, w.account_id, $2, w.id, $3, $4, $5, $6, CASE WHEN s.webhook_url IS NULL THEN 'skipped' ELSE 'pending' END, $5
  FROM webhooks w LEFT JOIN notification_settings s ON s.account_id = w.account_id
  WHERE w.id = $7 AND ($8 = FALSE OR s.webhook_url IS NOT NULL)`;

/** After a failed attempt was counted (in the record transaction): a disable, the streak reaching the rule, attempts spent. */
export async function recordFailureNotices(db: PoolClient, rule: NoticeRule, input: {
  webhookId: WebhookId; deliveryId: DeliveryId; state: WebhookAlertState;
  disabledNow: string | null; attemptsSpent: boolean; lastError: string; now: number;
}): Promise<void> {
  const add = (kind: NoticeKind, reason: string | null, delivery: string | null = null) =>
    db.query(insert, [uuidv7(), kind, delivery, reason, input.now, kind === 'delivery.failed' ? 'skipped' : 'pending', input.webhookId, kind === 'delivery.failed']);
  const { state, now } = input;
  if (input.disabledNow !== null) {
    await add('webhook.disabled', input.disabledNow);
    await db.query('UPDATE webhooks SET alerted = TRUE WHERE id = $1', [input.webhookId]);
  } else if (startsFailing(rule, state, now)) {
    await add('webhook.failing', input.lastError);
    await db.query('UPDATE webhooks SET alerted = TRUE, failing_noticed_at = $2 WHERE id = $1', [input.webhookId, now]);
  }
  if (input.attemptsSpent) await add('delivery.failed', input.lastError, input.deliveryId);
}

const sql = {
  selectSettings: 'SELECT * FROM notification_settings WHERE account_id = $1',
  upsertSettings: `INSERT INTO notification_settings (account_id, language, webhook_url, webhook_secret, updated_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (account_id) DO UPDATE SET language = excluded.language, webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, updated_at = excluded.updated_at`,
  selectList: 'SELECT * FROM notices WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
  // SKIP LOCKED: notifiers in several workers take disjoint notices
  claim: `WITH due AS (
      SELECT id FROM notices WHERE next_attempt_at <= $1 AND (lease_token IS NULL OR lease_expires_at <= $1) ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED
    ), leased AS (
      UPDATE notices n SET lease_token = $3, lease_expires_at = $4 FROM due WHERE n.id = due.id RETURNING n.*
    )
    SELECT l.*, w.name AS webhook_name, w.url AS webhook_url_now, w.enabled, w.disabled_reason, w.failure_streak,
      -- waiting: pending (deliveries_webhook_queue) and skipped (deliveries_unsent) rows, never the delivered ones
      (SELECT COUNT(*) FROM deliveries d WHERE d.webhook_id = l.webhook_id AND d.status = 'pending')
        + (SELECT COUNT(*) FILTER (WHERE d.status = 'skipped') FROM deliveries d WHERE d.webhook_id = l.webhook_id AND d.status IN ('failed', 'skipped')) AS waiting,
      ARRAY(SELECT u.email FROM users u WHERE u.account_id = l.account_id ORDER BY u.created_at) AS recipients
    FROM leased l LEFT JOIN webhooks w ON w.id = l.webhook_id`,
  settle: `UPDATE notices SET mail = $1, hook = $2, attempts = attempts + 1, next_attempt_at = $3, last_error = $4, lease_token = NULL, lease_expires_at = NULL
    WHERE id = $5 AND lease_token = $6 AND lease_expires_at > $7`,
};

export function postgresNotices(pool: pg.Pool, box: SecretBox): NoticesStore {
  const settingsOf = async (accountId: AccountId) => {
    const row = (await pool.query(sql.selectSettings, [accountId])).rows[0];
    return {
      language: (row ? String(row.language) : 'pt-BR') as NoticeLanguage,
      webhookUrl: row?.webhook_url ? String(row.webhook_url) : null,
      webhookSecret: row?.webhook_secret ? box.open(String(row.webhook_secret)) : null,
    };
  };
  return {
    getNotificationSettings: settingsOf,
    async setNotificationSettings(accountId, settings, now) {
      await pool.query(sql.upsertSettings, [accountId, settings.language, settings.webhookUrl, settings.webhookSecret === null ? null : box.seal(settings.webhookSecret), now]);
    },
    async listNotices(accountId, limit) { return (await pool.query(sql.selectList, [accountId, limit])).rows.map(toNotice); },
    async claimNotices(now, limit, leaseMs) {
      const token = randomUUID();
      const { rows } = await inTransaction(pool, (db) => db.query(sql.claim, [now, limit, token, now + leaseMs]));
      return Promise.all(rows.map(async (row): Promise<ClaimedNotice> => ({
        ...toNotice(row), leaseToken: token, settings: await settingsOf(asAccountId(String(row.account_id))), waiting: Number(row.waiting),
        webhook: row.webhook_name === null ? null : {
          id: asWebhookId(String(row.webhook_id)), name: String(row.webhook_name), url: String(row.webhook_url_now), enabled: row.enabled === true,
          disabledReason: row.disabled_reason === null ? null : String(row.disabled_reason), failureStreak: Number(row.failure_streak),
        },
        recipients: (row.recipients as string[]).map(String),
      })));
    },
    async settleNotice(id, leaseToken, settlement, now) {
      return (await pool.query(sql.settle, [settlement.mail, settlement.hook, settlement.retryAt, settlement.error, id, leaseToken, now])).rowCount === 1;
    },
  };
}
