// The operators' reads (operations.ts), run unchanged against both stores.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { stopTestPostgres, storeBackends } from '../../test/helpers/store-backends.ts';
import type { DeliveryPlan, Store, WebhookRoute } from './store.ts';
import { newAccountId, newEventId, newWebhookId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;
const toAll = (webhooks: WebhookRoute[]): DeliveryPlan[] => webhooks.map((w) => ({ webhookId: w.id, version: w.version, maxAttempts: 5, status: w.enabled ? 'pending' : 'skipped' }));

async function seed(store: Store) {
  const accountId = newAccountId();
  await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'x' });
  const webhook = await store.createWebhook(accountId, newWebhookId(), {
    name: 'w', url: 'https://receiver.example/h', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true,
    secret: `whsec_${randomBytes(24).toString('base64')}`,
  }, T0);
  const publish = (at: number) => store.publish({
    id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: at, data: '{}', transaction: null, productId: null, isTest: false, idempotencyKey: null, requestHash: 'r',
  }, toAll, at);
  return { accountId, webhook, publish };
}

for (const backend of storeBackends) {
  describe(`Operations store: ${backend.name}`, () => {
    test('schema status, the backlog by state, webhooks by state, the pool', async () => {
      await using store = await backend.open();
      const status = await store.schemaStatus();
      assert.equal(status.version, status.expected);
      assert.ok(status.expected > 0);
      const empty = await store.deliveryBacklog(T0);
      assert.deepEqual(empty, { due: 0, scheduled: 0, inFlight: 0, expiredLeases: 0, oldestDueAt: null });
      const { accountId, webhook, publish } = await seed(store);
      for (const at of [T0, T0 + 10, T0 + 20]) await publish(at);
      assert.deepEqual(await store.deliveryBacklog(T0 + 100), { due: 3, scheduled: 0, inFlight: 0, expiredLeases: 0, oldestDueAt: T0 });
      const [first] = await store.claimDue(T0 + 100, 1, 1000, 8);
      assert.ok(first);
      assert.deepEqual(await store.deliveryBacklog(T0 + 200), { due: 2, scheduled: 0, inFlight: 1, expiredLeases: 0, oldestDueAt: T0 + 10 });
      // the lease runs out unrecorded (a stopped worker): the delivery is due again and counted as an expired lease
      assert.deepEqual(await store.deliveryBacklog(T0 + 2000), { due: 3, scheduled: 0, inFlight: 0, expiredLeases: 1, oldestDueAt: T0 });
      const [second] = await store.claimDue(T0 + 2000, 1, 1000, 8);
      await store.recordAttempt(second!.delivery.id, second!.leaseToken, {
        id: uuidv7(), number: 1, startedAt: T0 + 2000, durationMs: 5, statusCode: 500, error: null, errorDetail: null, requestHeaders: {}, responseHeaders: {}, responseBody: '',
      }, { kind: 'retry', at: T0 + 60_000 }, () => null, T0 + 2001);
      assert.deepEqual(await store.deliveryBacklog(T0 + 2002), { due: 2, scheduled: 1, inFlight: 0, expiredLeases: 0, oldestDueAt: T0 + 10 });
      assert.deepEqual(await store.webhookCounts(), { enabled: 1, disabled: 0 });
      await store.updateWebhook(accountId, webhook.id, { enabled: false }, T0 + 3000);
      assert.deepEqual(await store.webhookCounts(), { enabled: 0, disabled: 1 });
      const pool = store.connectionPool();
      if (store.dialect === 'sqlite') assert.equal(pool, null);
      else assert.ok(pool !== null && pool.total >= 1 && pool.waiting === 0);
    });
  });
}
