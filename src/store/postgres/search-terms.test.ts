// An event's search terms go with it (the migration that adds events.search_terms): the event lists them, and a
// statement trigger deletes them by primary key whatever removes the event. No index by event and no foreign key
// check is written at a publish for that. The same facts as src/store/sqlite/search-terms.test.ts, on PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, migrateToJustBefore, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { newAccountId, newEventId } from '../../../test/helpers/ids.ts';
import type { AccountId } from '../../domain/ids.ts';
import type { NewEvent } from '../../domain/event.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { createPostgresStore } from './postgres-store.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;
const box = createSecretBox(randomBytes(32));

const sale = (accountId: AccountId, transaction: string, ofEvent: string[]): NewEvent => ({
  id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction, productId: null, isTest: false,
  idempotencyKey: null, requestHash: 'h', searchTerms: { ofEvent, ofProduct: [] },
});

/** The term rows of each event, terms sorted. */
async function termsByEvent(db: pg.Client): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ event_id: string; term: string }>('SELECT event_id, term FROM event_search_terms ORDER BY event_id, term');
  return rows.reduce((terms, row) => terms.set(row.event_id, [...(terms.get(row.event_id) ?? []), row.term]), new Map<string, string[]>());
}

async function connected(url: string): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return db;
}

test('a purged event takes its search terms with it, a newer one keeps its own, and a removed account takes all of its own', async (t) => {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  t.after(() => store.close());
  const db = await connected(url);
  t.after(() => db.end());
  const [accountId, otherId] = [newAccountId(), newAccountId()];
  for (const id of [accountId, otherId]) await store.createAccount({ id, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId: id, secretHash: 'x' });
  // no webhook: each event matches none, so retention may purge it as soon as it is older than the cutoff
  const old = sale(accountId, 'HP0001', ['hp0001', 'ana@example.com', 'ana souza', 'souza']);
  const kept = sale(accountId, 'HP0002', ['hp0002', 'bruno@example.com']);
  // another account's sale under the same terms and the same event id: its rows are not the purged event's
  const theirs = { ...sale(otherId, 'HP0001', ['hp0001', 'ana souza']), id: old.id };
  await store.publish(old, () => [], T0);
  await store.publish(kept, () => [], T0 + 10_000);
  await store.publish(theirs, () => [], T0 + 10_000);
  assert.equal((await termsByEvent(db)).get(old.id)?.length, 6, 'both accounts\' rows under the shared event id');

  assert.equal(await store.purgeHistory(T0 + 1_000, 100), 1);
  assert.deepEqual(await termsByEvent(db), new Map([[kept.id, ['bruno@example.com', 'hp0002']], [old.id, ['ana souza', 'hp0001']]]));
  const { rows } = await db.query('SELECT account_id FROM event_search_terms WHERE event_id = $1', [old.id]);
  assert.deepEqual(rows.map((row) => row.account_id), [otherId, otherId], 'what is left under that id is the other account\'s');

  await db.query('DELETE FROM accounts WHERE id = $1', [accountId]);
  assert.deepEqual(await termsByEvent(db), new Map([[old.id, ['ana souza', 'hp0001']]]));
});

test('events stored before the migration get their list from their term rows, and take them with them too', async (t) => {
  const url = await freshDatabase();
  const db = await connected(url);
  t.after(() => db.end());
  await migrateToJustBefore(db, 'ADD COLUMN search_terms');
  const accountId = newAccountId();
  const [old, kept, none] = [newEventId(), newEventId(), newEventId()];
  await db.query(`INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES ($1, 'Acme', 'producer', 'h', $2)`, [accountId, T0]);
  for (const [id, at] of [[old, T0], [kept, T0 + 10_000], [none, T0 + 10_000]] as const) {
    await db.query(`INSERT INTO events (account_id, id, event, creation_date, data, is_test, request_hash, created_at)
      VALUES ($1, $2, 'PURCHASE_APPROVED', $3, '{}', FALSE, 'h', $3)`, [accountId, id, at]);
  }
  for (const [term, id] of [['hp0001', old], ['ana souza', old], ['hp0002', kept]]) {
    await db.query('INSERT INTO event_search_terms (account_id, term, event_id) VALUES ($1, $2, $3)', [accountId, term, id]);
  }

  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  t.after(() => store.close());
  const lists = (await db.query<{ id: string; search_terms: string[] | null }>('SELECT id, search_terms FROM events')).rows
    .map((row): [string, string[] | null] => [row.id, row.search_terms && [...row.search_terms].sort()]);
  assert.deepEqual(new Map(lists), new Map([[old, ['ana souza', 'hp0001']], [kept, ['hp0002']], [none, null]]));
  assert.equal(await store.purgeHistory(T0 + 1_000, 100), 1);
  assert.deepEqual(await termsByEvent(db), new Map([[kept, ['hp0002']]]));
});

test('the trigger removes each term by a probe of the primary key, never a read of the whole table', async (t) => {
  const url = await freshDatabase();
  await (await createPostgresStore({ url, poolSize: 1 }, box)).close();
  const db = await connected(url);
  t.after(() => db.end());
  const accountId = newAccountId();
  await db.query(`INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES ($1, 'Acme', 'producer', 'h', $2)`, [accountId, T0]);
  await db.query(`INSERT INTO events (account_id, id, event, creation_date, data, is_test, request_hash, created_at, search_terms)
    SELECT $1, 'e' || g, 'PURCHASE_APPROVED', $2, '{}', FALSE, 'h', $2, ARRAY['hp' || g, 'buyer' || g || '@example.com'] FROM generate_series(1, 2000) g`, [accountId, T0]);
  await db.query('INSERT INTO event_search_terms SELECT account_id, unnest(search_terms), id FROM events');
  await db.query('ANALYZE event_search_terms');
  // the plans of the statements run inside the trigger, sent to this client as it runs them
  const plans: string[] = [];
  db.on('notice', (notice) => plans.push(notice.message ?? ''));
  await db.query("LOAD 'auto_explain'");
  await db.query('SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET client_min_messages = log');
  await db.query("DELETE FROM events WHERE id IN ('e1', 'e2', 'e3')");
  const removal = plans.find((plan) => plan.includes('Delete on event_search_terms'));
  assert.ok(removal, `the trigger's plan was sent: ${plans.join('\n')}`);
  assert.match(removal, /Index Scan using event_search_terms_pkey/);
  assert.doesNotMatch(removal, /Seq Scan on event_search_terms|Hash Join|Merge Join/);
  assert.equal(Number((await db.query('SELECT COUNT(*) AS n FROM event_search_terms')).rows[0].n), 3994);
});

test('a database whose trigger function was made before it had its plan settings gets them on upgrade', async (t) => {
  const url = await freshDatabase();
  const db = await connected(url);
  t.after(() => db.end());
  // as version 21 first ran, before it was edited in place: the function without its settings
  await migrateToJustBefore(db, 'ALTER FUNCTION postback_remove_search_terms()');
  await db.query('ALTER FUNCTION postback_remove_search_terms() RESET ALL');
  const settings = async () => (await db.query<{ proconfig: string[] | null }>(`SELECT proconfig FROM pg_proc WHERE proname = 'postback_remove_search_terms'`)).rows[0]?.proconfig;
  assert.equal(await settings(), null);
  await (await createPostgresStore({ url, poolSize: 1 }, box)).close();
  assert.deepEqual(await settings(), ['enable_seqscan=off', 'enable_hashjoin=off', 'enable_mergejoin=off']);
});
