// What only the PostgreSQL store has (the shared contract is in ../store.contract.test.ts): migrations that many
// processes start at once, a LISTEN connection that comes back after it is lost, and a hand-off that never waits.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { postgresMigrations } from './migrations.ts';
import { createPostgresStore } from './postgres-store.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('processes starting together migrate once: the advisory lock makes the others wait, then find nothing to do', async () => {
  const url = await freshDatabase();
  const stores = await Promise.all(Array.from({ length: 5 }, () => createPostgresStore({ url, poolSize: 2 }, box)));
  try {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query<{ version: number }>('SELECT version FROM postback_migrations ORDER BY version');
    await db.end();
    assert.deepEqual(rows.map((row) => row.version), postgresMigrations.map((_, index) => index + 1));
    assert.equal(await stores[4]!.countAccounts(), 0);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
});

test('a database migrated by a newer Postback is refused, not touched', async () => {
  const url = await freshDatabase();
  await (await createPostgresStore({ url, poolSize: 1 }, box)).close();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('INSERT INTO postback_migrations (version, applied_at) VALUES ($1, 0)', [postgresMigrations.length + 1]);
  await db.end();
  await assert.rejects(createPostgresStore({ url, poolSize: 1 }, box), /newer than this Postback knows/);
});

test('a lost LISTEN connection is reopened, and wake-ups resume (dispatchers poll meanwhile)', async () => {
  const url = await freshDatabase();
  const errors: Error[] = [];
  const store = await createPostgresStore({ url, poolSize: 2 }, box, (error) => errors.push(error));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    let heard = 0;
    const stop = store.onDue!(() => { heard++; });
    await waitFor('the first LISTEN', () => heard === 1);
    const listening = async () => (await admin.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)).rows.map((row) => Number(row.pid));
    const [pid] = await listening();
    assert.ok(pid, 'one session is listening');
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    // reconnects after its back-off (1 s), and fires once on reconnecting: what was published meanwhile went unheard
    await waitFor('the LISTEN to come back', () => heard === 2);
    assert.ok(errors.length >= 1, 'the loss was reported');
    const [again] = await listening();
    assert.ok(again && again !== pid, 'a new session listens');
    await admin.query(`SELECT pg_notify('postback_due', '')`);
    await waitFor('a notification on the new connection', () => heard === 3);
    stop();
  } finally {
    await admin.end();
    await store.close();
  }
});

test('a hand-off never waits for a running claim: while the claims\' lock is held, a publish leases nothing and wakes the workers', async () => {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  const claimer = new pg.Client({ connectionString: url });
  await claimer.connect();
  try {
    const now = Date.now();
    await store.createAccount({ id: 'acc', name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: now }, { clientId: 'client', accountId: 'acc', secretHash: 'hash' });
    await store.createWebhook('acc', 'hook', { name: 'members', url: 'https://receiver.example/hook', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: 'whsec_c2VjcmV0' }, now);
    let heard = 0;
    const stop = store.onDue!(() => { heard++; });
    await waitFor('the first LISTEN', () => heard === 1);
    // what postback_claim holds while it runs
    await claimer.query('BEGIN');
    await claimer.query('SELECT pg_advisory_xact_lock(7358120418002)');
    let asked = 0;
    const handOff = { leaseToken: 'token', leaseExpiresAt: now + 60_000, perWebhook: 8, take: () => { asked++; return true; } };
    const event = { id: 'evt-1', accountId: 'acc', event: 'PURCHASE_APPROVED', creationDate: now, data: '{}', transaction: 'HP1', productId: null, isTest: false, idempotencyKey: null, requestHash: 'h' };
    const toAll = (routes: { id: string; version: string }[]) => routes.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, status: 'pending' as const }));
    const published = await store.publish(event, toAll, now, undefined, handOff);
    assert.ok(published.kind === 'created');
    assert.deepEqual([asked, published.handedOff], [1, []], 'asked, and nothing leased: the publish did not wait for the lock');
    await waitFor('the workers woken for the delivery left to a claim', () => heard === 2);
    await claimer.query('COMMIT');
    const [claimed] = await store.claimDue(now, 10, 60_000, 8);
    assert.equal(claimed?.delivery.id, published.deliveries[0]!.id, 'the delivery is there for the next claim');
    stop();
  } finally {
    await claimer.end();
    await store.close();
  }
});
