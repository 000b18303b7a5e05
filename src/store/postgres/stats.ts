// Delivery health and volume, aggregated in PostgreSQL (see ../stats.ts for what counts where).
import type pg from 'pg';
import { uuidv7Floor } from '../delivery-ids.ts';
import { addTo, dayMs, hourMs, hourRow, idSlackMs, mergeHours, noCounts, truthy } from '../stats.ts';
import type { DeliveryOverview, StatsStore, WebhookHealthStats } from '../stats.ts';
import type { DeliveryStatus } from '../store.ts';
import { asWebhookId, type AccountId } from '../../domain/ids.ts';

// a window of the account's real deliveries ($1..$5): a range of the (account_id, id) index, then exact on created_at
const window = 'account_id = $1 AND id >= $2 AND id < $3 AND created_at >= $4 AND created_at < $5 AND NOT is_test';
const windowArgs = (accountId: AccountId, from: number, to: number) => [accountId, uuidv7Floor(from - idSlackMs), uuidv7Floor(to + idSlackMs), from, to];
const grouped = `status, cycle_attempts > 0 AS attempted, COUNT(*) AS n`;

const sql = {
  selectWebhooks: 'SELECT id FROM webhooks WHERE account_id = $1 ORDER BY created_at, id',
  countByWebhook: `SELECT webhook_id, ${grouped}, created_at >= $6 AS today FROM deliveries WHERE ${window} GROUP BY webhook_id, status, attempted, today`,
  hourlyByWebhook: `SELECT webhook_id, (created_at / ${hourMs}) * ${hourMs} AS hour, ${grouped} FROM deliveries WHERE ${window} GROUP BY webhook_id, hour, status, attempted`,
  lastByWebhook: `SELECT DISTINCT ON (webhook_id) webhook_id, updated_at AS at, status, last_status_code, last_error FROM deliveries
    WHERE ${window} AND attempt_count > 0 ORDER BY webhook_id, updated_at DESC`,
  // deliveries_webhook_queue: (webhook_id, lane, next_attempt_at) of pending rows; lane 1 = already attempted
  waitingRetry: `SELECT webhook_id, COUNT(*) AS n FROM deliveries WHERE webhook_id = ANY($1::text[]) AND status = 'pending' AND LEAST(attempt_count, 1) = 1
    AND NOT is_test GROUP BY webhook_id`,
  hourly: `SELECT (created_at / ${hourMs}) * ${hourMs} AS hour, ${grouped} FROM deliveries WHERE ${window} GROUP BY hour, status, attempted ORDER BY hour`,
  // nearest-rank percentiles over the window's delivered rows: rank ceil(p·n)
  latency: `WITH r AS (SELECT updated_at - created_at AS ms, ROW_NUMBER() OVER (ORDER BY updated_at - created_at) AS rn, COUNT(*) OVER () AS n
      FROM deliveries WHERE ${window} AND status = 'delivered')
    SELECT COUNT(*) AS n, MAX(CASE WHEN rn = (n * 50 + 99) / 100 THEN ms END) AS p50, MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95 FROM r`,
  slowest: `WITH r AS (SELECT webhook_id, updated_at - created_at AS ms,
        ROW_NUMBER() OVER (PARTITION BY webhook_id ORDER BY updated_at - created_at) AS rn, COUNT(*) OVER (PARTITION BY webhook_id) AS n
      FROM deliveries WHERE ${window} AND status = 'delivered')
    SELECT webhook_id, COUNT(*) AS n, AVG(ms) AS mean, MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN ms END) AS p95
    FROM r GROUP BY webhook_id ORDER BY mean DESC, webhook_id LIMIT 5`,
  failing: `SELECT webhook_id, COUNT(*) FILTER (WHERE status = 'failed' OR (status = 'skipped' AND cycle_attempts > 0)) AS failed, COUNT(*) AS total
    FROM deliveries WHERE ${window} GROUP BY webhook_id HAVING COUNT(*) FILTER (WHERE status = 'failed' OR (status = 'skipped' AND cycle_attempts > 0)) > 0
    ORDER BY failed DESC, webhook_id LIMIT 5`,
};

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function postgresStats(pool: pg.Pool): StatsStore {
  return {
    async webhookHealth(accountId, now) {
      const webhooks = (await pool.query(sql.selectWebhooks, [accountId])).rows.map((row) => asWebhookId(String(row.id)));
      const health = new Map<string, WebhookHealthStats>(webhooks.map((id) => [id, { webhookId: id, last: null, day: noCounts(), week: noCounts(), waitingRetry: 0, hourly: [] }]));
      const week = windowArgs(accountId, now - 7 * dayMs, now);
      const [counts, hours, last, waiting] = await Promise.all([
        pool.query(sql.countByWebhook, [...week, now - dayMs]),
        pool.query(sql.hourlyByWebhook, windowArgs(accountId, now - dayMs, now)),
        pool.query(sql.lastByWebhook, week),
        pool.query(sql.waitingRetry, [webhooks]),
      ]);
      for (const row of counts.rows) {
        const entry = health.get(String(row.webhook_id));
        if (!entry) continue;
        addTo(entry.week, String(row.status), truthy(row.attempted), Number(row.n));
        if (truthy(row.today)) addTo(entry.day, String(row.status), truthy(row.attempted), Number(row.n));
      }
      for (const row of hours.rows) health.get(String(row.webhook_id))?.hourly.push(...hourRow(row));
      for (const row of last.rows) {
        const entry = health.get(String(row.webhook_id));
        if (entry) entry.last = { at: Number(row.at), status: String(row.status) as DeliveryStatus, statusCode: numberOrNull(row.last_status_code), error: row.last_error === null ? null : String(row.last_error) };
      }
      for (const row of waiting.rows) { const entry = health.get(String(row.webhook_id)); if (entry) entry.waitingRetry = Number(row.n); }
      for (const entry of health.values()) entry.hourly = mergeHours(entry.hourly);
      return [...health.values()];
    },
    async deliveryOverview(accountId, from, to): Promise<DeliveryOverview> {
      const args = windowArgs(accountId, from, to);
      const [hourly, latency, slowest, failing] = await Promise.all([sql.hourly, sql.latency, sql.slowest, sql.failing].map((text) => pool.query(text, args)));
      const spread = latency!.rows[0]!;
      return {
        hourly: mergeHours(hourly!.rows.flatMap(hourRow)),
        latency: { count: Number(spread.n), p50: numberOrNull(spread.p50), p95: numberOrNull(spread.p95) },
        slowest: slowest!.rows.map((row) => ({ webhookId: asWebhookId(String(row.webhook_id)), delivered: Number(row.n), meanMs: Math.round(Number(row.mean)), p95Ms: Number(row.p95) })),
        failing: failing!.rows.map((row) => ({ webhookId: asWebhookId(String(row.webhook_id)), failed: Number(row.failed), total: Number(row.total) })),
      };
    },
  };
}
