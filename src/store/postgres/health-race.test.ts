// A failure that would disable its webhook, and the owner's enable landing between the failure's statement and the
// transaction that disables (another process's failure had disabled it; the owner turned it back on, or recovered it).
// Either reset the streak: the disable must not undo it. SQLite records a failure and judges it in one transaction.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import type { HealthJudge } from '../../domain/webhook.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { postgresAccount } from '../../../test/helpers/postgres-account.ts';
import type { FanOut } from '../store.ts';

after(stopTestPostgres);
const T0 = Date.UTC(2025, 2, 10, 12);

test("an owner's enable between a failure and its disable is not undone", { timeout: 120_000 }, async () => {
  // one connection in the store's pool: the owner's action, asked for while the failure is judged, has it before the
  // disabling transaction does (the pool hands its connection out in the order asked)
  await using setup = await postgresAccount(createSecretBox(randomBytes(32)), { poolSize: 1, createdAt: T0 });
  const { store, accountId } = setup;
  const webhookId = await setup.webhook();
  const toAll: FanOut = (webhooks) => webhooks.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending' }));
  await store.publish(setup.sale(), toAll, T0);
  const [lease] = await store.claimDue(T0 + 10, 10, 60_000, 8);
  assert.ok(lease);

  // the owner recovers the webhook (enable, streak reset, requeue) after the failure's statement counted it
  let recovering: Promise<unknown> | undefined;
  const judge: HealthJudge = (health) => {
    recovering ??= store.recoverWebhook(accountId, webhookId, T0, T0 + 12, 5);
    return health.failureStreak >= 1 ? 'failing' : null;
  };
  const failure = { id: uuidv7(), number: 1, startedAt: T0 + 10, durationMs: 12, statusCode: 500, error: 'http_500', errorDetail: 'Internal Server Error',
    requestHeaders: {}, responseHeaders: {}, responseBody: 'down' };
  await store.recordAttempt(lease.delivery.id, lease.leaseToken, failure, { kind: 'retry', at: T0 + 500 }, judge, T0 + 11);
  assert.ok(recovering, 'the failure was judged');
  await recovering;

  const webhook = await store.getWebhook(accountId, webhookId);
  assert.deepEqual([webhook?.enabled, webhook?.disabledReason, webhook?.failureStreak], [true, null, 0]);
});
