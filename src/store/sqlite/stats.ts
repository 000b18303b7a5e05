// Delivery health and volume, aggregated in SQLite (see ../stats.ts for what counts where).
import type { DatabaseSync } from 'node:sqlite';
import { uuidv7Floor } from '../delivery-ids.ts';
import { addTo, dayMs, hourMs, hourRow, idSlackMs, mergeHours, noCounts, truthy } from '../stats.ts';
import type { DeliveryOverview, StatsStore, WebhookHealthStats } from '../stats.ts';
import type { DeliveryStatus } from '../store.ts';
import { asWebhookId, type AccountId } from '../../domain/ids.ts';

// a window of the account's real deliveries: a range of the (account_id, id) index, then exact on created_at
const window = 'account_id = ? AND id >= ? AND id < ? AND created_at >= ? AND created_at < ? AND is_test = 0';
const windowArgs = (accountId: AccountId, from: number, to: number) => [accountId, uuidv7Floor(from - idSlackMs), uuidv7Floor(to + idSlackMs), from, to];

export function sqliteStats(db: DatabaseSync): StatsStore {
  const selectWebhooks = db.prepare('SELECT id FROM webhooks WHERE account_id = ? ORDER BY created_at, id');
  const countByWebhook = db.prepare(`SELECT webhook_id, status, cycle_attempts > 0 AS attempted, created_at >= ? AS today, COUNT(*) AS n
    FROM deliveries WHERE ${window} GROUP BY webhook_id, status, attempted, today`);
  const hourlyByWebhook = db.prepare(`SELECT webhook_id, (created_at / ${hourMs}) * ${hourMs} AS hour, status, cycle_attempts > 0 AS attempted, COUNT(*) AS n
    FROM deliveries WHERE ${window} GROUP BY webhook_id, hour, status, attempted`);
  // SQLite's bare columns: status, code and error come from the row holding MAX(updated_at)
  const lastByWebhook = db.prepare(`SELECT webhook_id, MAX(updated_at) AS at, status, last_status_code, last_error FROM deliveries
    WHERE ${window} AND attempt_count > 0 GROUP BY webhook_id`);
  // deliveries_webhook_queue: (webhook_id, lane, next_attempt_at) of pending rows; lane 1 = already attempted
  const waitingRetry = db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE webhook_id = ? AND status = 'pending' AND MIN(attempt_count, 1) = 1 AND is_test = 0`);
  const hourly = db.prepare(`SELECT (created_at / ${hourMs}) * ${hourMs} AS hour, status, cycle_attempts > 0 AS attempted, COUNT(*) AS n
    FROM deliveries WHERE ${window} GROUP BY hour, status, attempted ORDER BY hour`);
  // nearest-rank percentiles over the window's delivered rows: rank ceil(p·n)
  const latency = db.prepare(`WITH r AS (SELECT updated_at - created_at AS ms, ROW_NUMBER() OVER (ORDER BY updated_at - created_at) AS rn, COUNT(*) OVER () AS n
      FROM deliveries WHERE ${window} AND status = 'delivered')
    SELECT COUNT(*) AS n, MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN ms END) AS p50, MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95 FROM r`);
  const slowest = db.prepare(`WITH r AS (SELECT webhook_id, updated_at - created_at AS ms,
        ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY updated_at - created_at) AS rn, COUNT(*) OVER (PARTITION BY webhook_id) AS n
      FROM deliveries WHERE ${window} AND status = 'delivered')
    SELECT webhook_id, COUNT(*) AS n, AVG(ms) AS mean, MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95
    FROM r GROUP BY webhook_id ORDER BY mean DESC, webhook_id LIMIT 5`);
  const failing = db.prepare(`SELECT webhook_id, SUM(status = 'failed' OR (status = 'skipped' AND cycle_attempts > 0)) AS failed, COUNT(*) AS total
    FROM deliveries WHERE ${window} GROUP BY webhook_id HAVING failed > 0 ORDER BY failed DESC, webhook_id LIMIT 5`);

  return {
    async webhookHealth(accountId, now) {
      const health = new Map<string, WebhookHealthStats>(selectWebhooks.all(accountId).map((row) => [String(row.id), {
        webhookId: asWebhookId(String(row.id)), last: null, day: noCounts(), week: noCounts(), waitingRetry: 0, hourly: [],
      }]));
      const week = windowArgs(accountId, now - 7 * dayMs, now);
      for (const row of countByWebhook.all(now - dayMs, ...week)) {
        const entry = health.get(String(row.webhook_id));
        if (!entry) continue;
        addTo(entry.week, String(row.status), truthy(row.attempted), Number(row.n));
        if (truthy(row.today)) addTo(entry.day, String(row.status), truthy(row.attempted), Number(row.n));
      }
      for (const row of hourlyByWebhook.all(...windowArgs(accountId, now - dayMs, now))) health.get(String(row.webhook_id))?.hourly.push(...hourRow(row));
      for (const row of lastByWebhook.all(...week)) {
        const entry = health.get(String(row.webhook_id));
        if (entry) entry.last = { at: Number(row.at), status: String(row.status) as DeliveryStatus, statusCode: row.last_status_code === null ? null : Number(row.last_status_code), error: row.last_error === null ? null : String(row.last_error) };
      }
      for (const entry of health.values()) {
        entry.waitingRetry = Number(waitingRetry.get(entry.webhookId)!.n);
        entry.hourly = mergeHours(entry.hourly);
      }
      return [...health.values()];
    },
    async deliveryOverview(accountId, from, to): Promise<DeliveryOverview> {
      const args = windowArgs(accountId, from, to);
      const spread = latency.get(...args)!;
      return {
        hourly: mergeHours(hourly.all(...args).flatMap(hourRow)),
        latency: { count: Number(spread.n), p50: spread.p50 === null ? null : Number(spread.p50), p95: spread.p95 === null ? null : Number(spread.p95) },
        slowest: slowest.all(...args).map((row) => ({ webhookId: asWebhookId(String(row.webhook_id)), delivered: Number(row.n), meanMs: Math.round(Number(row.mean)), p95Ms: Number(row.p95) })),
        failing: failing.all(...args).map((row) => ({ webhookId: asWebhookId(String(row.webhook_id)), failed: Number(row.failed), total: Number(row.total) })),
      };
    },
  };
}
