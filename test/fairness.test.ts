// One slow or dead receiver can never hold back deliveries to others: through the real platform (HTTP API, store,
// dispatcher), on both stores. A receiver that never answers gets at most POSTBACK_WEBHOOK_CONCURRENCY attempts
// at once, and a healthy webhook's events keep flowing through the dispatcher's other slots.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import { eventually, startPlatform } from './helpers/platform.ts';
import type { Tenant } from './helpers/platform.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { approvedSaleData } from '../src/catalog/test-fixtures.ts';

after(stopTestPostgres);

const approved = approvedSaleData();
const CONCURRENCY = 16;
const CAP = 4;
const HUNG_EVENTS = 50;
const HEALTHY_EVENTS = 200;

async function publishMany(tenant: Tenant, count: number, prefix: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const data = { ...approved, purchase: { ...approved.purchase, transaction: `${prefix}${index}` } };
      const answer = await tenant.call('POST', '/api/v1/events', { event: 'PURCHASE_APPROVED', data });
      assert.equal(answer.status, 202, answer.text);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const stores = [
  { name: 'SQLite', overrides: async () => ({}) },
  { name: 'PostgreSQL', overrides: async () => ({ databaseUrl: await freshDatabase(), secretKey: randomBytes(32).toString('base64') }) },
];

for (const store of stores) {
  test(`${store.name}: a hung receiver holds at most ${CAP} of ${CONCURRENCY} slots while a healthy webhook's ${HEALTHY_EVENTS} events deliver`, { timeout: 60_000 }, async (t) => {
    await using platform = await startPlatform({
      ...await store.overrides(), concurrency: CONCURRENCY, webhookConcurrency: CAP,
      // the hung attempts stay in flight for the whole test: nothing is retried, no lease expires
      attemptDeadlineMs: 30_000, leaseMs: 60_000, shutdownGraceMs: 100,
    });
    await using hung = await startHttpReceiver(() => { /* never answers */ });
    await using healthy = await startHttpReceiver((_req, res) => res.end('ok'));
    const slowShop = await platform.tenant('Slow shop');
    const goodShop = await platform.tenant('Good shop');
    assert.equal((await slowShop.call('POST', '/api/v1/webhooks', { name: 'hung', url: hung.url, events: ['PURCHASE_APPROVED'] })).status, 201);
    assert.equal((await goodShop.call('POST', '/api/v1/webhooks', { name: 'healthy', url: healthy.url, events: ['PURCHASE_APPROVED'] })).status, 201);
    // the hung receiver's backlog is published first: it is ahead in due order
    await publishMany(slowShop, HUNG_EVENTS, 'HPSLOW');
    await eventually('the hung receiver to hold its slots', () => (hung.requests.length >= CAP ? true : undefined));
    const started = performance.now();
    await publishMany(goodShop, HEALTHY_EVENTS, 'HPGOOD');
    await eventually(`${HEALTHY_EVENTS} healthy deliveries`, () => (healthy.requests.length >= HEALTHY_EVENTS ? true : undefined), 30_000);
    const seconds = (performance.now() - started) / 1000;

    assert.equal(hung.requests.length, CAP, `the hung receiver got exactly ${CAP} attempts at once, never more`);
    const slow = await slowShop.call('GET', '/api/v1/deliveries?status=pending&limit=100');
    assert.equal(slow.body.items.length, HUNG_EVENTS, 'its other deliveries wait, pending, none lost');
    const good = await goodShop.call('GET', '/api/v1/deliveries?status=delivered&limit=100');
    assert.equal(good.body.items.length, 100, 'the healthy webhook delivered (first page of 100)');
    assert.equal(new Set(healthy.requests.map((r) => r.headers['webhook-id'])).size, HEALTHY_EVENTS, 'each healthy event once');
    t.diagnostic(`${store.name}: ${HEALTHY_EVENTS} healthy events published and delivered in ${seconds.toFixed(2)} s beside ${CAP} hung attempts`);
  });
}
