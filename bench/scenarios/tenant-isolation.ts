// Isolation between tenants: one `postback serve` (SQLite) per size. Account B publishes to one healthy webhook at a
// steady rate, first alone, then beside account A, whose N webhooks point at a receiver that never answers, at full
// speed (a backlog beyond every one's cap, retried at once, new events all along), with two healthy webhooks of its
// own. The figure is B's publish→delivered p99 beside A over B's p99 alone, in the same run, and what A's healthy
// webhooks delivered meanwhile. The default fairness settings apply (POSTBACK_ACCOUNT_SHARE, circuit breaker).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { accessToken, createPublisher, createWebhooks } from '../api-client.ts';
import { publishBody } from '../payload.ts';
import { runPhase } from '../phase.ts';
import type { PhaseResult } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { createAccount } from '../postback-process.ts';
import { startReadyPostback } from '../postback-setup.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';

export type TenantRun = {
  /** A's webhooks on the receiver that never answers. */
  hanging: number;
  alone: PhaseResult;
  beside: PhaseResult;
  /** B's p99 beside A over B's p99 alone. */
  p99Ratio: number;
  /** Deliveries/s to A's two healthy webhooks during B's phase beside it. */
  healthyADeliveriesPerS: number;
};

export type TenantOptions = { plan: Plan; fleet: ReceiverFleet; healthy: OpenedReceiver[]; hang: OpenedReceiver; progress: Progress };

/** A's own load beside B: a new event every `intervalMs` until stopped. */
function keepPublishing(publish: (body: string) => Promise<number>, intervalMs: number): () => Promise<void> {
  let running = true;
  const loop = (async () => {
    for (let index = 8_000_000; running; index++) {
      await publish(publishBody(randomUUID(), index));
      await sleep(intervalMs);
    }
  })();
  return async () => { running = false; await loop; };
}

export async function runTenantIsolation(options: TenantOptions, hanging: number): Promise<TenantRun> {
  const { plan, fleet, healthy, hang, progress } = options;
  const { rate, tenantSeconds: seconds, waitMs, deadline } = plan.isolation;
  const [bReceiver, ...aHealthy] = healthy;
  if (bReceiver === undefined || aHealthy.length < 2) throw new Error('the tenant scenario needs 3 healthy receivers');
  progress.stage(`isolation: tenants, ${hanging} hanging`, 1);
  const ready = await startReadyPostback({
    label: `tenants-${hanging}`,
    env: {
      POSTBACK_CONCURRENCY: String(plan.concurrency), POSTBACK_ATTEMPT_DEADLINE: deadline, POSTBACK_LEASE: '30s',
      // full speed: a hung attempt that ends at its deadline is retried at once
      POSTBACK_RETRY_SCHEDULE: '0,0,0,0,0,0,0,0,0,0', POSTBACK_SHUTDOWN_GRACE: '0s',
    },
  });
  try {
    await ready.addWebhooks([bReceiver.url]);
    const counted = (receiver: number) => receiver === bReceiver.index;
    const events = Math.max(1, Math.round(rate * seconds));
    const spec = (name: string, firstIndex: number) => ({ name, rate, events, fanOut: 1, counted, countedFanOut: 1, waitMs, quiesceMs: plan.quiesceMs, firstIndex });
    progress.stage(`isolation: B alone (${hanging})`, events * 2);
    const alone = await runPhase(spec('B alone', 7_000_000), fleet, ready.publisher, { progress: (done) => progress.update(done) });

    const a = await createAccount(ready.env, 'Tenant A');
    const aToken = await accessToken(ready.server.url!, a.basic);
    const aPublisher = createPublisher(ready.server.url!, '/api/v1/events', { authorization: `Bearer ${aToken}` }, 32);
    try {
      await createWebhooks(ready.server.url!, aToken, [...Array.from({ length: hanging }, () => hang.url), aHealthy[0]!.url, aHealthy[1]!.url]);
      // a backlog beyond every hanging webhook's cap of 8, then a new event every 250 ms while B is measured
      for (let index = 0; index < 12; index++) await aPublisher.publish(publishBody(randomUUID(), 9_000_000 + index));
      await sleep(Math.min(2000, waitMs));
      const stop = keepPublishing((body) => aPublisher.publish(body), 250);
      progress.stage(`isolation: B beside A with ${hanging} hanging`, events * 2);
      const beside = await runPhase({ ...spec(`B beside A with ${hanging} hanging webhooks`, 7_500_000), quiesceMs: 0 }, fleet, ready.publisher, { progress: (done) => progress.update(done) });
      // the phase reset the receivers' counts at its start: what A's healthy webhooks got since then
      const stats = await fleet.stats();
      await stop();
      const healthyA = aHealthy.reduce((sum, receiver) => sum + (stats.byReceiver[receiver.index] ?? 0), 0);
      return { hanging, alone, beside, p99Ratio: beside.latencyMs.p99 / alone.latencyMs.p99, healthyADeliveriesPerS: healthyA / Math.max(0.001, beside.durationS) };
    } finally {
      await aPublisher.close();
    }
  } finally {
    await ready.close();
  }
}
