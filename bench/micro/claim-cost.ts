// What one PostgreSQL claim costs, by its size, in the shape of saturation: 4 webhooks, each at its cap of 16 leases
// (64 slots, as the end-to-end bench runs), `pending` more deliveries due behind them. Each round frees `size` slots
// (a quarter from each webhook, their deliveries recorded as delivered, as finished attempts do) and claims `size`
// rows, as the dispatcher does when that many slots came free at once. Wall time per claim, on one connection with
// nothing else running in it: the claim's fixed part (the ring, the heads, the windows, the lock) against its part
// per row. Recording (not releasing) the freed rows keeps the heads as saturation has them: the oldest due rows are
// the ones in flight, and the delivered ones leave their entries in the pending rows' indexes until a vacuum.
//   node bench/micro/claim-cost.ts [--pending 24000] [--rounds 150] [--sizes 4,8,16,32,64]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createSecretBox } from '../../src/security/secret-box.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { ClaimedDelivery } from '../../src/store/store.ts';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { delivered, fanOut, preparedEvents, seedAccount, toAll } from './store-subject.ts';

const { values: options } = parseArgs({ options: {
  pending: { type: 'string', default: '24000' }, rounds: { type: 'string', default: '150' }, sizes: { type: 'string', default: '4,8,16,32,64' },
} });
const cap = 16;
const leaseMs = 600_000;
const sizes = options.sizes.split(',').map(Number);
if (sizes.some((size) => !(size > 0 && size <= cap * fanOut && size % fanOut === 0))) throw new Error(`--sizes: multiples of ${fanOut} up to ${cap * fanOut}`);

const url = await freshDatabase('postback_claim_cost');
const store = await createPostgresStore({ url, poolSize: 4 }, createSecretBox(randomBytes(32)));
try {
  const accountId = await seedAccount(store, 'claim cost');
  const events = preparedEvents(accountId, Math.ceil(Number(options.pending) / fanOut));
  for (let i = 0; i < events.length; i += 32) await Promise.all(events.slice(i, i + 32).map((event) => store.publish(event, toAll, Date.now())));
  // the statistics of a database that has run for a while (autovacuum's ANALYZE), not of an empty one
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('ANALYZE').finally(() => admin.end());
  const now = Date.now() + 1000;
  let held: ClaimedDelivery[] = await store.claimDue(now, cap * fanOut, leaseMs, cap);
  process.stdout.write(`${events.length * fanOut} deliveries pending, ${held.length} leased (${fanOut} webhooks at their cap of ${cap})\n`);
  for (const size of sizes) {
    let ms = 0;
    let rows = 0;
    for (let round = 0; round < Number(options.rounds); round++) {
      const freed = new Set<string>();
      for (const webhook of new Set(held.map((claimed) => claimed.webhook.id))) {
        held.filter((claimed) => claimed.webhook.id === webhook).slice(0, size / fanOut).forEach((claimed) => freed.add(claimed.delivery.id));
      }
      await Promise.all(held.filter((claimed) => freed.has(claimed.delivery.id))
        .map((claimed) => store.recordAttempt(claimed.delivery.id, claimed.leaseToken, delivered(), { kind: 'delivered' }, () => null, now)));
      held = held.filter((claimed) => !freed.has(claimed.delivery.id));
      const started = performance.now();
      const batch = await store.claimDue(now, size, leaseMs, cap);
      ms += performance.now() - started;
      rows += batch.length;
      held.push(...batch);
    }
    const claims = Number(options.rounds);
    process.stdout.write(`claims of ${String(size).padStart(2)}: ${(ms / claims).toFixed(2)} ms per claim, ${Math.round((1000 * ms) / rows)} µs per row (${(rows / claims).toFixed(1)} rows a claim)\n`);
  }
} finally {
  await store.close();
  await stopTestPostgres();
}
