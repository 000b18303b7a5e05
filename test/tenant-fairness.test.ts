// No tenant can stall another's deliveries (issue 17): account A runs 9, 20 and 50 webhooks whose receivers never
// answer, at full speed (each with a backlog far beyond its cap, and new events all along), beside two healthy
// webhooks of its own; account B publishes to one healthy webhook. B's publish-to-first-attempt p99 under A's load
// must stay within 2x of its unloaded value (plus NOISE_MS), and A's healthy webhooks must keep delivering. On both stores, through
// the real platform (HTTP API, store, dispatcher) and real receivers on 127.0.0.1.
// The unloaded value is measured in the same run and at the same moments: a twin platform (same settings, same
// process, same database server) where B is alone, B's events sent to the two in turn. So the machine's own load,
// which on a shared machine moves a p99 by more than 2x from one minute to the next, cancels out, and what is
// compared is whether B waits for A. Without fairness between accounts, A's hung attempts took every slot (9
// webhooks x a cap of 8 > 64 slots): with POSTBACK_ACCOUNT_SHARE=1 and no circuit breaker, B's p99 here was 8x (9
// hanging, SQLite) to 270x (50 hanging, PostgreSQL) its unloaded value; with them, 0.8x to 1.3x.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';

after(stopTestPostgres);

const sale = sampleData('PURCHASE_APPROVED') as { purchase: Record<string, unknown> };
/** Events per subject, one at a time, paced: the p99 of 400 is the fourth-slowest. */
const SAMPLES = 400;
const PACE_MS = 10;
/**
 * What a p99 of 400 (its fourth-slowest sample) moves by between two platforms on one shared two-core machine with
 * other test files running: seen up to 2.8x (9.4 -> 26.7 ms) with p50 unchanged. A stall is of another order: an event
 * that waits for a slot waits for a hung attempt's 3 s deadline (8x to 270x, above). The ratios measured without
 * this allowance are the benchmark's (bench/scenarios/tenant-isolation.ts).
 */
const NOISE_MS = 50;

/** Nearest-rank percentile of milliseconds. */
function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function addWebhook(tenant: Tenant, url: string, name: string): Promise<string> {
  const answer = await tenant.call('POST', '/api/v1/webhooks', { name, url, events: ['PURCHASE_APPROVED'] });
  assert.equal(answer.status, 201, answer.text);
  return answer.body.id as string;
}

async function publish(tenant: Tenant, id: string): Promise<void> {
  const answer = await tenant.call('POST', '/api/v1/events', { id, event: 'PURCHASE_APPROVED', data: { ...sale, purchase: { ...sale.purchase, transaction: `HP${id.slice(0, 8)}` } } });
  assert.equal(answer.status, 202, answer.text);
}

/** A receiver that answers at once and notes when each event (by webhook-id) first arrived. */
async function timedReceiver(t: TestContext): Promise<{ receiver: Receiver; arrivals: Map<string, number> }> {
  const arrivals = new Map<string, number>();
  const receiver = await startHttpReceiver((req, res) => {
    const id = String(req.headers['webhook-id']);
    if (!arrivals.has(id)) arrivals.set(id, performance.now());
    res.end('ok');
  });
  t.after(() => receiver[Symbol.asyncDispose]());
  return { receiver, arrivals };
}

type Subject = { tenant: Tenant; arrivals: Map<string, number> };

/**
 * Publish-to-first-attempt latencies of each subject: SAMPLES events each, one at a time, sent to the subjects in
 * turn every PACE_MS, each timed from just before its publish.
 */
async function measure(subjects: Subject[]): Promise<number[][]> {
  const started = subjects.map(() => new Map<string, number>());
  for (let i = 0; i < SAMPLES; i++) {
    for (const [index, subject] of subjects.entries()) {
      const id = randomUUID();
      started[index]!.set(id, performance.now());
      await publish(subject.tenant, id);
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
  }
  return Promise.all(subjects.map(async (subject, index) => {
    const sent = started[index]!;
    await eventually(`all ${SAMPLES} events arrived`, () => ([...sent.keys()].every((id) => subject.arrivals.has(id)) ? true : undefined), 60_000);
    return [...sent].map(([id, at]) => subject.arrivals.get(id)! - at);
  }));
}

const stores = [
  { name: 'SQLite', overrides: async () => ({}) },
  { name: 'PostgreSQL', overrides: async () => ({ databaseUrl: await freshDatabase(), secretKey: randomBytes(32).toString('base64') }) },
];

for (const store of stores) {
  describe(`${store.name}: one tenant's hanging webhooks cannot stall another's`, () => {
    for (const hanging of [9, 20, 50]) {
      test(`A with ${hanging} hanging webhooks at full speed: B's p99 stays within 2x of unloaded, A's healthy webhooks keep delivering`, { timeout: 240_000 }, async (t) => {
        const settings = {
          // the defaults that matter here: 64 slots, 8 per webhook, seven eighths of the free slots per account, 5 timeouts
          // open a circuit
          concurrency: 64, webhookConcurrency: 8, accountShare: 0.875, circuitBreakerTimeouts: 5,
          // hung attempts end at their deadline and are retried at once, so A keeps every slot it may take
          attemptDeadlineMs: 3000, leaseMs: 10_000, retrySchedule: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], pollIntervalMs: 200,
        };
        await using platform = await startPlatform({ ...await store.overrides(), ...settings });
        await using twin = await startPlatform({ ...await store.overrides(), ...settings });
        await using hung = await startHttpReceiver(() => { /* never answers */ });
        const healthyA = await timedReceiver(t);
        const a = await platform.tenant('A');
        const subjects: Subject[] = [];
        for (const [where, name] of [[platform, 'B'], [twin, 'B alone']] as const) {
          const { receiver, arrivals } = await timedReceiver(t);
          const tenant = await where.tenant(name);
          await addWebhook(tenant, receiver.url, `${name} members area`);
          subjects.push({ tenant, arrivals });
        }

        for (let i = 0; i < hanging; i++) await addWebhook(a, `${hung.url}/hook-${i}`, `A hanging ${i}`);
        for (let i = 0; i < 2; i++) await addWebhook(a, `${healthyA.receiver.url}/hook-${i}`, `A healthy ${i}`);
        // a backlog beyond every hanging webhook's cap, then new events all along the measurement
        for (let i = 0; i < 12; i++) await publish(a, randomUUID());
        await eventually('A\'s hung attempts hold their slots', () => (hung.requests.length >= 24 ? true : undefined), 30_000);
        let publishing = true;
        const aLoad = (async () => { while (publishing) { await publish(a, randomUUID()); await new Promise((resolve) => setTimeout(resolve, 250)); } })();
        const healthyBefore = healthyA.arrivals.size;
        const [loaded, unloaded] = await measure(subjects) as [number[], number[]];
        const healthyDuring = healthyA.arrivals.size - healthyBefore;
        publishing = false;
        await aLoad;

        const [p99Unloaded, p99Loaded] = [percentile(unloaded, 0.99), percentile(loaded, 0.99)];
        t.diagnostic(`${store.name}, ${hanging} hanging: B p50 ${percentile(unloaded, 0.5).toFixed(1)} -> ${percentile(loaded, 0.5).toFixed(1)} ms, `
          + `p99 ${p99Unloaded.toFixed(1)} -> ${p99Loaded.toFixed(1)} ms (${(p99Loaded / p99Unloaded).toFixed(2)}x); A's healthy webhooks delivered ${healthyDuring} meanwhile; `
          + `${hung.requests.length} requests reached the hung receiver`);
        assert.ok(p99Loaded <= 2 * p99Unloaded + NOISE_MS, `B's p99 ${p99Loaded.toFixed(1)} ms under A's load, over 2x its unloaded ${p99Unloaded.toFixed(1)} ms (+${NOISE_MS} ms)`);
        assert.ok(healthyDuring > 0, 'A\'s healthy webhooks kept delivering');
        // each hanging webhook opens its circuit at its 5th timeout in a row, and its API representation shows it
        await eventually('a hanging webhook\'s circuit open', async () => {
          const items: { url: string; circuit: { open: boolean; timeouts_in_a_row: number } }[] = (await a.call('GET', '/api/v1/webhooks')).body.items;
          const open = items.filter((webhook) => webhook.circuit.open);
          assert.ok(open.every((webhook) => webhook.url.startsWith(hung.url) && webhook.circuit.timeouts_in_a_row >= 5), 'only hanging webhooks');
          return open.length > 0 ? true : undefined;
        }, 90_000);
      });
    }
  });
}
