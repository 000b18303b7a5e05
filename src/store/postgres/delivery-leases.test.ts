// delivery_leases (the migration that adds it, in migrations.ts): the claims count live leases from this small table,
// kept by statement triggers on deliveries, so that no index of deliveries reads a lease column and a lease is a HOT
// update. Three facts are shown here: the table holds exactly the pending deliveries under a lease after every way a
// lease is taken, ends, is abandoned or loses its row; a claim's lease writes no index of deliveries; and pages keep
// room enough for that while claims and records take turns on them.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, migrateToJustBefore, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { postgresAccount } from '../../../test/helpers/postgres-account.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { AttemptRecord } from '../store.ts';
import { createPostgresStore } from './postgres-store.ts';
import { claimOnce } from './claim.ts';
import type { WebhookId } from '../../domain/ids.ts';
import { newAccountId, newWebhookId } from '../../../test/helpers/ids.ts';
import { toEveryWebhook } from '../../../test/helpers/fan-out.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));
const T0 = Date.UTC(2025, 2, 10, 12);
const leaseMs = 60_000;
const noJudge = () => null;
const delivered: AttemptRecord = { id: randomUUID(), number: 1, startedAt: T0, durationMs: 5, statusCode: 200, error: null, errorDetail: null,
  requestHeaders: {}, responseHeaders: {}, responseBody: '' };

/** One producer without webhooks (postgres-account.ts), and `publish(count)`: that many sales, each to every webhook; what was stored. */
async function setUp() {
  const account = await postgresAccount(box, { poolSize: 4, createdAt: T0 });
  const { store, db } = account;
  const publish = async (count: number) => {
    const stored = [];
    for (let n = 0; n < count; n++) {
      const result = await store.publish(account.sale(), toEveryWebhook, T0);
      assert.equal(result.kind, 'created');
      stored.push(...result.deliveries.map((delivery) => ({ delivery, event: result.event })));
    }
    return stored;
  };
  /** The table against its definition: the pending deliveries with a lease token, expired or not, and their expiry. */
  const leasesAgreeWithDeliveries = async (expected: number) => {
    const kept = (await db.query(`SELECT delivery_id AS id, webhook_id, expires_at, due_at FROM delivery_leases ORDER BY delivery_id`)).rows;
    const leased = (await db.query(`SELECT id, webhook_id, lease_expires_at AS expires_at, GREATEST(next_attempt_at, lease_expires_at) AS due_at
      FROM deliveries WHERE status = 'pending' AND lease_token IS NOT NULL ORDER BY 1`)).rows;
    assert.deepEqual(kept, leased);
    assert.equal(kept.length, expected);
  };
  return { ...account, publish, leasesAgreeWithDeliveries };
}

test('delivery_leases holds exactly the pending deliveries under a lease: claims, leases at publish, outcomes, releases, resends and deletes', async () => {
  await using setup = await setUp();
  const { store, accountId, leasesAgreeWithDeliveries } = setup;
  const [hook, other] = [await setup.webhook(), await setup.webhook()];
  const stored = await setup.publish(6);
  await leasesAgreeWithDeliveries(0);

  // a lease at publish, then a claim of the rest
  const atPublish = await store.leaseNew(stored.slice(0, 2), randomUUID(), T0, leaseMs, 100);
  assert.equal(atPublish.length, 2);
  await leasesAgreeWithDeliveries(2);
  const claimed = await store.claimDue(T0 + 1, 100, leaseMs, 100);
  assert.equal(claimed.length, 10);
  await leasesAgreeWithDeliveries(12);

  // outcomes: delivered, a retry (pending again, no lease), failed; then leases given back
  const [first, second, third, ...rest] = claimed;
  await store.recordAttempt(first!.delivery.id, first!.leaseToken, delivered, { kind: 'delivered' }, noJudge, T0 + 2);
  await store.recordAttempt(second!.delivery.id, second!.leaseToken, { ...delivered, id: randomUUID(), statusCode: 500, error: 'http_500' }, { kind: 'retry', at: T0 + 60_000 }, noJudge, T0 + 2);
  await store.recordAttempt(third!.delivery.id, third!.leaseToken, { ...delivered, id: randomUUID(), statusCode: 500, error: 'http_500' }, { kind: 'failed' }, noJudge, T0 + 2);
  await leasesAgreeWithDeliveries(9);
  await store.releaseLeases(rest.slice(0, 2).map((lease) => ({ deliveryId: lease.delivery.id, leaseToken: lease.leaseToken })));
  await leasesAgreeWithDeliveries(7);

  // leases that ran out are taken again by a claim, with the released rows and the retry now due: one row each,
  // the new expiry
  const retaken = await store.claimDue(T0 + leaseMs + 10, 100, leaseMs, 100);
  assert.equal(retaken.length, 7 + 2 + 1);
  await leasesAgreeWithDeliveries(retaken.length);
  const expiries = (await setup.db.query('SELECT DISTINCT expires_at FROM delivery_leases')).rows.map((row) => Number(row.expires_at));
  assert.deepEqual(expiries, [T0 + leaseMs + 10 + leaseMs]);

  // a resend of a failed delivery is pending without a lease; deleting a webhook takes its leased deliveries and
  // their lease rows with them; an owner's disable once the leases ran out skips its idle rows, leases and all
  assert.equal((await store.resendDelivery(accountId, third!.delivery.id, T0 + 3, 5)).kind, 'resent');
  await leasesAgreeWithDeliveries(retaken.length);
  const held = async (webhookId: WebhookId) => (await setup.db.query(`SELECT COUNT(*)::int AS n FROM delivery_leases WHERE webhook_id = $1`, [webhookId])).rows[0].n as number;
  const [ofHook, ofOther] = [await held(hook), await held(other)];
  assert.ok(ofHook > 0 && ofOther > 0, 'both webhooks hold leases');
  assert.equal(await store.deleteWebhook(accountId, other), true);
  await leasesAgreeWithDeliveries(ofHook);
  assert.ok(await store.updateWebhook(accountId, hook, { enabled: false }, T0 + 3 * leaseMs));
  await leasesAgreeWithDeliveries(0);
  const skipped = (await setup.db.query(`SELECT COUNT(*)::int AS n FROM deliveries WHERE webhook_id = $1 AND status = 'skipped' AND lease_token IS NOT NULL`, [hook])).rows[0].n;
  assert.equal(skipped, ofHook, 'the abandoned leases were skipped with their token kept');
});

test('a claim leases without writing any index of deliveries: each lease is a HOT update', async () => {
  await using setup = await setUp();
  await setup.webhook();
  await setup.webhook();
  // eight rows, one page with room for their new versions: HOT then depends only on which columns an index reads
  await setup.publish(4);
  // inside one transaction, so that its own statistics are read before they are flushed
  await setup.db.query('BEGIN');
  const { claimed } = await claimOnce(setup.db, box, { now: T0 + 1, token: randomUUID(), expires: T0 + 1 + leaseMs, limit: 8, cap: 100, budget: 32,
    ringAfter: '', ringSize: 32, accounts: { rooms: new Map(), otherRoom: 8 }, settling: [] });
  const { rows: [counts] } = await setup.db.query(`SELECT pg_stat_get_xact_tuples_updated('deliveries'::regclass)::int AS updated,
    pg_stat_get_xact_tuples_hot_updated('deliveries'::regclass)::int AS hot`);
  await setup.db.query('COMMIT');
  assert.equal(claimed.length, 8);
  assert.deepEqual(counts, { updated: 8, hot: 8 });
  await setup.leasesAgreeWithDeliveries(8);
});

test('an upgrade counts the leases taken before it: the migration fills delivery_leases from the leased pending deliveries', async (t) => {
  const url = await freshDatabase();
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await migrateToJustBefore(db, 'CREATE TABLE delivery_leases');
    const [accountId, webhookId, eventId] = [newAccountId(), newWebhookId(), randomUUID()];
    await db.query(`INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES ($1, 'Acme', 'producer', $2, $3)`, [accountId, box.seal('hottok'), T0]);
    await db.query(`INSERT INTO webhooks (id, account_id, name, url, events, products, version, enabled, secret, created_at, updated_at)
      VALUES ($1, $2, 'members', 'https://members.example/hook', '["PURCHASE_APPROVED"]', '"all"', '2.0.0', TRUE, $3, $4, $4)`, [webhookId, accountId, box.seal('whsec_c2VjcmV0'), T0]);
    await db.query(`INSERT INTO events (account_id, id, event, creation_date, data, txn, is_test, request_hash, created_at)
      VALUES ($1, $2, 'PURCHASE_APPROVED', $3, '{}', 'HP1', FALSE, 'hash', $3)`, [accountId, eventId, T0]);
    // in flight (a live lease), abandoned (its lease ran out), waiting (no lease), delivered
    const rows = [['live', T0 + leaseMs], ['abandoned', T0 - 1], ['waiting', null], ['delivered', null]] as const;
    for (const [n, [name, expires]] of rows.entries()) {
      await db.query(`INSERT INTO deliveries (id, account_id, webhook_id, event_id, event, txn, version, status, is_test, max_attempts, next_attempt_at,
          lease_token, lease_expires_at, created_at, updated_at)
        VALUES ($1, $2, $3, $4, 'PURCHASE_APPROVED', 'HP1', '2.0.0', $5, FALSE, 5, $6, $7, $8, $9, $9)`,
      [`00000000-0000-7000-8000-00000000000${n}`, accountId, webhookId, eventId, name === 'delivered' ? 'delivered' : 'pending', name === 'delivered' ? null : T0 - 10 + n,
        expires === null ? null : `token-${name}`, expires, T0]);
    }

    const store = await createPostgresStore({ url, poolSize: 2 }, box);
    t.after(() => store.close());
    const kept = (await db.query('SELECT delivery_id, expires_at FROM delivery_leases ORDER BY delivery_id')).rows.map((row) => [row.delivery_id, Number(row.expires_at)]);
    assert.deepEqual(kept, [['00000000-0000-7000-8000-000000000000', T0 + leaseMs], ['00000000-0000-7000-8000-000000000001', T0 - 1]]);
    // the live lease holds the webhook's one slot; with two, the oldest due row is taken (the abandoned one)
    assert.deepEqual(await store.claimDue(T0, 10, leaseMs, 1), []);
    assert.deepEqual((await store.claimDue(T0, 10, leaseMs, 2)).map((lease) => lease.delivery.id), ['00000000-0000-7000-8000-000000000001']);
  } finally {
    await db.end();
  }
});

test('leases stay HOT on full pages: each page of deliveries keeps room for its rows\' leases and records (fillfactor)', async () => {
  await using setup = await setUp();
  await setup.webhook();
  await setup.webhook();
  // many pages of rows, then claims and records in turns, as at saturation: a page's first leases and records take
  // the room its later rows' leases need, unless the page kept enough free (the table's fillfactor)
  const stored = await setup.publish(200);
  let leases = 0;
  let hot = 0;
  // this connection's counts not yet flushed to the statistics, read around each claim
  const counts = async () => (await setup.db.query(`SELECT pg_stat_get_xact_tuples_updated('deliveries'::regclass)::int AS updated,
    pg_stat_get_xact_tuples_hot_updated('deliveries'::regclass)::int AS hot`)).rows[0] as { updated: number; hot: number };
  for (let turn = 0; leases < stored.length; turn++) {
    await setup.db.query('BEGIN');
    const before = await counts();
    const { claimed } = await claimOnce(setup.db, box, { now: T0 + 1, token: randomUUID(), expires: T0 + 1 + leaseMs, limit: 16, cap: 100, budget: 64,
      ringAfter: '', ringSize: 32, accounts: { rooms: new Map(), otherRoom: 16 }, settling: [] });
    const after = await counts();
    await setup.db.query('COMMIT');
    assert.equal(after.updated - before.updated, claimed.length, `turn ${turn}: one update per lease`);
    leases += claimed.length;
    hot += after.hot - before.hot;
    for (const { delivery, leaseToken } of claimed) {
      assert.equal((await setup.store.recordAttempt(delivery.id, leaseToken, { ...delivered, id: randomUUID() }, { kind: 'delivered' }, noJudge, T0 + 2)).kind, 'recorded');
    }
  }
  assert.equal(leases, 400);
  // in this sequence: 96 % of the leases with half of each page free, 73 % with a third, 47 % with a fifth
  assert.ok(hot >= 0.9 * leases, `${hot} of ${leases} leases were HOT updates`);
});
