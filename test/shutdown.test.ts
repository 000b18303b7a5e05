// How `postback serve` ends, as an operator's SIGTERM, a load balancer and a second impatient Ctrl-C see it: real
// processes, a real SQLite file or PostgreSQL database, real receivers and sockets. The first signal drains (/readyz
// says not ready while everything is still served), then closes, bounded by the grace whatever the dispatcher is doing
// (even backing off from a database that refuses it); a second one exits at once, leases released.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import { after, test } from 'node:test';
import type { TestContext } from 'node:test';
import pg from 'pg';
import { sampleData } from '../src/catalog/index.ts';
import { startHttpReceiver } from './helpers/hostile-receivers.ts';
import type { Receiver } from './helpers/hostile-receivers.ts';
import {
  accessToken, callJson, createAccountCli, eventually, exitWithin, freshDataDir, killAllChildren, readDatabase, startServe, startWorker,
} from './helpers/process.ts';
import { parseAnswer } from './helpers/raw-http.ts';
import type { RawAnswer } from './helpers/raw-http.ts';
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

test('SIGINT (Ctrl-C at a terminal) does not drain: the port closes at once and the process exits 0', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  // a drain far longer than the test waits: only skipping it ends the process in time
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_DRAIN: '120s', LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  server.kill('SIGINT');
  assert.deepEqual(await exitWithin(server, 30_000), { code: 0, signal: null });
  assert.doesNotMatch(server.output().stdout, /draining/);
});

test('a connection that never sent a request (a browser\'s spare one) does not hold the shutdown: the process exits 0 within the grace', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_GRACE: '2s', LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  const url = new URL(server.url);
  const spare = net.connect({ port: Number(url.port), host: url.hostname });
  await new Promise((resolve, reject) => spare.once('connect', resolve).once('error', reject));
  const cut = new Promise((resolve) => spare.once('close', resolve));
  server.kill('SIGTERM');
  // before: the close waited for the socket's headers timeout (60 s), and the process exited 1 after the grace plus 3 s
  assert.deepEqual(await exitWithin(server, 30_000), { code: 0, signal: null }, server.output().stdout.slice(-2000));
  await cut;
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

test('SIGTERM drains first: /readyz answers 503 on both ports while the same process serves the API, the pages and deliveries; a second SIGTERM ends the drain at once', { timeout: 60_000 }, async (t) => {
  const dataDir = await dataDirFor(t);
  await using receiver = await startHttpReceiver((_req, res) => { res.end('ok'); });
  // a drain far longer than the test waits: only the second signal can end it in time
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_DRAIN: '120s', POSTBACK_METRICS_PORT: '0', LOG_LEVEL: 'info' });
  t.after(() => server.kill('SIGKILL'));
  const opsUrl = await eventually('the Metrics line', () => /^\s+Metrics\s+(http:\/\/\S+?)\/metrics/m.exec(server.output().stdout)?.[1]);
  const account = await createAccountCli(dataDir);
  const auth = { authorization: `Bearer ${await accessToken(server.url, account.basic)}` };
  assert.equal((await callJson('POST', `${server.url}/api/v1/webhooks`, { headers: auth, body: { name: 'shop', url: receiver.url, events: ['PURCHASE_APPROVED'] } })).status, 201);
  for (const base of [server.url, opsUrl]) assert.equal((await fetch(`${base}/readyz`)).status, 200, `${base} ready before the signal`);

  server.kill('SIGTERM');
  await eventually('the drain to begin', () => (/draining for 120 s/.test(server.output().stdout) ? true : undefined));
  for (const base of [server.url, opsUrl]) {
    const ready = await callJson('GET', `${base}/readyz`);
    assert.equal(ready.status, 503, `${base}/readyz while draining`);
    assert.equal(ready.body.ready, false);
    assert.equal(ready.body.checks.shutdown.ok, false);
    assert.match(ready.body.checks.shutdown.detail, /^draining: this process is shutting down/);
    assert.equal((await fetch(`${base}/healthz`)).status, 200, 'alive all the same: no liveness probe restarts it');
  }
  // the API, the pages and the dispatcher go on as before, each answer telling a keep-alive client to reconnect
  const published = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') }) });
  assert.equal(published.status, 202, await published.text());
  assert.equal(published.headers.get('connection'), 'close');
  await eventually('the receiver gets the delivery', () => (receiver.requests.length === 1 ? true : undefined));
  for (const page of ['/tracking.js', '/checkout/checkout.css']) assert.equal((await fetch(`${server.url}${page}`)).status, 200, page);
  assert.equal(server.done(), false, 'still draining');

  server.kill('SIGTERM');
  assert.deepEqual(await exitWithin(server, 5_000), { code: 143, signal: null }, `the second signal exits at once (stdout: ${server.output().stdout.slice(-2000)})`);
  assert.match(server.output().stdout, /second signal/);
  assert.doesNotMatch(server.output().stdout, /drain over/);
});

/** One keep-alive connection, written byte for byte, its answers read one at a time (each framed by Content-Length). */
async function openConnection(baseUrl: string): Promise<{ write(text: string): void; next(): Promise<RawAnswer>; closed: Promise<void> }> {
  const url = new URL(baseUrl);
  const socket = net.connect({ port: Number(url.port), host: url.hostname });
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve).once('error', reject); });
  let buffered = Buffer.alloc(0);
  let wake: () => void = () => {};
  socket.on('data', (chunk) => { buffered = Buffer.concat([buffered, chunk]); wake(); });
  const closed = new Promise<void>((resolve) => socket.once('close', () => { wake(); resolve(); }));
  const whole = (): RawAnswer | undefined => {
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
    if (buffered.length < end + 4 + length) return undefined;
    const answer = parseAnswer(buffered.subarray(0, end + 4 + length).toString('utf8'));
    buffered = buffered.subarray(end + 4 + length);
    return answer;
  };
  return {
    write: (text) => { socket.write(text); },
    async next() {
      for (;;) {
        const answer = whole();
        if (answer) return answer;
        if (socket.destroyed) throw new Error(`the connection closed before a whole answer: ${buffered.toString('utf8')}`);
        await new Promise<void>((resolve) => { wake = resolve; });
      }
    },
    closed,
  };
}

/** Resolves once `baseUrl`'s port refuses connections: the listener has begun to close. */
function refuses(baseUrl: string): Promise<boolean | undefined> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ port: Number(url.port), host: url.hostname });
    socket.once('connect', () => { socket.destroy(); resolve(undefined); });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED' ? true : undefined));
  });
}

for (const drain of ['1s', '0']) {
  test(`POSTBACK_SHUTDOWN_DRAIN=${drain}: ${drain === '0' ? 'no drain, the port closes at once' : 'once the drain is over the port closes'}; a request in flight finishes and its connection closes; one that arrives on a connection open from before gets a problem+json 503 with Retry-After; the process exits 0`, { timeout: 60_000 }, async (t) => {
    const dataDir = await dataDirFor(t);
    const server = await startServe({ POSTBACK_DATA_DIR: dataDir, POSTBACK_SHUTDOWN_DRAIN: drain, LOG_LEVEL: 'info' });
    t.after(() => server.kill('SIGKILL'));
    const account = await createAccountCli(dataDir);
    const authorization = `Bearer ${await accessToken(server.url, account.basic)}`;
    const body = JSON.stringify({ event: 'PURCHASE_APPROVED', data: sampleData('PURCHASE_APPROVED') });
    // in flight: its headers are read (100 Continue says so), its body not yet
    const inFlight = await openConnection(server.url);
    inFlight.write(`POST /api/v1/events HTTP/1.1\r\nHost: postback\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`);
    assert.equal((await inFlight.next()).status, 100);
    // a keep-alive connection whose next request has begun (a request line, no end of headers yet) behind an answered one
    const late = await openConnection(server.url);
    late.write('GET /healthz HTTP/1.1\r\nHost: postback\r\n\r\n' + `GET /api/v1/webhooks HTTP/1.1\r\nHost: postback\r\nAuthorization: ${authorization}\r\n`);
    assert.equal((await late.next()).status, 200);

    server.kill('SIGTERM');
    await eventually('the port to refuse connections', () => refuses(server.url));
    assert.equal(server.done(), false, 'the process waits for the requests in flight');
    inFlight.write(body);
    const finished = await inFlight.next();
    assert.equal(finished.status, 202, finished.text);
    assert.equal(finished.headers.get('connection'), 'close', 'the connection is not kept for another request');
    await inFlight.closed;
    late.write('\r\n');
    const refused = await late.next();
    assert.equal(refused.status, 503, refused.text);
    assert.equal(refused.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(refused.headers.get('retry-after'), '1');
    assert.equal(refused.headers.get('connection'), 'close');
    const problemBody = JSON.parse(refused.body);
    assert.deepEqual([problemBody.status, problemBody.code, problemBody.instance], [503, 'unavailable', '/api/v1/webhooks']);
    assert.match(problemBody.detail, /shutting down; nothing was applied/);
    await late.closed;

    assert.deepEqual(await exitWithin(server, 10_000), { code: 0, signal: null }, `stdout: ${server.output().stdout.slice(-2000)}`);
    const stdout = server.output().stdout;
    if (drain === '0') assert.doesNotMatch(stdout, /draining|drain over/);
    else assert.ok(stdout.indexOf('draining for 1 s') >= 0 && stdout.indexOf('draining for 1 s') < stdout.indexOf('drain over'), `the drain, then the close: ${stdout.slice(-2000)}`);
    assert.match(stdout, /shutdown complete/);
    assert.equal(readDatabase(dataDir, (db) => Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n)), 1, 'the request in flight was applied');
  });
}
