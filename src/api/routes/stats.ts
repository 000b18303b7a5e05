// Health at a glance, counted by the database: GET /api/v1/stats/webhooks (each configuration over 24 hours and
// 7 days) and GET /api/v1/stats/overview?hours= (deliveries per hour by outcome, publish→delivered latency, the
// slowest and the most failing configurations).
import { hourMs } from '../../store/stats.ts';
import type { Counts, HourCounts } from '../../store/stats.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { statsOverviewQuery } from '../schemas.ts';
import { overviewResponse, webhookStatsResponse } from '../stats-responses.ts';

const tags = ['Health'];

const iso = (ms: number): string => new Date(ms).toISOString();

/** Counts with their success rate: delivered over what was settled (null when nothing was). */
function presentCounts(counts: Counts) {
  const settled = counts.delivered + counts.failed;
  return { delivered: counts.delivered, failed: counts.failed, not_sent: counts.notSent, pending: counts.pending, success_rate: settled === 0 ? null : counts.delivered / settled };
}

/** The start of the first of the last `hours` clock hours up to `now` (the current one included): bars align to hours. */
const hoursStart = (now: number, hours: number): number => Math.floor(now / hourMs) * hourMs - (hours - 1) * hourMs;

/** One entry per hour from `from` (an hour's start) to `to`, oldest first, empty hours as zeros (a chart needs every bar). */
function everyHour(rows: HourCounts[], from: number, to: number) {
  const byHour = new Map(rows.map((row) => [row.hour, row]));
  const hours = [];
  for (let hour = from; hour <= to; hour += hourMs) {
    const row = byHour.get(hour);
    hours.push({ hour: iso(hour), delivered: row?.delivered ?? 0, failed: row?.failed ?? 0, not_sent: row?.notSent ?? 0, pending: row?.pending ?? 0 });
  }
  return hours;
}

export function statsRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.get('/stats/webhooks', { schema: {
      summary: 'Each configuration\'s health: its last delivery, outcomes and success rate over 24 hours and 7 days, what waits to retry', tags,
      response: { 200: webhookStatsResponse },
    } }, async (request) => {
      const now = deps.clock();
      const health = await deps.store.webhookHealth(request.accountId, now);
      return {
        generated_at: iso(now),
        items: health.map((entry) => ({
          webhook_id: entry.webhookId,
          last: entry.last && { at: iso(entry.last.at), status: entry.last.status, status_code: entry.last.statusCode, error: entry.last.error },
          last_24h: presentCounts(entry.day),
          last_7d: presentCounts(entry.week),
          waiting_retry: entry.waitingRetry,
          hourly: everyHour(entry.hourly.filter((row) => row.hour >= hoursStart(now, 24)), hoursStart(now, 24), now),
        })),
      };
    });
    app.get('/stats/overview', { schema: {
      summary: 'Deliveries per hour by outcome, publish→delivered latency, the slowest and the most failing configurations', tags,
      querystring: statsOverviewQuery, response: { 200: overviewResponse },
      examples: [{ name: 'week', summary: 'The last 7 days', query: { hours: 168 } }],
    } }, async (request) => {
      const { hours } = request.query;
      const to = deps.clock();
      const from = hoursStart(to, hours);
      const overview = await deps.store.deliveryOverview(request.accountId, from, to + 1);
      return {
        from: iso(from),
        to: iso(to),
        hourly: everyHour(overview.hourly, from, to),
        latency: { count: overview.latency.count, p50_ms: overview.latency.p50, p95_ms: overview.latency.p95 },
        slowest: overview.slowest.map((item) => ({ webhook_id: item.webhookId, delivered: item.delivered, mean_ms: item.meanMs, p95_ms: item.p95Ms })),
        failing: overview.failing.map((item) => ({ webhook_id: item.webhookId, failed: item.failed, total: item.total, failure_rate: item.failed / item.total })),
      };
    });
  };
}
