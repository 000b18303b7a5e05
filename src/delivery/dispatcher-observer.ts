// The dispatcher's seam for metrics: an optional observer told of every claim and every recorded attempt.
import type { DeliveryStatus } from '../store/store.ts';

/** What one recorded attempt was, for an observer (metrics). */
export type AttemptReport = {
  accountId: string;
  webhookId: string;
  /** How the delivery was left, or `lease_lost` (nothing was recorded). */
  status: DeliveryStatus | 'lease_lost';
  /** The named cause of a failed attempt (`timeout`, `internal_error`, `receiver_abort`...), null otherwise. */
  cause: string | null;
  statusCode: number | null;
  durationMs: number;
  /** When the event was published (epoch ms): publish→attempt latency is `recordedAt - publishedAt`. */
  publishedAt: number;
  recordedAt: number;
  circuitOpened: boolean;
  disabledReason: string | null;
};

/** Optional hooks for metrics: nothing in the dispatcher depends on them, and one that throws is logged and ignored. */
export type DispatcherObserver = {
  /** After every claim: how many deliveries it leased, out of how many free slots. */
  claimed?(leased: number, asked: number): void;
  attempted?(report: AttemptReport): void;
};
