// How `postback serve` ends, as an operator's SIGTERM and a second impatient Ctrl-C see it: real processes, a real
// SQLite file or PostgreSQL database, real receivers. The first signal is bounded by the grace whatever the dispatcher
// is doing (even backing off from a database that refuses it); a second one exits at once, leases released.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import {
  accessToken, callJson, createAccountCli, eventually, exitWithin, freshDataDir, killAllChildren, readDatabase, startServe, startWorker,
} from './helpers/process.ts';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';

after(killAllChildren);
after(stopTestPostgres);

async function dataDirFor(t: TestContext): Promise<string> {
  const dir = await freshDataDir('postback-shutdown-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An account, a webhook to `receiver` and one published event, through the served API: returns the delivery id. */
async function publishOne(url: string, dataDir: string, receiver: Receiver): Promise<string> {
  const account = await createAccountCli(dataDir);
  const auth = { authorization: `Bearer ${await accessToken(url, account.basic)}` };
  const webhook = await callJson('POST', `${url}/api/v1/webhooks`, { headers: auth, body: { name: 'hangs', url: receiver.url, events: ['PURCHASE_APPROVED'] } });
  assert.equal(webhook.status, 201, webhook.text);
  const published = await callJson('POST', `${url}/api/v1/events`, { headers: auth, body: { event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') } });
  assert.equal(published.status, 202, published.text);
  return published.body.deliveries[0].id as string;
}

test('a second SIGTERM during the grace exits at once: the hung attempt is aborted, its lease released, nothing recorded', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  await using receiver = await startHttpReceiver(() => { /* never answers */ });
  // a grace and a deadline far longer than the test waits: only the second signal can end it in time
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_GRACE: '60s', POSTBACK_ATTEMPT_DEADLINE: '50s', POSTBACK_LEASE: '120s', LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  const deliveryId = await publishOne(server.url, dataDir, receiver);
  await eventually('the receiver holds the request', () => (receiver.requests.length === 1 ? true : undefined));

  server.kill('SIGTERM');
  await eventually('the first signal is being handled', () => (server.output().stdout.includes('shutting down') ? true : undefined));
  assert.equal(server.done(), false, 'the first signal waits for the attempt (grace 60 s)');
  server.kill('SIGTERM');
  const exit = await exitWithin(server, 5_000);
  assert.deepEqual(exit, { code: 143, signal: null }, `forced exit is 128 + SIGTERM (stdout: ${server.output().stdout})`);
  assert.match(server.output().stdout, /second signal/);

  const row = readDatabase(dataDir, (db) => ({
    ...db.prepare('SELECT status, lease_token, attempt_count FROM deliveries WHERE id = ?').get(deliveryId),
    attempts: Number((db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE delivery_id = ?').get(deliveryId) as { n: number }).n),
  }));
  assert.deepEqual(row, { status: 'pending', lease_token: null, attempt_count: 0, attempts: 0 }, 'the lease is back: another worker sends it at once');
});

test('SIGINT then SIGINT (Ctrl-C twice) exits at once too, with 130', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  await using receiver = await startHttpReceiver(() => { /* never answers */ });
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_GRACE: '60s', POSTBACK_ATTEMPT_DEADLINE: '50s', POSTBACK_LEASE: '120s', LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  await publishOne(server.url, dataDir, receiver);
  await eventually('the receiver holds the request', () => (receiver.requests.length === 1 ? true : undefined));
  server.kill('SIGINT');
  await eventually('the first signal is being handled', () => (server.output().stdout.includes('shutting down') ? true : undefined));
  server.kill('SIGINT');
  assert.deepEqual(await exitWithin(server, 5_000), { code: 130, signal: null });
});

/** The database of `url` refuses every connection from now on, and the ones open now are cut. */
async function refuseConnections(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  } finally {
    await client.end();
  }
}

test('SIGTERM while the dispatcher backs off from a database that refuses it: a clean exit within the grace, not after the backoff', { timeout: 90_000 }, async (t) => {
  const databaseUrl = await freshDatabase();
  const env = { DATABASE_URL: databaseUrl, POSTBACK_SECRET_KEY: randomBytes(32).toString('base64'), POSTBACK_SHUTDOWN_GRACE: '300ms', POSTBACK_POLL_INTERVAL: '100ms', LOG_LEVEL: 'error' };
  const worker = await startWorker(env);
  t.after(() => worker.kill('SIGKILL'));
  await refuseConnections(databaseUrl);
  // the backoff doubles from 500 ms: the fourth failure starts a 4 s wait, longer than the grace and the exit bound below
  const backoffs = () => (worker.output().stdout.match(/claiming due deliveries failed; backing off/g) ?? []).length;
  await eventually('four failed claims', () => (backoffs() >= 4 ? true : undefined), 60_000);

  worker.kill('SIGTERM');
  const exit = await exitWithin(worker, 2_500);
  // 0, not the overrun's 1: the dispatcher itself stopped within its grace
  assert.deepEqual(exit, { code: 0, signal: null }, `stdout: ${worker.output().stdout.slice(-2000)}`);
});
