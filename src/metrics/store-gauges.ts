// Gauges read from the database when Prometheus scrapes: the backlog, webhooks by state, PostgreSQL's pool.
// The backlog and webhook counts are the whole platform's (every process reports the same figure: take max() across
// instances, never sum()), read at most once per `maxAgeMs` so many scrapers cannot load the database.
import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { DeliveryBacklog } from '../store/operations.ts';
import type { Store } from '../store/store.ts';

type Deps = { store: Pick<Store, 'deliveryBacklog' | 'webhookCounts' | 'connectionPool'>; clock: () => number; maxAgeMs: number };
type Snapshot = { at: number; backlog: DeliveryBacklog; webhooks: { enabled: number; disabled: number } };

export function storeGauges(registry: Registry, deps: Deps): void {
  let last: Snapshot | null = null;
  let lastReadOk = true;
  let reading: Promise<Snapshot | null> | null = null;
  // one read per maxAgeMs, shared by the gauges of one scrape and by scrapes that arrive together. A read that fails
  // (the database is down) never fails the scrape: the process's own counters are what an operator needs then. The
  // gauges keep the last figures read (absent before any), and postback_database_up says they are stale
  const snapshot = async (): Promise<Snapshot | null> => {
    const now = deps.clock();
    if (last && lastReadOk && now - last.at < deps.maxAgeMs) return last;
    reading ??= (async () => {
      try {
        const [backlog, webhooks] = await Promise.all([deps.store.deliveryBacklog(now), deps.store.webhookCounts()]);
        last = { at: now, backlog, webhooks };
        lastReadOk = true;
      } catch {
        lastReadOk = false;
      } finally { reading = null; }
      return last;
    })();
    return reading;
  };
  const registers = [registry];
  // first: its collect reads the pool before the snapshot's own queries join the pool's queue (the collects of one
  // scrape start in registration order), which counted 2 waiting on an idle pool every few scrapes
  new Gauge({
    name: 'postback_database_connections', help: 'This process\'s PostgreSQL pool: total open, idle, and queries waiting for a connection (absent on SQLite)',
    labelNames: ['state'], registers,
    collect() {
      const pool = deps.store.connectionPool();
      if (pool === null) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  new Gauge({
    name: 'postback_database_up', help: 'Whether this scrape read the database\'s figures (1) or not (0: the database did not answer, and the backlog and webhook gauges are the last ones read)',
    registers,
    async collect() {
      await snapshot();
      this.set(lastReadOk ? 1 : 0);
    },
  });
  new Gauge({
    name: 'postback_deliveries_pending', help: 'Pending deliveries of the whole platform by state: due (claimable now), scheduled (a later retry), in_flight (leased), expired_lease (a stopped worker\'s, to be reclaimed)',
    labelNames: ['state'], registers,
    async collect() {
      const backlog = (await snapshot())?.backlog;
      if (!backlog) return;
      this.set({ state: 'due' }, backlog.due);
      this.set({ state: 'scheduled' }, backlog.scheduled);
      this.set({ state: 'in_flight' }, backlog.inFlight);
      this.set({ state: 'expired_lease' }, backlog.expiredLeases);
    },
  });
  new Gauge({
    name: 'postback_oldest_due_delivery_age_seconds', help: 'How long the longest-waiting due delivery has been due (0 when none is): the dispatchers\' lag',
    registers,
    async collect() {
      const read = await snapshot();
      if (!read) return;
      this.set(read.backlog.oldestDueAt === null ? 0 : Math.max(0, read.at - read.backlog.oldestDueAt) / 1000);
    },
  });
  new Gauge({
    name: 'postback_webhooks', help: 'Webhooks of the whole platform by state (enabled, disabled)', labelNames: ['state'], registers,
    async collect() {
      const webhooks = (await snapshot())?.webhooks;
      if (!webhooks) return;
      this.set({ state: 'enabled' }, webhooks.enabled);
      this.set({ state: 'disabled' }, webhooks.disabled);
    },
  });
}
