// The record step's lock order on PostgreSQL (dispatch.ts): a webhook's row before its deliveries, in every
// transaction that takes both. A REST hook whose target answers 410 is deleted with its deliveries inside the record
// step, so its transaction holds the hook's row and then needs every delivery of it; a recorder that held one of those
// deliveries while it waited for the hook's row would close a cycle. Each case below is forced into its worst
// interleaving: another session holds the hook's row until every recorder waits on it, then lets go.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { eventually } from '../../../test/helpers/eventually.ts';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { goneHookReason } from '../hooks.ts';
import type { AttemptRecord, ClaimedDelivery, RecordResult, Settlement, Store } from '../store.ts';
import { createPostgresStore } from './postgres-store.ts';
import { type AccountId, asEventId, type WebhookId } from '../../domain/ids.ts';
import { newAccountId, newWebhookId } from '../../../test/helpers/ids.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));
const T0 = Date.UTC(2025, 2, 10, 12);
const noJudge = () => null;

const attempt = (statusCode: number): AttemptRecord => ({
  id: randomUUID(), number: 1, startedAt: T0, durationMs: 5, statusCode, error: statusCode < 300 ? null : `http_${statusCode}`, errorDetail: null,
  requestHeaders: {}, responseHeaders: {}, responseBody: '',
});
const gone = (): AttemptRecord => attempt(410);
const retry: Settlement = { kind: 'retry', at: T0 + 60_000 };

/** `admin` holds locks; `watcher` looks from outside its transaction (inside one, pg_stat_activity is read once and kept). */
type Setup = { store: Store; admin: pg.Client; watcher: pg.Client; accountId: AccountId };

async function setUp(): Promise<Setup & AsyncDisposable> {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 12 }, box);
  const [admin, watcher] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all([admin.connect(), watcher.connect()]);
  const accountId = newAccountId();
  await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'hash' });
  return { store, admin, watcher, accountId, [Symbol.asyncDispose]: async () => { await Promise.all([admin.end(), watcher.end()]); await store.close(); } };
}

/** A REST hook with `count` leased deliveries (one event each). */
async function hookWithLeases({ store, accountId }: Setup, count: number): Promise<{ hookId: WebhookId; leases: ClaimedDelivery[] }> {
  const hookId = newWebhookId();
  await store.createWebhook(accountId, hookId, { name: 'zap', url: 'https://hooks.example/catch', events: ['PURCHASE_APPROVED'], products: 'all', version: 'hook',
    maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}`, hookTrigger: 'order' }, T0);
  for (let n = 0; n < count; n++) {
    const id = randomUUID();
    await store.publish({ id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction: id, productId: null, isTest: false, idempotencyKey: null, requestHash: id },
      (routes) => routes.filter((route) => route.id === hookId).map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending' as const })), T0);
  }
  const leases = (await store.claimDue(T0 + 1, 100, 60_000, 100)).filter((lease) => lease.webhook.id === hookId);
  assert.equal(leases.length, count);
  return { hookId, leases };
}

const lockWaits = async (watcher: pg.Client) =>
  Number((await watcher.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n);

type Group = { records: () => Promise<unknown>[]; waiters: number };

/**
 * Runs each group of records while the admin session holds the hook's row: each group starts once the ones before it
 * wait on a lock (so the first group is the first to get the row), then the row is let go. A group's records start in
 * one turn, so they go in one record batch (at most two batches are out at once). Answers every result, or rejects with the
 * first error (a deadlock: PostgreSQL aborts one of the transactions in the cycle).
 */
async function behindTheHooksRow({ admin, watcher }: Setup, hookId: string, groups: Group[]): Promise<unknown[]> {
  await admin.query('BEGIN');
  await admin.query('SELECT id FROM webhooks WHERE id = $1 FOR UPDATE', [hookId]);
  const running: Promise<unknown>[] = [];
  let waiters = 0;
  try {
    for (const group of groups) {
      running.push(...group.records());
      waiters += group.waiters;
      await eventually(`${waiters} recorder(s) waiting on a lock`, async () => ((await lockWaits(watcher)) === waiters ? true : undefined));
    }
  } finally {
    await admin.query('COMMIT');
  }
  return Promise.all(running);
}

test('two 410s of one REST hook recorded at once: the hook goes with its deliveries, no deadlock (five rounds, worst interleaving)', async () => {
  await using setup = await setUp();
  for (let round = 0; round < 5; round++) {
    const { hookId, leases: [first, second] } = await hookWithLeases(setup, 2);
    const results = await behindTheHooksRow(setup, hookId, [first!, second!].map((lease) => ({ records: () => [setup.store.recordAttempt(lease.delivery.id, lease.leaseToken, gone(), retry, noJudge, T0 + 2)], waiters: 1 })));
    assert.deepEqual(results, [{ kind: 'recorded', status: 'failed', disabledReason: goneHookReason }, { kind: 'lease_lost' }], `round ${round}: the first deletes the hook, the second's delivery went with it`);
    assert.equal(await setup.store.getWebhook(setup.accountId, hookId), null);
  }
});

test('eight 410s of one REST hook at once, without a gate: each settles, the hook is gone', async () => {
  await using setup = await setUp();
  for (let round = 0; round < 3; round++) {
    const { hookId, leases } = await hookWithLeases(setup, 8);
    const results: RecordResult[] = await Promise.all(leases.map((lease) => setup.store.recordAttempt(lease.delivery.id, lease.leaseToken, gone(), retry, noJudge, T0 + 2)));
    assert.equal(results.filter((result) => result.kind === 'recorded').length, 1, `round ${round}: ${JSON.stringify(results)}`);
    assert.equal(await setup.store.getWebhook(setup.accountId, hookId), null);
  }
});

test('a 410 beside successes of the same failing hook, one alone and two batched: no deadlock, the hook is gone', async () => {
  await using setup = await setUp();
  for (const successes of [1, 2]) {
    const { hookId, leases: [earlier, failing, ...delivered] } = await hookWithLeases(setup, 2 + successes);
    // one failure first: a success must now reset the hook's health, so it takes the hook's row too
    assert.equal((await setup.store.recordAttempt(earlier!.delivery.id, earlier!.leaseToken, attempt(500), retry, noJudge, T0 + 2)).kind, 'recorded');
    const results = await behindTheHooksRow(setup, hookId, [
      { records: () => [setup.store.recordAttempt(failing!.delivery.id, failing!.leaseToken, gone(), retry, noJudge, T0 + 3)], waiters: 1 },
      // started in one turn, the successes go in one statement: recordDelivered alone, recordDeliveredBatch for two
      { records: () => delivered.map((lease) => setup.store.recordAttempt(lease.delivery.id, lease.leaseToken, attempt(200), { kind: 'delivered' }, noJudge, T0 + 3)), waiters: 1 },
    ]);
    assert.deepEqual(results, [{ kind: 'recorded', status: 'failed', disabledReason: goneHookReason }, ...Array(successes).fill({ kind: 'lease_lost' })],
      `${successes}: their deliveries went with the hook`);
    assert.equal(await setup.store.getWebhook(setup.accountId, hookId), null);
  }
});

test("an owner's disable whose clock sees a lease expired, while that lease's failure is recorded: no deadlock", async () => {
  await using setup = await setUp();
  const { hookId, leases: [lease] } = await hookWithLeases(setup, 1);
  const results = await behindTheHooksRow(setup, hookId, [
    // the owner first: once it has the row, it skips the deliveries its clock sees idle (this one's lease ended for it)
    { records: () => [setup.store.updateWebhook(setup.accountId, hookId, { enabled: false }, T0 + 120_000)], waiters: 1 },
    { records: () => [setup.store.recordAttempt(lease!.delivery.id, lease!.leaseToken, attempt(500), retry, noJudge, T0 + 2)], waiters: 1 },
  ]);
  assert.deepEqual(results[1], { kind: 'lease_lost' }, 'the owner skipped the delivery first: the attempt is not recorded');
  const [delivery] = (await setup.store.listDeliveries(setup.accountId, { webhookId: hookId, limit: 1 }));
  assert.equal(delivery?.status, 'skipped');
});
