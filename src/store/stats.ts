// The stats contract: health and volume of an account's deliveries, aggregated by the database (the dashboard's
// cards and overview charts never count rows in the browser). Test sends are left out: they say nothing about a
// receiver's health. A delivery counts in the window it was created in. "failed" includes deliveries whose retries
// a disable stopped; "notSent" is what was never attempted because its configuration was disabled.
//
// Windows are read through the deliveries' ids: they are the UUIDv7 of created_at (delivery-ids.ts), so
// [uuidv7Floor(from), uuidv7Floor(to)) is the time range, and (account_id, id) is an index both stores already keep
// for the history: no new index on the hot table. The id range is widened by `idSlackMs` on both sides and rows are
// then kept by created_at exactly, for rows stored before ids took created_at's time (their ids came from the
// machine's clock, a little after it); a row whose id time is further off its created_at would be missed (fails
// open: it is left out of a count, never shown to another tenant).
import type { AccountId, WebhookId } from '../domain/ids.ts';
import type { DeliveryStatus } from '../domain/delivery.ts';

export type Counts = { delivered: number; failed: number; notSent: number; pending: number };
export type HourCounts = Counts & { hour: number };

export type WebhookHealthStats = {
  webhookId: WebhookId;
  /** The newest attempted delivery of the last 7 days, if any. */
  last: { at: number; status: DeliveryStatus; statusCode: number | null; error: string | null } | null;
  day: Counts;
  week: Counts;
  /** Pending deliveries that already failed at least once: waiting for their next attempt (any age). */
  waitingRetry: number;
  /** The last 24 hours, one entry per hour with deliveries (hours without are absent). */
  hourly: HourCounts[];
};

export type DeliveryOverview = {
  hourly: HourCounts[];
  /** Publish → delivered, over the deliveries delivered in the window (nearest-rank percentiles). */
  latency: { count: number; p50: number | null; p95: number | null };
  /** Slowest configurations by mean publish → delivered, at most 5. */
  slowest: { webhookId: WebhookId; delivered: number; meanMs: number; p95Ms: number }[];
  /** Configurations with the most failures, at most 5. */
  failing: { webhookId: WebhookId; failed: number; total: number }[];
};

export type StatsStore = {
  /** Per webhook of the account; `now` ends the 24-hour and 7-day windows. */
  webhookHealth(accountId: AccountId, now: number): Promise<WebhookHealthStats[]>;
  /** The account's deliveries created in [from, to). */
  deliveryOverview(accountId: AccountId, from: number, to: number): Promise<DeliveryOverview>;
};

export const hourMs = 3_600_000;
export const idSlackMs = hourMs;
export const dayMs = 24 * hourMs;

/** What each status of a row group counts as (the SQL groups by status and whether it was attempted). */
export function addTo(counts: Counts, status: string, attempted: boolean, n: number): void {
  if (status === 'delivered') counts.delivered += n;
  else if (status === 'failed' || (status === 'skipped' && attempted)) counts.failed += n;
  else if (status === 'skipped') counts.notSent += n;
  else counts.pending += n;
}

export const noCounts = (): Counts => ({ delivered: 0, failed: 0, notSent: 0, pending: 0 });

/** A boolean column as either dialect returns it (SQLite 0/1, PostgreSQL true/false). */
export const truthy = (value: unknown): boolean => value === true || Number(value) === 1;

/** One grouped row (an hour, a status, attempted or not, a count) as hour counts. */
export function hourRow(row: Record<string, unknown>): HourCounts[] {
  const counts = { hour: Number(row.hour), ...noCounts() };
  addTo(counts, String(row.status), truthy(row.attempted), Number(row.n));
  return [counts];
}

/** One entry per hour, oldest first: the rows of one hour (one per status) added up. */
export function mergeHours(rows: HourCounts[]): HourCounts[] {
  const byHour = new Map<number, HourCounts>();
  for (const row of rows) {
    const into = byHour.get(row.hour) ?? { hour: row.hour, ...noCounts() };
    into.delivered += row.delivered; into.failed += row.failed; into.notSent += row.notSent; into.pending += row.pending;
    byHour.set(row.hour, into);
  }
  return [...byHour.values()].sort((a, b) => a.hour - b.hour);
}
