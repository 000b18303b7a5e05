// The notices outbox (notices.ts), run unchanged against both stores: notices are written by the record step in the
// same transaction as the attempt, then leased and settled by a notifier.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { stopTestPostgres, storeBackends } from '../../test/helpers/store-backends.ts';
import type { AttemptRecord, DeliveryPlan, HealthJudge, Settlement, Store, WebhookRoute } from './store.ts';
import { newAccountId, newEventId, newWebhookId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;
const toAll = (webhooks: WebhookRoute[]): DeliveryPlan[] => webhooks.map((w) => ({ webhookId: w.id, version: w.version, maxAttempts: 2, status: w.enabled ? 'pending' : 'skipped' }));
const attempt = (statusCode: number): AttemptRecord => ({
  id: uuidv7(), number: 1, startedAt: T0, durationMs: 5, statusCode, error: null, errorDetail: statusCode >= 300 ? 'Internal Server Error' : null, requestHeaders: {}, responseHeaders: {}, responseBody: '',
});
const never: HealthJudge = () => null;

async function seed(store: Store) {
  const accountId = newAccountId();
  await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'x' });
  await store.createUser({ id: uuidv7(), accountId, email: 'ana@example.com', passwordHash: 'x', createdAt: T0 });
  const webhook = await store.createWebhook(accountId, newWebhookId(), {
    name: 'Members area', url: 'https://receiver.example/h', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true,
    secret: `whsec_${randomBytes(24).toString('base64')}`,
  }, T0);
  let clock = T0;
  /** Publishes one event and records one attempt of its delivery with this answer and settlement. */
  const attemptOne = async (statusCode: number, settlement: Settlement, judge: HealthJudge = never) => {
    clock += 1000;
    await store.publish({ id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: clock, data: '{}', transaction: null, productId: null, isTest: false, idempotencyKey: null, requestHash: 'r' }, toAll, clock);
    const [claimed] = await store.claimDue(clock, 1, 60_000, 8);
    assert.ok(claimed, 'a delivery to attempt');
    return store.recordAttempt(claimed.delivery.id, claimed.leaseToken, attempt(statusCode), settlement, judge, clock);
  };
  /** Publishes `count` events, claims their deliveries, and records all their attempts as delivered at once (PostgreSQL batches them). */
  const deliverTogether = async (count: number) => {
    clock += 1000;
    for (let i = 0; i < count; i++) {
      await store.publish({ id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: clock, data: '{}', transaction: null, productId: null, isTest: false, idempotencyKey: null, requestHash: 'r' }, toAll, clock);
    }
    const claimed = await store.claimDue(clock, count, 60_000, 8);
    assert.equal(claimed.length, count);
    await Promise.all(claimed.map((c) => store.recordAttempt(c.delivery.id, c.leaseToken, attempt(200), { kind: 'delivered' }, never, clock)));
  };
  const kinds = async () => (await store.listNotices(accountId, 50)).map((notice) => notice.kind).reverse();
  return { accountId, webhook, attemptOne, deliverTogether, kinds, now: () => clock };
}

for (const backend of storeBackends) {
  describe(`Notices store: ${backend.name}`, () => {
    test('failing at the 5th failure in a row (once), disabled, recovered on the next success; none without a cause', async () => {
      await using store = await backend.open();
      const { accountId, webhook, attemptOne, deliverTogether, kinds, now } = await seed(store);
      for (let i = 0; i < 4; i++) await attemptOne(500, { kind: 'retry', at: T0 + 10_000_000 });
      assert.deepEqual(await kinds(), [], 'four failures in a row are not yet "failing"');
      await attemptOne(500, { kind: 'retry', at: T0 + 10_000_000 });
      await attemptOne(500, { kind: 'retry', at: T0 + 10_000_000 });
      assert.deepEqual(await kinds(), ['webhook.failing'], 'told once, at the 5th');
      const [failing] = await store.listNotices(accountId, 1);
      assert.equal(failing?.reason, 'HTTP 500: Internal Server Error');
      assert.deepEqual([failing?.mail, failing?.hook], ['pending', 'skipped'], 'no operational webhook registered');
      await attemptOne(500, { kind: 'retry', at: T0 + 10_000_000 }, () => 'the receiver answered 410 Gone');
      assert.deepEqual(await kinds(), ['webhook.failing', 'webhook.disabled']);
      await store.recoverWebhook(accountId, webhook.id, now(), now(), 5);
      await deliverTogether(3);
      await attemptOne(200, { kind: 'delivered' });
      assert.deepEqual(await kinds(), ['webhook.failing', 'webhook.disabled', 'webhook.recovered'], 'recovered once, on the first success after the alert');
    });

    test("a notice counts the webhook's deliveries waiting: pending (in flight too) and skipped, never failed or delivered", async () => {
      await using store = await backend.open();
      const { accountId, attemptOne, deliverTogether, now } = await seed(store);
      await attemptOne(500, { kind: 'failed' });
      await deliverTogether(1);
      for (let i = 0; i < 3; i++) {
        await store.publish({ id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: now(), data: '{}', transaction: null, productId: null, isTest: false, idempotencyKey: null, requestHash: 'r' }, toAll, now());
      }
      assert.equal((await store.claimDue(now(), 1, 60_000, 8)).length, 1, 'one of the three in flight');
      // a fourth event; an older one of the three is attempted and disables the webhook, which skips the idle one
      await attemptOne(500, { kind: 'retry', at: T0 + 10_000_000 }, () => 'the receiver answered 410 Gone');
      const statuses = (await store.listDeliveries(accountId, { limit: 10 })).map((delivery) => delivery.status).sort();
      assert.deepEqual(statuses, ['delivered', 'failed', 'pending', 'skipped', 'skipped', 'skipped']);
      const [disabled] = await store.claimNotices(T0 + 10_000_000, 10, 30_000);
      assert.equal(disabled?.kind, 'webhook.disabled');
      assert.equal(disabled?.waiting, 4, 'the one in flight and the three skipped');
    });

    test('delivery.failed goes to the operational webhook only; notices are leased, carry their details, and settle under the lease', async () => {
      await using store = await backend.open();
      const { accountId, webhook, attemptOne, kinds } = await seed(store);
      await attemptOne(500, { kind: 'failed' });
      assert.deepEqual(await kinds(), [], 'without an operational webhook, a spent delivery is no notice');
      assert.deepEqual(await store.getNotificationSettings(accountId), { language: 'pt-BR', webhookUrl: null, webhookSecret: null });
      await store.setNotificationSettings(accountId, { language: 'es', webhookUrl: 'https://ops.example/hook', webhookSecret: 'whsec_c2VjcmV0' }, T0);
      assert.deepEqual(await store.getNotificationSettings(accountId), { language: 'es', webhookUrl: 'https://ops.example/hook', webhookSecret: 'whsec_c2VjcmV0' });
      await attemptOne(500, { kind: 'failed' });
      const [spent] = await store.listNotices(accountId, 1);
      assert.equal(spent?.kind, 'delivery.failed');
      assert.deepEqual([spent?.mail, spent?.hook], ['skipped', 'pending']);
      assert.ok(spent?.deliveryId);
      const claimed = await store.claimNotices(T0 + 10_000_000, 10, 30_000);
      assert.equal(claimed.length, 1);
      const notice = claimed[0]!;
      assert.deepEqual(notice.recipients, ['ana@example.com']);
      assert.equal(notice.settings.language, 'es');
      assert.equal(notice.webhook?.name, 'Members area');
      assert.equal(notice.webhook?.id, webhook.id);
      assert.equal(notice.waiting, 0);
      assert.deepEqual(await store.claimNotices(T0 + 10_000_000, 10, 30_000), [], 'leased: no one else takes it');
      assert.equal(await store.settleNotice(notice.id, 'not-the-lease', { mail: 'skipped', hook: 'sent', retryAt: null, error: null }, T0 + 10_000_001), false);
      assert.equal(await store.settleNotice(notice.id, notice.leaseToken, { mail: 'skipped', hook: 'pending', retryAt: T0 + 10_060_000, error: 'refused' }, T0 + 10_000_001), true);
      assert.deepEqual(await store.claimNotices(T0 + 10_000_002, 10, 30_000), [], 'not due before its retry');
      const again = await store.claimNotices(T0 + 10_060_000, 10, 30_000);
      assert.equal(again[0]?.attempts, 1);
      assert.equal(await store.settleNotice(again[0]!.id, again[0]!.leaseToken, { mail: 'skipped', hook: 'sent', retryAt: null, error: null }, T0 + 10_060_001), true);
      assert.deepEqual(await store.claimNotices(T0 + 99_000_000, 10, 30_000), [], 'settled for good');
      assert.equal((await store.listNotices(accountId, 1))[0]?.hook, 'sent');
    });
  });
}
