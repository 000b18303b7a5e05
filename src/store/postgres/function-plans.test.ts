// The functions the dispatcher calls at every turn keep their plans to index paths. PostgreSQL caches a function's
// plans per connection, and a plan made while deliveries was nearly empty (a fresh database, a process started early)
// is kept after the table has grown: a join of the call's ids to a scan of every delivery (measured: 138 ms a lease at
// publish with 12,000 deliveries). Each case below has its function planned on an empty table, in one session, then
// called again there after 2,000 deliveries were stored: it must read no delivery by a sequential scan. The publish
// statement is prepared once per connection in the same way, and reads affiliations through postback_affiliated.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { postgresAccount } from '../../../test/helpers/postgres-account.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { postgresPublisher } from './publish.ts';
import { toWebhookRoute } from '../rows.ts';
import { asEventId } from '../../domain/ids.ts';
import { newAccountId } from '../../../test/helpers/ids.ts';
import { toEveryWebhook } from '../../../test/helpers/fan-out.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));
const T0 = Date.UTC(2025, 2, 10, 12);
const expires = T0 + 60_000;

/** One producer with 4 webhooks (postgres-account.ts), and `publish(count)`: that many sales fanned out to all 4; their delivery ids. */
async function setUp() {
  const account = await postgresAccount(box, { poolSize: 2, createdAt: T0 });
  const { store, db } = account;
  for (let i = 0; i < 4; i++) await account.webhook(`hook ${i}`);
  const publish = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 25) {
      const results = await Promise.all(Array.from({ length: Math.min(25, count - n) }, () => store.publish(account.sale(), toEveryWebhook, T0)));
      for (const result of results) if (result.kind === 'created') ids.push(...result.deliveries.map((delivery) => delivery.id));
    }
    return ids;
  };
  /** Rows of `table` read by sequential scans in this session during `run`. */
  const scannedDuring = async <T>(run: () => Promise<T>, table = 'deliveries'): Promise<{ scanned: number; result: T }> => {
    const read = async () => Number((await db.query(`SELECT pg_stat_get_xact_tuples_returned($1::regclass) AS n`, [table])).rows[0].n);
    await db.query('BEGIN');
    try {
      const before = await read();
      const result = await run();
      return { scanned: (await read()) - before, result };
    } finally {
      await db.query('ROLLBACK');
    }
  };
  return { ...account, publish, scannedDuring };
}

const lease = (ids: string[]): pg.QueryConfig => ({ text: 'SELECT postback_lease_new($1, 16, $2, $3, $4) AS leased', values: [T0, ids, ids.map(() => 'token'), ids.map(() => expires)] });
const record = (ids: string[], token: string): pg.QueryConfig => ({ text: 'SELECT postback_record_delivered($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) AS settled', values: [
  ids, ids.map(() => token), ids.map(() => T0 + 1), ids.map(() => 200), ids.map(() => randomUUID()), ids.map(() => 1), ids.map(() => T0),
  ids.map(() => 5), ids.map(() => '{}'), ids.map(() => '{}'), ids.map(() => ''), ids.map(() => null), ids.map(() => null), ids.map(() => 'https://receiver.example/hook')] });

test('postback_lease_new, planned on an empty table, still finds the new deliveries by key', async () => {
  await using setup = await setUp();
  // more calls than PostgreSQL's five custom plans, so that the session has settled on the plan it keeps
  for (let call = 0; call < 7; call++) await setup.db.query(lease([randomUUID()]));
  const ids = (await setup.publish(500)).slice(-16);
  const { scanned, result } = await setup.scannedDuring(async () => (await setup.db.query(lease(ids))).rows[0]!.leased);
  assert.equal(result.length, 16);
  assert.equal(scanned, 0, 'no delivery read by a sequential scan');
});

test('postback_record_delivered, planned on an empty table, still finds the recorded deliveries by key', async () => {
  await using setup = await setUp();
  for (let call = 0; call < 7; call++) await setup.db.query(record([randomUUID()], 'token'));
  const ids = (await setup.publish(500)).slice(-16);
  await setup.db.query(lease(ids));
  const { scanned, result } = await setup.scannedDuring(async () => (await setup.db.query(record(ids, 'token'))).rows[0]!.settled);
  assert.equal(result.length, 16);
  assert.equal(scanned, 0, 'no delivery read by a sequential scan');
});

test('the publish statement, planned on no affiliations, still looks a sale\'s affiliate codes up by key', async () => {
  await using setup = await setUp();
  const { db, accountId } = setup;
  const routes = (await db.query('SELECT * FROM webhooks WHERE account_id = $1', [accountId])).rows;
  const publisher = postgresPublisher();
  // one sale of product P1 naming `codes`, through the statement prepared in this session
  const sell = async (codes: string[]) => {
    const id = randomUUID();
    const event = { id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction: id, productId: 'P1', isTest: false,
      idempotencyKey: null, requestHash: id };
    return (await publisher.insertMany(db, [{ event, plans: toEveryWebhook(routes.map(toWebhookRoute)), now: T0, fingerprint: null, affiliateCodes: codes }]))[0]!;
  };
  // more publishes than PostgreSQL's five custom plans, while the platform has no affiliation
  for (let call = 0; call < 7; call++) assert.equal((await sell(['NOBODY'])).created, true);
  // then 2,000 affiliations: 40 products of this producer, each promoted by 50 affiliates under codes of their own
  const affiliates: string[] = [];
  for (let n = 0; n < 50; n++) {
    const id = newAccountId();
    await setup.store.createAccount({ id, name: `Affiliate ${n}`, kind: 'affiliate', hottok: 'hottok', createdAt: T0 }, { clientId: randomUUID(), accountId: id, secretHash: 'hash' });
    affiliates.push(id);
  }
  await db.query(`INSERT INTO products (account_id, id, name, created_at) SELECT $1, 'P' || p, 'Course ' || p, $2 FROM generate_series(1, 40) p`, [accountId, T0]);
  await db.query(`INSERT INTO affiliations (id, producer_account_id, product_id, affiliate_code, affiliate_account_id, created_at)
    SELECT gen_random_uuid()::text, $1, 'P' || p, 'C' || p || '-' || a, ($2::text[])[a], $3 FROM generate_series(1, 40) p, generate_series(1, 50) a`, [accountId, affiliates, T0]);
  await db.query('ANALYZE affiliations');
  const unaffiliated = await setup.scannedDuring(() => sell(['NOBODY', 'C2-7']), 'affiliations');
  assert.deepEqual([unaffiliated.result.created, unaffiliated.result.shared], [true, false], 'no code of the sale is affiliated to P1: stored');
  assert.equal(unaffiliated.scanned, 0, 'no affiliation read by a sequential scan');
  const affiliated = await setup.scannedDuring(() => sell(['C1-7']), 'affiliations');
  assert.deepEqual([affiliated.result.created, affiliated.result.shared], [false, true], 'an affiliated code: nothing written, shared in a transaction of its own');
  assert.equal(affiliated.scanned, 0, 'no affiliation read by a sequential scan');
});
