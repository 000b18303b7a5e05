// Publishes batched into one statement on PostgreSQL (publish.ts, batched-calls.ts): what a batch writes is what each
// publish alone would have written, the same id twice in a turn is one event, a publish that fails fails alone,
// routes another process changed reach every publish of the batch, and two events of one sale that a conversion
// postback reports once are reported once, in one turn or on two connections at once.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { newAccountId, newEventId, newWebhookId } from '../../../test/helpers/ids.ts';
import type { AccountId } from '../../domain/ids.ts';
import type { NewEvent } from '../../domain/event.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { AffiliateRouting, FanOut, Store } from '../store.ts';
import { createPostgresStore } from './postgres-store.ts';
import { postgresPublisher } from './publish.ts';
import { toEveryWebhook as toAll } from '../../../test/helpers/fan-out.ts';
import { eventually } from '../../../test/helpers/eventually.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;
const box = createSecretBox(randomBytes(32));

const sale = (accountId: AccountId, transaction: string, overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: `{"purchase":{"transaction":"${transaction}"}}`, transaction, productId: '77',
  isTest: false, idempotencyKey: null, requestHash: 'h', searchTerms: { ofEvent: [transaction.toLowerCase(), `${transaction.toLowerCase()}@example.com`], ofProduct: ['77', 'bolos'] },
  ...overrides,
});

async function setUp(t: { after(fn: () => unknown): void }) {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 4 }, box);
  t.after(() => store.close());
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  t.after(() => db.end());
  const account = async (webhooks: number) => {
    const id = newAccountId();
    await store.createAccount({ id, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId: id, secretHash: 'x' });
    const hooks = [];
    for (let i = 0; i < webhooks; i++) hooks.push(await newHook(store, id));
    return { id, hooks };
  };
  return { url, store, db, account };
}

async function newHook(store: Store, accountId: AccountId) {
  const id = newWebhookId();
  await store.createWebhook(accountId, id, { name: 'members', url: 'https://members.example/hook', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0',
    maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, T0);
  return id;
}

test('one turn\'s publishes of two accounts are one transaction, and each stores what it would alone', async (t) => {
  const { store, db, account } = await setUp(t);
  const [acme, other] = [await account(2), await account(3)];
  // learned once: the turn below is planned on known routes
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  await store.publish(sale(other.id, 'HP0'), toAll, T0);
  const sales = [1, 2, 3, 4].flatMap((n) => [sale(acme.id, `HP${n}`), sale(other.id, `HP${n}`)]);
  const results = await Promise.all(sales.map((event, index) => store.publish(event, toAll, T0 + 1 + index)));

  assert.deepEqual(results.map((result) => result.kind), sales.map(() => 'created'));
  results.forEach((result, index) => {
    const { accountId } = sales[index]!;
    const hooks = accountId === acme.id ? acme.hooks : other.hooks;
    assert.deepEqual(result.deliveries.map((delivery) => delivery.webhookId).sort(), [...hooks].sort(), 'one delivery per webhook of its own account');
    assert.ok(result.deliveries.every((delivery) => delivery.eventId === sales[index]!.id && delivery.createdAt === T0 + 1 + index));
  });
  const { rows } = await db.query('SELECT DISTINCT xmin::text AS xmin FROM events WHERE id = ANY($1)', [sales.map((event) => event.id)]);
  assert.equal(rows.length, 1, 'one transaction wrote the turn\'s events');
  const stored = await db.query('SELECT account_id, id, created_at, search_terms FROM events WHERE id = ANY($1) ORDER BY created_at', [sales.map((event) => event.id)]);
  assert.deepEqual(stored.rows.map((row) => [row.account_id, row.id, Number(row.created_at), row.search_terms]),
    sales.map((event, index) => [event.accountId, event.id, T0 + 1 + index, event.searchTerms!.ofEvent]));
  const found = await store.listDeliveries(acme.id, { search: 'hp3@', limit: 10 });
  assert.deepEqual(found.map((delivery) => delivery.eventId).sort(), [sales[4]!.id, sales[4]!.id]);
  const viaProduct = await store.listDeliveries(other.id, { search: 'bolos', limit: 50 });
  assert.equal(viaProduct.length, 5 * 3, 'the product\'s terms reach every sale of it');
  const deliveries = await db.query('SELECT COUNT(*)::int AS n FROM deliveries WHERE event_id = ANY($1)', [sales.map((event) => event.id)]);
  assert.equal(deliveries.rows[0].n, 4 * 2 + 4 * 3);
});

test('sales naming an affiliate code that no affiliation here knows go in the turn\'s one statement with the others', async (t) => {
  const { store, db, account } = await setUp(t);
  const [acme, other] = [await account(2), await account(1)];
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  await store.publish(sale(other.id, 'HP0'), toAll, T0);
  const unknownAffiliate: AffiliateRouting = { codes: ['X9Y8'], copyFor: () => assert.fail('no affiliation, no copy') };
  const sales = [1, 2, 3].flatMap((n) => [sale(acme.id, `HP${n}`), sale(other.id, `HP${n}`)]);
  const results = await Promise.all(sales.map((event, index) => store.publish(event, toAll, T0 + index, index % 3 === 0 ? undefined : unknownAffiliate)));
  results.forEach((result, index) => {
    assert.equal(result.kind, 'created');
    const hooks = sales[index]!.accountId === acme.id ? acme.hooks : other.hooks;
    assert.deepEqual(result.deliveries.map((delivery) => delivery.webhookId).sort(), [...hooks].sort());
    assert.equal(result.kind === 'created' && result.affiliateDeliveries, 0);
  });
  const { rows } = await db.query('SELECT DISTINCT xmin::text AS xmin FROM events WHERE id = ANY($1)', [sales.map((event) => event.id)]);
  assert.equal(rows.length, 1, 'one transaction wrote them all');
  assert.equal((await store.listDeliveries(acme.id, { search: 'hp2', limit: 10 })).length, 2);
});

test('an affiliation another process made reaches the next sale naming its code, beside sales that name none', async (t) => {
  const { url, store, db, account } = await setUp(t);
  const [acme, rafael] = [await account(1), await account(1)];
  await store.createProduct(acme.id, { id: '77', name: 'Bolos', ucode: null, shareBuyerData: true, createdAt: T0 });
  const routing = (event: NewEvent): AffiliateRouting => ({ codes: ['K1'], copyFor: (accountId) => ({ ...event, accountId, idempotencyKey: null }) });
  const first = sale(acme.id, 'HP1');
  const before = await store.publish(first, toAll, T0, routing(first));
  assert.equal(before.kind === 'created' && before.affiliateDeliveries, 0, 'no affiliation yet');
  // another process of the same deployment affiliates Rafael with code K1: this one learns it from the statement
  const elsewhere = await createPostgresStore({ url, poolSize: 1 }, box);
  await elsewhere.createAffiliation(acme.id, { id: randomUUID(), productId: '77', affiliateCode: 'K1', affiliateAccountId: rafael.id, createdAt: T0 }).finally(() => elsewhere.close());
  const [named, plain] = [sale(acme.id, 'HP2'), sale(acme.id, 'HP3')];
  const [shared, alone] = await Promise.all([store.publish(named, toAll, T0 + 1, routing(named)), store.publish(plain, toAll, T0 + 1)]);
  assert.equal(shared.kind === 'created' && shared.affiliateDeliveries, 1, 'the copy is made');
  assert.deepEqual([shared.deliveries.length, alone.kind === 'created' && alone.deliveries.length], [1, 1]);
  const { rows } = await db.query('SELECT account_id, txn FROM events WHERE txn IN ($1, $2) ORDER BY account_id = $3 DESC, txn', ['HP2', 'HP3', acme.id]);
  assert.deepEqual(rows.map((row) => [row.account_id, row.txn]), [[acme.id, 'HP2'], [acme.id, 'HP3'], [rafael.id, 'HP2']], 'the sale, the plain one, and the copy: each once');
});

test('the same event id twice in one turn is one event: the other publish replays it', async (t) => {
  const { store, account } = await setUp(t);
  const acme = await account(2);
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  const twice = sale(acme.id, 'HP1');
  const keyed = sale(acme.id, 'HP2', { idempotencyKey: 'key-1' });
  const results = await Promise.all([twice, sale(acme.id, 'HP3'), twice, keyed, { ...keyed, id: newEventId() }].map((event) => store.publish(event, toAll, T0 + 1)));
  assert.deepEqual(results.map((result) => result.kind).sort(), ['created', 'created', 'created', 'replayed', 'replayed']);
  const [first, , second, byKey, byKeyAgain] = results;
  assert.deepEqual(first!.deliveries.map((delivery) => delivery.id).sort(), second!.deliveries.map((delivery) => delivery.id).sort());
  assert.equal(byKeyAgain!.event.id, byKey!.event.id);
  assert.deepEqual(byKey!.deliveries.map((delivery) => delivery.id).sort(), byKeyAgain!.deliveries.map((delivery) => delivery.id).sort());
});

test('a publish the database refuses fails alone; the rest of its turn is stored', async (t) => {
  const { store, db, account } = await setUp(t);
  const acme = await account(1);
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  // PostgreSQL's text holds no NUL character: the batch's statement fails, then each publish runs alone
  const refused = sale(acme.id, 'HP1', { data: '{"buyer":{"name":"Ana\u0000"}}' });
  const [fine, bad, alsoFine] = await Promise.allSettled([sale(acme.id, 'HP2'), refused, sale(acme.id, 'HP3')].map((event) => store.publish(event, toAll, T0 + 1)));
  assert.equal(bad!.status, 'rejected');
  assert.deepEqual([fine!.status, alsoFine!.status], ['fulfilled', 'fulfilled']);
  const { rows } = await db.query('SELECT txn FROM events ORDER BY txn');
  assert.deepEqual(rows.map((row) => row.txn), ['HP0', 'HP2', 'HP3']);
});

test('webhooks another process added reach every publish of the next turn', async (t) => {
  const { url, store, account } = await setUp(t);
  const acme = await account(1);
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  // another process of the same deployment adds a webhook: this one's known routes are now stale
  const elsewhere = await createPostgresStore({ url, poolSize: 1 }, box);
  const added = await newHook(elsewhere, acme.id).finally(() => elsewhere.close());
  const results = await Promise.all([1, 2, 3].map((n) => store.publish(sale(acme.id, `HP${n}`), toAll, T0 + n)));
  for (const result of results) {
    assert.equal(result.kind, 'created');
    assert.deepEqual(result.deliveries.map((delivery) => delivery.webhookId).sort(), [acme.hooks[0]!, added].sort());
  }
});

test('two processes publishing the same sales in opposite orders never deadlock: each sale is one event, the other a replay', async (t) => {
  const { url, store, db, account } = await setUp(t);
  const acme = await account(1);
  const other = await createPostgresStore({ url, poolSize: 4 }, box);
  await store.publish(sale(acme.id, 'HP0'), toAll, T0);
  await other.publish(sale(acme.id, 'HP0b'), toAll, T0);
  for (let round = 1; round <= 40; round++) {
    const sales = [1, 2, 3, 4, 5, 6].map((n) => sale(acme.id, `HP${round}-${n}`));
    const results = await Promise.all([
      ...sales.map((event) => store.publish(event, toAll, T0 + round)),
      ...[...sales].reverse().map((event) => other.publish(event, toAll, T0 + round)),
    ]);
    assert.equal(results.filter((result) => result.kind === 'created').length, sales.length, `round ${round}: each sale once`);
  }
  // a backend's counters reach the shared statistics when it ends: both stores' pools end here
  await other.close();
  await store.close();
  const deadlocks = async () => {
    await db.query('SELECT pg_stat_clear_snapshot()');
    return Number((await db.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks);
  };
  // without the key order a cycle is a race: about one round in twenty met it here (PostgreSQL broke it after its
  // deadlock_timeout, and each publish ran again alone)
  assert.equal(await deadlocks(), 0);
});

/** A conversion postback's fan-out: each webhook reports a sale's event once (fan-out's unlessReported). */
const oncePerSale: FanOut = (routes) => routes.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending' as const, unlessReported: true }));

/** Each delivery of the sale as stored: its status and, for a skip, why. */
const reported = async (db: pg.Client, transaction: string) =>
  (await db.query('SELECT status, last_error FROM deliveries WHERE txn = $1 ORDER BY status', [transaction])).rows.map((row) => [row.status, row.last_error]);

test('two events of one sale a conversion reports, published in one turn: one goes, the other is skipped already_reported', async (t) => {
  const { store, db, account } = await setUp(t);
  const acme = await account(1);
  await store.publish(sale(acme.id, 'HP0'), oncePerSale, T0);
  // one approval published twice under two ids (sale() gives each its own), with other sales in the same turn
  const events = [sale(acme.id, 'HP1'), sale(acme.id, 'HP2'), sale(acme.id, 'HP1'), sale(acme.id, 'HP3')];
  const results = await Promise.all(events.map((event) => store.publish(event, oncePerSale, T0 + 1)));
  assert.deepEqual(results.map((result) => result.kind), ['created', 'created', 'created', 'created']);
  const answered = [results[0]!, results[2]!].flatMap((result) => result.deliveries.map((delivery) => [delivery.status, delivery.lastError])).sort();
  assert.deepEqual(answered, [['pending', null], ['skipped', 'already_reported']], 'answered as stored');
  assert.deepEqual(await reported(db, 'HP1'), [['pending', null], ['skipped', 'already_reported']], 'one conversion of the sale goes');
  for (const other of ['HP2', 'HP3']) assert.deepEqual(await reported(db, other), [['pending', null]]);
});

test('a publish of the same sale on another connection waits for the first to commit, then is skipped already_reported', async (t) => {
  const { url, store, db, account } = await setUp(t);
  const acme = await account(1);
  await store.publish(sale(acme.id, 'HP0'), oncePerSale, T0);
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  t.after(() => watcher.end());
  const lockWaits = async () => Number((await watcher.query(`SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n);

  // the first publish of the approval, held by the test inside its transaction on a connection of its own
  await db.query('BEGIN');
  let second: Promise<unknown> | undefined;
  try {
    const first = await postgresPublisher().publishOn(db, sale(acme.id, 'HP1'), oncePerSale, T0 + 1);
    assert.deepEqual(first.deliveries.map((delivery) => delivery.status), ['pending']);
    // the second, under another id, through the store's pool: it must not decide before the first commits
    let done = false;
    second = store.publish(sale(acme.id, 'HP1'), oncePerSale, T0 + 2).finally(() => { done = true; });
    const seen = await eventually('the second publish waiting, or done', async () => (done ? 'done' : (await lockWaits()) > 0 ? 'waiting' : undefined));
    assert.equal(seen, 'waiting', 'the second publish waits for the first');
  } finally {
    await db.query('COMMIT');
  }
  const result = await second! as { deliveries: { status: string; lastError: string | null }[] };
  assert.deepEqual(result.deliveries.map((delivery) => [delivery.status, delivery.lastError]), [['skipped', 'already_reported']]);
  assert.deepEqual(await reported(db, 'HP1'), [['pending', null], ['skipped', 'already_reported']], 'one conversion of the sale goes');
});

test('two processes publishing two events of each of the same sales, in opposite orders: each sale reported once, and no deadlock', async (t) => {
  const { url, store, db, account } = await setUp(t);
  const acme = await account(2);
  const other = await createPostgresStore({ url, poolSize: 4 }, box);
  await store.publish(sale(acme.id, 'HP0'), oncePerSale, T0);
  await other.publish(sale(acme.id, 'HP0b'), oncePerSale, T0);
  for (let round = 1; round <= 20; round++) {
    const sales = [1, 2, 3, 4, 5, 6].map((n) => `HP${round}-${n}`);
    await Promise.all([
      ...sales.map((transaction) => store.publish(sale(acme.id, transaction), oncePerSale, T0 + round)),
      ...[...sales].reverse().map((transaction) => other.publish(sale(acme.id, transaction), oncePerSale, T0 + round)),
    ]);
    const { rows } = await db.query(`SELECT txn, webhook_id, COUNT(*) FILTER (WHERE status = 'pending')::int AS sent, COUNT(*) FILTER (WHERE last_error = 'already_reported')::int AS repeats
      FROM deliveries WHERE txn = ANY($1) GROUP BY txn, webhook_id`, [sales]);
    assert.equal(rows.length, sales.length * 2, `round ${round}`);
    for (const row of rows) assert.deepEqual([row.sent, row.repeats], [1, 1], `round ${round}: ${row.txn} reported once to each webhook`);
  }
  await other.close();
  await store.close();
  await db.query('SELECT pg_stat_clear_snapshot()');
  assert.equal(Number((await db.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks), 0);
});
