// A PostgreSQL restart while deliveries are out: their receivers answer while the database is down, so their records
// fail. The outcome is known and each lease (and its fencing token) still holds when the database comes back, so each
// record must be written then, and nothing sent again: an ad network's postback has no id to dedupe a second send on,
// and counts two sales. One delivered attempt (PostgreSQL's batched record) and one failed attempt (its own statement).
// And a dispatcher stopped meanwhile gives those records up at its grace, not at their leases' end.
// The real dispatcher and PostgreSQL store in this process, a real PostgreSQL stopped and started again (embedded, on
// its own data folder), a real HTTP receiver on 127.0.0.1.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { createAccount } from '../../src/accounts/create-account.ts';
import { approvedSaleData } from '../../src/catalog/test-fixtures.ts';
import { loadConfig } from '../../src/config.ts';
import { startDispatcher } from '../../src/delivery/dispatcher.ts';
import { createHttpClient } from '../../src/delivery/http-client.ts';
import { publishEvent } from '../../src/ingest/publish-event.ts';
import { createSecretBox } from '../../src/security/secret-box.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { eventually } from '../helpers/eventually.ts';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import type { Receiver } from '../helpers/hostile-receivers.ts';
import { newWebhookId } from '../helpers/ids.ts';
import { loadEmbeddedPostgres } from '../helpers/postgres-binaries.ts';

/** An embedded PostgreSQL on its own data folder, which survives `stop()` so that `start()` brings the same database back. */
async function restartablePostgres() {
  const parent = await mkdtemp(join(tmpdir(), 'postback-blip-'));
  // as root the server runs as the postgres user, which must enter the folder (see embedded-postgres.ts)
  await chmod(parent, 0o777);
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'), port, user: 'postgres', password, persistent: true, onLog: () => {}, onError: () => {},
    postgresFlags: ['-c', 'fsync=off'],
  });
  await server.initialise();
  await server.start();
  const admin = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE postback_blip');
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postback_blip`,
    stop: () => server.stop(),
    start: () => server.start(),
    [Symbol.asyncDispose]: async () => { await server.stop(); await rm(parent, { recursive: true, force: true }); },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

type Blip = {
  database: Awaited<ReturnType<typeof restartablePostgres>>;
  dispatcher: ReturnType<typeof startDispatcher>;
  receiver: Receiver;
  logged: { msg: string; delivery?: string }[];
};

/**
 * A sale for two webhooks, one answering 200 (a conversion postback) and one 503; both receivers hold their requests
 * until PostgreSQL has been stopped, then answer, and `body` runs once both records have failed against it.
 */
async function withRecordsFailing(leaseMs: number, body: (blip: Blip) => Promise<void>): Promise<void> {
  await using database = await restartablePostgres();
  const store = await createPostgresStore({ url: database.url, poolSize: 4 }, createSecretBox(randomBytes(32)));
  // the dispatcher's log, read to know when a record has failed against the stopped database
  const logged: { msg: string; delivery?: string }[] = [];
  const logger = pino({ level: 'warn' }, new Writable({ write(chunk, _encoding, done) { logged.push(JSON.parse(String(chunk))); done(); } }));
  const config = loadConfig({}, {
    leaseMs, attemptDeadlineMs: 10_000, pollIntervalMs: 200, shutdownGraceMs: 1_000,
    // the failed attempt's retry is due in an hour, so any second request within this test is a resend
    retrySchedule: [0, 3_600_000], retryJitter: 0,
  });
  const client = createHttpClient({ connections: 8 });
  const dispatcher = startDispatcher({ store, client, config, logger });
  const held: (() => void)[] = [];
  let answerAtOnce = false;
  await using receiver = await startHttpReceiver((req, res) => {
    const answer = () => res.writeHead(req.url === '/conversions' ? 200 : 503).end(req.url === '/conversions' ? 'ok' : 'busy');
    if (answerAtOnce) answer();
    else held.push(answer);
  });
  try {
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
    for (const name of ['conversions', 'members']) {
      await store.createWebhook(shop.account_id, newWebhookId(), { name, url: `${receiver.url}/${name}`, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
    }
    const sale = approvedSaleData();
    const published = await publishEvent({ store, defaultMaxAttempts: 5, clock: Date.now, wake: () => dispatcher.wake(), adopt: dispatcher.adopt },
      { accountId: shop.account_id, event: 'PURCHASE_APPROVED', data: { ...sale, purchase: { ...sale.purchase, transaction: 'HP-BLIP-1' } }, requestHash: 'HP-BLIP-1' });
    assert.equal(published.kind, 'accepted');

    await eventually('both requests held by the receiver', () => (held.length === 2 ? true : undefined));
    await database.stop();
    answerAtOnce = true;
    for (const answer of held) answer();
    await eventually('both records failed', () => (deliveriesLogging(logged, 'recording an attempt failed') === 2 ? true : undefined));
    await body({ database, dispatcher, receiver, logged });
  } finally {
    await dispatcher.stop();
    await client.close();
    await store.close();
  }
}

/** How many deliveries logged a line starting with `message`. */
const deliveriesLogging = (logged: Blip['logged'], message: string) => new Set(logged.filter((line) => line.msg.startsWith(message)).map((line) => line.delivery)).size;

type DeliveryRow = { name: string; status: string; attempt_count: number; attempts: string; lease_token: string | null };
async function deliveriesIn(url: string): Promise<DeliveryRow[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<DeliveryRow>(`SELECT w.name, d.status, d.attempt_count, d.lease_token, (SELECT COUNT(*) FROM attempts a WHERE a.delivery_id = d.id) AS attempts
      FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id ORDER BY w.name`)).rows;
  } finally {
    await db.end();
  }
}

test('PostgreSQL stopped while two deliveries are out and started again within their leases: each is recorded once back, and sent once', { timeout: 90_000 }, async () => {
  // the lease outlasts the restart (about a second or two) several times over
  await withRecordsFailing(15_000, async ({ database, receiver }) => {
    await database.start();
    const settled = await eventually('both attempts recorded', async () => {
      const rows = await deliveriesIn(database.url);
      return rows.length === 2 && rows.every((row) => Number(row.attempt_count) >= 1) ? rows : undefined;
    }, 60_000);
    const sent = (path: string) => receiver.requests.filter((request) => request.url === path).length;
    assert.deepEqual({ conversions: sent('/conversions'), members: sent('/members') }, { conversions: 1, members: 1 }, 'each delivery was sent once, not again at its lease\'s expiry');
    assert.deepEqual(settled.map((row) => [row.name, row.status, Number(row.attempt_count), Number(row.attempts)]),
      [['conversions', 'delivered', 1, 1], ['members', 'pending', 1, 1]], 'the 200 recorded as delivered, the 503 as a failed attempt with its retry due later');
  });
});

test('a dispatcher stopped while its records are retried gives them up at its grace, not at their leases\' end; they stay leased, to go out again', { timeout: 60_000 }, async () => {
  // a lease far longer than the test's own timeout: only the shutdown can end the retries in time
  await withRecordsFailing(600_000, async ({ database, dispatcher, logged }) => {
    await dispatcher.stop();
    await eventually('both records given up', () => (deliveriesLogging(logged, 'recording an attempt failed until its lease ended or the shutdown') === 2 ? true : undefined));
    await database.start();
    // at least once: nothing recorded, each still under its lease, and claimed and sent again once it expires
    assert.deepEqual((await deliveriesIn(database.url)).map((row) => [row.name, row.status, Number(row.attempts), row.lease_token !== null]),
      [['conversions', 'pending', 0, true], ['members', 'pending', 0, true]]);
  });
});
