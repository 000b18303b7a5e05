// What only the PostgreSQL store has (the shared contract is in ../store.contract.test.ts): migrations that many
// processes start at once, a LISTEN connection that comes back after it is lost, and a lease at publish (leaseNew)
// that waits for a claim.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { eventually } from '../../../test/helpers/eventually.ts';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { postgresMigrations } from './migrations.ts';
import { createPostgresStore } from './postgres-store.ts';
import { asAccountId, asEventId, asWebhookId } from '../../domain/ids.ts';
import { toEveryWebhook as toAll } from '../../../test/helpers/fan-out.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));

/** Waits until `check` holds (test/helpers/eventually.ts polls it). */
const waitFor = (what: string, check: () => boolean | Promise<boolean>) => eventually(what, async () => (await check()) || undefined);

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

test('leaseNew waits for a running claim\'s lock (another process\'s claim), then leases under the cap it left', async () => {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  const claimer = new pg.Client({ connectionString: url });
  await claimer.connect();
  // watches from outside the claimer's transaction (inside one, pg_stat_activity is read once and kept)
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  try {
    const now = Date.now();
    const acc = asAccountId('acc');
    await store.createAccount({ id: acc, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: now }, { clientId: 'client', accountId: acc, secretHash: 'hash' });
    for (const id of ['busy', 'idle']) {
      await store.createWebhook(acc, asWebhookId(id), { name: id, url: `https://${id}.example/hook`, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: 'whsec_c2VjcmV0' }, now);
    }
    const event = (id: string) => ({ id: asEventId(id), accountId: acc, event: 'PURCHASE_APPROVED', creationDate: now, data: '{}', transaction: id, productId: null, isTest: false, idempotencyKey: null, requestHash: id });
    await store.publish(event('evt-1'), toAll, now);
    let heard = 0;
    const stop = store.onDue!(() => { heard++; });
    await waitFor('the first LISTEN', () => heard === 1);
    // a claim in another process, holding the claims' lock, leases the busy webhook's delivery and has not committed yet
    await claimer.query('BEGIN');
    await claimer.query('SELECT pg_advisory_xact_lock(7358120418002)');
    await claimer.query(`UPDATE deliveries SET lease_token = 'other', lease_expires_at = $1 WHERE webhook_id = 'busy'`, [now + 60_000]);
    const second = await store.publish(event('evt-2'), toAll, now);
    assert.ok(second.kind === 'created', 'the publish answered while the claim holds the lock: it takes no lock');
    const leasing = store.leaseNew(second.deliveries.map((delivery) => ({ delivery, event: second.event })), 'second', now, 60_000, 1);
    let leased: string[] | null = null;
    void leasing.then((claimed) => { leased = claimed.map((c) => c.webhook.id); });
    const waiting = async () => (await watcher.query(`SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%postback_lease_new%'`)).rows[0].n;
    await waitFor("the lease to wait on the claims' lock", async () => (await waiting()) === 1);
    assert.equal(leased, null, 'nothing leased while the claim runs');
    await claimer.query('COMMIT');
    assert.deepEqual((await leasing).map((c) => [c.webhook.id, c.leaseToken]), [['idle', 'second']], "the busy webhook is at its cap (1) after the claim's commit");
    store.announceDue!();
    await waitFor('the workers woken for the delivery left to a claim', () => heard >= 2);
    const claimed = (await store.claimDue(now, 10, 60_000, 8)).map((c) => c.delivery.id);
    assert.ok(claimed.includes(second.deliveries.find((delivery) => delivery.webhookId === 'busy')!.id), "the busy webhook's delivery stays for a claim");
    stop();
  } finally {
    await claimer.end();
    await watcher.end();
    await store.close();
  }
});
