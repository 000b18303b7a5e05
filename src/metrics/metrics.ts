// One Prometheus registry per process: the dispatcher's figures, the API's requests, the database's gauges, and
// Node's own process metrics (prom-client's defaults: CPU, memory, event-loop lag, GC).
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DispatcherObserver } from '../delivery/dispatcher-observer.ts';
import type { NoticeCounter } from '../notify/notifier-job.ts';
import type { Store } from '../store/store.ts';
import { postbackVersion } from '../version.ts';
import { deliveryMetrics } from './delivery-metrics.ts';
import { httpMetrics } from './http-metrics.ts';
import type { HttpMetrics } from './http-metrics.ts';
import { storeGauges } from './store-gauges.ts';

export type Metrics = {
  registry: Registry;
  /** For the dispatcher's observer seam (turned is readiness's business, not a series). */
  dispatcher: Omit<DispatcherObserver, 'turned'>;
  http: HttpMetrics;
  /** For the notifier job: each channel's outcome per notice. */
  notices: NoticeCounter;
  /** The exposition text and its content type, for GET /metrics. */
  scrape(): Promise<{ contentType: string; body: string }>;
};

export type MetricsDeps = { store: Store; clock: () => number; role: string };

/** How old the database gauges may be when scraped: one backlog read per 10 s whatever the number of scrapers. */
const storeGaugesMaxAgeMs = 10_000;

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'postback_build_info', help: 'Always 1; the labels say which Postback runs here, in which role, on which database', labelNames: ['version', 'role', 'store'], registers: [registry] })
    .set({ version: postbackVersion, role: deps.role, store: deps.store.dialect }, 1);
  storeGauges(registry, { store: deps.store, clock: deps.clock, maxAgeMs: storeGaugesMaxAgeMs });
  const notices = new Counter({ name: 'postback_notices_total', help: 'Owner notices by channel (mail, webhook) and outcome (sent, retry, failed: retries spent, skipped: e-mail off or nothing to send to)', labelNames: ['channel', 'outcome'], registers: [registry] });
  for (const channel of ['mail', 'webhook']) for (const outcome of ['sent', 'failed']) notices.inc({ channel, outcome }, 0);
  return {
    registry,
    notices: (channel, outcome) => notices.inc({ channel, outcome }),
    dispatcher: deliveryMetrics(registry),
    http: httpMetrics(registry),
    async scrape() { return { contentType: registry.contentType, body: await registry.metrics() }; },
  };
}
