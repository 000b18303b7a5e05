// record-retry.ts on the real PostgreSQL store, reached through a TCP relay on 127.0.0.1 that the test cuts (every
// connection dropped, new ones refused) and restores: a record that fails while cut is written once restored, within
// its lease; it is given up at its lease's end or at the shutdown, whichever comes first; and a try after another
// worker took the lease writes nothing (the fencing token), answering lease_lost.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { after, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { eventually } from '../../test/helpers/eventually.ts';
import { newWebhookId } from '../../test/helpers/ids.ts';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { createAccount } from '../accounts/create-account.ts';
import { approvedSaleData } from '../catalog/test-fixtures.ts';
import { publishEvent } from '../ingest/publish-event.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import type { AttemptRecord, ClaimedDelivery, Store } from '../store/store.ts';
import { retryingRecords } from './record-retry.ts';

after(stopTestPostgres);

/** A relay to `target` that can be cut (connections dropped, new ones refused) and restored on the same port. */
async function cuttableRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(target.port), target.hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => { sockets.delete(socket); inbound.destroy(); outbound.destroy(); });
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString(),
    async cut() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    restore: () => listen(port),
    close: () => new Promise<void>((resolve) => { for (const socket of sockets) socket.destroy(); if (server.listening) server.close(() => resolve()); else resolve(); }),
  };
}

type Setup = { store: Store; direct: Store; relay: Awaited<ReturnType<typeof cuttableRelay>>; db: pg.Client; claimed: ClaimedDelivery };

/** One delivery, claimed through the relay for `leaseMs`; `direct` is a second store (another worker) that is never cut. */
async function withClaimedDelivery(leaseMs: number, body: (setup: Setup) => Promise<void>): Promise<void> {
  const url = await freshDatabase();
  const box = createSecretBox(randomBytes(32));
  const relay = await cuttableRelay(new URL(url));
  const store = await createPostgresStore({ url: relay.url, poolSize: 2 }, box);
  const direct = await createPostgresStore({ url, poolSize: 2 }, box);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
    await store.createWebhook(shop.account_id, newWebhookId(), { name: 'members', url: 'http://127.0.0.1:9/hook', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
    const published = await publishEvent({ store, defaultMaxAttempts: 5, clock: Date.now, wake: () => {} }, { accountId: shop.account_id, event: 'PURCHASE_APPROVED', data: approvedSaleData(), requestHash: 'retry' });
    assert.equal(published.kind, 'accepted');
    const [claimed] = await store.claimDue(Date.now(), 1, leaseMs, 8);
    assert.ok(claimed, 'the delivery was claimed');
    await body({ store, direct, relay, db, claimed });
  } finally {
    await db.end();
    await store.close();
    await direct.close();
    await relay.close();
  }
}

const delivered = (startedAt: number): AttemptRecord => ({
  id: randomUUID(), number: 1, startedAt, durationMs: 5, statusCode: 200, error: null, errorDetail: null, requestHeaders: {}, responseHeaders: {}, responseBody: 'ok',
});
const quick = { firstMs: 20, maxMs: 100 };
const silent = pino({ level: 'silent' });
const attemptsOf = async (db: pg.Client) => Number((await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM attempts')).rows[0]!.n);
const statusOf = async (db: pg.Client) => (await db.query<{ status: string; lease_token: string | null }>('SELECT status, lease_token FROM deliveries')).rows[0]!;

test('a record that fails while the database is out of reach is written once it is back, within its lease', { timeout: 60_000 }, async () => {
  await withClaimedDelivery(60_000, async ({ store, relay, db, claimed }) => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => { warnings.push(JSON.parse(line).msg); } });
    const record = retryingRecords({ store, leaseMs: 60_000, clock: Date.now, shutdown: new AbortController().signal, logger, backoff: quick });
    await relay.cut();
    const now = Date.now();
    const recording = record(claimed.delivery.id, claimed.leaseToken, delivered(now), { kind: 'delivered' }, () => null, now);
    await eventually('the first record failed', () => (warnings.includes('recording an attempt failed; trying again while its lease lasts') ? true : undefined));
    await relay.restore();
    assert.deepEqual(await recording, { kind: 'recorded', status: 'delivered', disabledReason: null });
    assert.equal(await attemptsOf(db), 1);
    assert.deepEqual(await statusOf(db), { status: 'delivered', lease_token: null });
  });
});

test('a record that keeps failing is given up at its lease\'s end with the store\'s error; nothing is written', { timeout: 60_000 }, async () => {
  await withClaimedDelivery(1_500, async ({ store, relay, db, claimed }) => {
    const record = retryingRecords({ store, leaseMs: 1_500, clock: Date.now, shutdown: new AbortController().signal, logger: silent, backoff: quick });
    await relay.cut();
    const startedAt = Date.now();
    await assert.rejects(record(claimed.delivery.id, claimed.leaseToken, delivered(startedAt), { kind: 'delivered' }, () => null, startedAt), /ECONNREFUSED|Connection terminated|connect/);
    await relay.restore();
    assert.equal(await attemptsOf(db), 0);
    assert.equal((await statusOf(db)).status, 'pending', 'left to be claimed again once its lease has expired');
  });
});

test('the shutdown ends the retries at once, however long the lease', { timeout: 30_000 }, async () => {
  await withClaimedDelivery(600_000, async ({ store, relay, db, claimed }) => {
    const shutdown = new AbortController();
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => { warnings.push(JSON.parse(line).msg); } });
    const record = retryingRecords({ store, leaseMs: 600_000, clock: Date.now, shutdown: shutdown.signal, logger, backoff: quick });
    await relay.cut();
    const now = Date.now();
    const recording = record(claimed.delivery.id, claimed.leaseToken, delivered(now), { kind: 'delivered' }, () => null, now);
    await eventually('the record is being retried', () => (warnings.length > 0 ? true : undefined));
    shutdown.abort();
    // the test's own timeout (30 s) is far below the lease (10 min): only the shutdown can end this
    await assert.rejects(recording);
    await relay.restore();
    assert.equal(await attemptsOf(db), 0);
  });
});

test('a try made after another worker took the lease writes nothing: lease_lost', { timeout: 60_000 }, async () => {
  // the store's lease is short; the retry is told a longer one, as when its claim's round trip makes it overshoot
  await withClaimedDelivery(1_000, async ({ store, direct, relay, db, claimed }) => {
    const record = retryingRecords({ store, leaseMs: 60_000, clock: Date.now, shutdown: new AbortController().signal, logger: silent, backoff: quick });
    await relay.cut();
    const now = Date.now();
    const recording = record(claimed.delivery.id, claimed.leaseToken, delivered(now), { kind: 'delivered' }, () => null, now);
    // another worker, whose database connection is fine, claims it once the lease has expired
    const reclaimed = await eventually('another worker claims it', async () => (await direct.claimDue(Date.now(), 1, 60_000, 8))[0], 10_000);
    assert.notEqual(reclaimed.leaseToken, claimed.leaseToken);
    await relay.restore();
    assert.deepEqual(await recording, { kind: 'lease_lost' });
    assert.equal(await attemptsOf(db), 0);
    assert.deepEqual(await statusOf(db), { status: 'pending', lease_token: reclaimed.leaseToken });
  });
});
