// The publish statement reads a conversion's earlier deliveries of its sale (a repeat is skipped, already_reported)
// by index, whatever plan it was prepared with. It is prepared once per connection and PostgreSQL keeps that plan:
// one made while events and deliveries were nearly empty (a fresh platform, a process started early) must not read
// every delivery of the platform for each conversion once the tables have grown (function-plans.test.ts has the same
// check for the functions the dispatcher calls).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { postgresAccount } from '../../../test/helpers/postgres-account.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { postgresPublisher } from './publish.ts';
import { toWebhookRoute } from '../rows.ts';
import { asEventId } from '../../domain/ids.ts';
import type { FanOut, NewEvent } from '../store.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));
const T0 = Date.UTC(2025, 2, 10, 12);

test('the publish statement, planned on empty tables, still finds a conversion\'s earlier deliveries of its sale by key', async () => {
  await using setup = await postgresAccount(box, { poolSize: 2, createdAt: T0 });
  const { db, accountId, store } = setup;
  for (let i = 0; i < 3; i++) await setup.webhook(`hook ${i}`);
  const routes = (await db.query('SELECT * FROM webhooks WHERE account_id = $1', [accountId])).rows;
  // every plan a conversion's (the store reads what fan-out says, not the webhook's version)
  const once: FanOut = (webhooks) => webhooks.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending', unlessReported: true }));
  const publisher = postgresPublisher();
  const sale = (transaction: string): NewEvent => {
    const id = randomUUID();
    return { id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction, productId: null, isTest: false, idempotencyKey: null, requestHash: id };
  };
  const publish = async (transaction: string) => (await publisher.insertMany(db, [{ event: sale(transaction), plans: once(routes.map(toWebhookRoute)), now: T0, fingerprint: null, affiliateCodes: null }]))[0]!;
  // more publishes than PostgreSQL's five custom plans, in this session, while the tables are empty
  for (let call = 0; call < 7; call++) assert.equal((await publish(randomUUID())).created, true);
  // then 2,000 sales of other transactions, through the store's pool
  for (let n = 0; n < 2000; n += 50) await Promise.all(Array.from({ length: 50 }, () => store.publish(sale(randomUUID()), once, T0)));
  await db.query('ANALYZE');
  const first = await publish('HP-REPEATED');
  assert.deepEqual(first.deliveries.map((delivery) => delivery.status), ['pending', 'pending', 'pending']);

  const read = async (table: string) => Number((await db.query('SELECT pg_stat_get_xact_tuples_returned($1::regclass) AS n', [table])).rows[0].n);
  await db.query('BEGIN');
  try {
    const before = [await read('deliveries'), await read('events')];
    const repeat = await publish('HP-REPEATED');
    const scanned = [(await read('deliveries')) - before[0]!, (await read('events')) - before[1]!];
    assert.deepEqual(repeat.deliveries.map((delivery) => [delivery.status, delivery.lastError]), [0, 1, 2].map(() => ['skipped', 'already_reported']));
    assert.deepEqual(scanned, [0, 0], 'no delivery nor event read by a sequential scan');
  } finally {
    await db.query('ROLLBACK');
  }
});
