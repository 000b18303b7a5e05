// Crash recovery of a real `postback serve` process: 2,000 events fanned out to 3 webhooks (6,000 deliveries),
// the server SIGKILLed mid-run (while deliveries AND publish requests are in flight), restarted on the same data
// directory, and everything must end delivered with nothing lost and few duplicates. Nothing is mocked: a real
// process, real sockets, the real SQLite file (read only, to count final states).
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import type { Receiver } from '../helpers/hostile-receivers.ts';
import {
  accessToken, callJson, createAccountCli, eventually, exitWithin, freshDataDir, killAllChildren, readDatabase, sleep, startServe,
} from '../helpers/process.ts';
import type { ServeProcess } from '../helpers/process.ts';
import { readFixture } from '../../src/catalog/test-fixtures.ts';

const EVENTS = 2000;
const WEBHOOKS = 3;
const TOTAL = EVENTS * WEBHOOKS;
/** POSTBACK_CONCURRENCY of the server: the most attempts one dispatcher has in flight at any instant. */
const DISPATCH_CONCURRENCY = 32;
/** Publish requests in flight at once. */
const PUBLISH_CONCURRENCY = 16;
/**
 * The publisher stays at most this many events ahead of what the receivers have seen, like a steady checkout
 * rather than a bulk import. With the kill at 35-50 % of the deliveries (700-1,000 events' worth), the publisher
 * has then accepted at most 1,700 events, so publishing is still going when the process dies, on any machine
 * (the "202 means durable" half of this test).
 */
const PUBLISH_AHEAD = 700;
const PUBLISH_RESUME = 200;
/** The kill waits for a moment with at least this many publish requests in flight (any, past 52 % of the deliveries). */
const PUBLISHES_IN_FLIGHT_AT_KILL = PUBLISH_CONCURRENCY / 2;

const fixture = readFixture('PURCHASE_APPROVED.json') as { data: any };

function eventData(index: number): unknown {
  const data = structuredClone(fixture.data);
  data.purchase.transaction = `HP${String(10_000_000_000_000 + index)}`;
  return data;
}

type PairStats = { requests: number; bodyHash: string; transaction: string };

test('SIGKILL mid-run: 2,000 events x 3 webhooks all end delivered after a restart, none lost, duplicates within what was in flight', { timeout: 115_000 }, async (t) => {
  const wallStart = performance.now();
  // one budget for the whole run (about 10 s on an idle 2-core machine), so a slow phase can use what a fast one left
  const budgetEnd = Date.now() + 100_000;
  const remaining = (): number => Math.max(1_000, budgetEnd - Date.now());
  const runId = randomUUID().slice(0, 8);
  const dataDir = await freshDataDir('postback-crash-');
  const receivers: Receiver[] = [];
  const servers: ServeProcess[] = [];
  let passed = false;
  // set in `finally`: the publisher's loops end with the test even when it failed half-way
  let stopped = false;
  const checkStopped = (): void => { if (stopped) throw new Error('test over'); };
  try {
    const env = {
      POSTBACK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      POSTBACK_RETRY_SCHEDULE: '0,200ms,200ms,200ms,200ms',
      POSTBACK_RETRY_JITTER: '0',
      POSTBACK_ATTEMPT_DEADLINE: '2s',
      POSTBACK_LEASE: '3s',
      POSTBACK_POLL_INTERVAL: '200ms',
      POSTBACK_CONCURRENCY: String(DISPATCH_CONCURRENCY),
      // 2,000 publishes from one API client in seconds: the per-client rate limit (500/min) is not what this tests
      POSTBACK_RATE_LIMIT: '0',
    };

    // ---- what the receivers saw: per receiver, per event id (the webhook-id header) ----
    const seen: Map<string, PairStats>[] = [];
    let distinctPairs = 0;
    let totalRequests = 0;
    let bodyMismatches = 0;
    let lastDeliveryAt = 0;

    // ---- the publisher's view ----
    const accepted = new Map<number, { id: string; generation: number; replayed: boolean }>();
    let publishInFlight = 0;
    let publishRetries = 0;
    let firstPublishAt = 0;

    // ---- the crash ----
    // a random point between 35 % and 50 % of the deliveries, inside the required 30-60 % with room for the
    // deliveries that arrive between the decision and the process actually dying
    const killAt = Math.round(TOTAL * (0.35 + Math.random() * 0.15));
    let current: (ServeProcess & { generation: number }) | null = null;
    let kill: { at: number; pairsSeen: number; publishInFlight: number; acceptedBefore: number } | null = null;
    let restart: Promise<void> | null = null;
    let restartError: unknown = null;
    let downtimeMs = 0;
    let resumedAt = 0;
    let lastDuplicateAt = 0;

    const killAndRestart = (): void => {
      const victim = current!;
      kill = { at: performance.now(), pairsSeen: distinctPairs, publishInFlight, acceptedBefore: accepted.size };
      current = null; // the publisher waits for the new address
      victim.kill('SIGKILL');
      restart = (async () => {
        const exit = await exitWithin(victim, 10_000);
        assert.equal(exit.signal, 'SIGKILL', 'the first server died of the SIGKILL');
        const next = await startServe(env);
        servers.push(next);
        downtimeMs = performance.now() - kill!.at;
        current = Object.assign(next, { generation: victim.generation + 1 });
      })().catch((error: unknown) => { restartError = error; });
    };

    for (let index = 0; index < WEBHOOKS; index++) {
      const pairs = new Map<string, PairStats>();
      seen.push(pairs);
      receivers.push(await startHttpReceiver((req, res, body) => {
        const eventId = String(req.headers['webhook-id']);
        const hash = createHash('sha256').update(body).digest('hex');
        totalRequests++;
        const known = pairs.get(eventId);
        if (known) {
          known.requests++;
          lastDuplicateAt = performance.now();
          // at-least-once with a stable identity: a redelivery carries the very same bytes
          if (known.bodyHash !== hash) bodyMismatches++;
        } else {
          const transaction = String(JSON.parse(body.toString('utf8'))?.data?.purchase?.transaction);
          pairs.set(eventId, { requests: 1, bodyHash: hash, transaction });
          distinctPairs++;
          if (distinctPairs === TOTAL) lastDeliveryAt = performance.now();
          if (kill !== null && current !== null && resumedAt === 0) resumedAt = performance.now();
        }
        if (kill === null && current !== null && distinctPairs >= killAt
          && publishInFlight >= (distinctPairs < TOTAL * 0.52 ? PUBLISHES_IN_FLIGHT_AT_KILL : 1)) killAndRestart();
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), Math.random() * 5);
      }));
    }

    // ---- first process, an account, three webhooks ----
    const account = await createAccountCli(dataDir, 'Crash store');
    const first = await startServe(env);
    servers.push(first);
    current = Object.assign(first, { generation: 0 });
    const token = await accessToken(first.url, account.basic);
    const auth = { authorization: `Bearer ${token}` };
    for (const [index, receiver] of receivers.entries()) {
      const created = await callJson('POST', `${first.url}/api/v1/webhooks`, {
        headers: auth, body: { name: `receiver ${index}`, url: `${receiver.url}/hook`, events: ['PURCHASE_APPROVED'] },
      });
      assert.equal(created.status, 201, created.text);
    }

    // ---- publisher: same key and same bytes until a 202, from whichever process is up ----
    const publishOne = async (index: number): Promise<void> => {
      const body = JSON.stringify({ event: 'PURCHASE_APPROVED', data: eventData(index) });
      const key = `crash-${runId}-${index}`;
      for (;;) {
        checkStopped();
        if (restartError) throw restartError;
        const server = current;
        if (server === null) { await sleep(20); continue; }
        let answer: { status: number; text: string } | null = null;
        publishInFlight++;
        firstPublishAt ||= performance.now();
        try {
          const response = await fetch(`${server.url}/api/v1/events`, {
            method: 'POST', body, signal: AbortSignal.timeout(15_000),
            headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          });
          answer = { status: response.status, text: await response.text() };
        } catch {
          answer = null; // the process died under the request (reset, refused): try again
        } finally {
          publishInFlight--;
        }
        if (answer?.status === 202) {
          const parsed = JSON.parse(answer.text) as { id: string; replayed: boolean; deliveries: unknown[] };
          assert.equal(parsed.deliveries.length, WEBHOOKS, `event ${index} fanned out to every webhook: ${answer.text}`);
          accepted.set(index, { id: parsed.id, generation: server.generation, replayed: parsed.replayed });
          return;
        }
        // a 5xx from a process going down is retried; any other answer is a bug in this test or in Postback
        if (answer !== null && answer.status < 500) throw new Error(`publish of event ${index} answered ${answer.status}: ${answer.text}`);
        publishRetries++;
        await sleep(20);
      }
    };
    let nextIndex = 0;
    let paused = false;
    const worker = async (): Promise<void> => {
      while (nextIndex < EVENTS) {
        const index = nextIndex++;
        // with hysteresis: once too far ahead, wait until the receivers catch up by PUBLISH_RESUME events, then
        // publish in full bursts again (a trickle of single requests would rarely be in flight at the kill)
        while (paused || index - distinctPairs / WEBHOOKS > PUBLISH_AHEAD) {
          if (index - distinctPairs / WEBHOOKS <= PUBLISH_AHEAD - PUBLISH_RESUME) { paused = false; break; }
          paused = true;
          await sleep(5);
          checkStopped();
        }
        await publishOne(index);
      }
    };
    const publishing = Promise.all(Array.from({ length: PUBLISH_CONCURRENCY }, worker));
    await raceWithTimeout(publishing, remaining(), () => `publishing 2,000 events (accepted ${accepted.size}, pairs seen ${distinctPairs}, killed: ${kill !== null})`);

    assert.ok(kill, 'the server was killed during the run');
    const crash = kill as { at: number; pairsSeen: number; publishInFlight: number; acceptedBefore: number };
    await restart;
    if (restartError) throw restartError;
    assert.equal(accepted.size, EVENTS, 'every event got a 202');

    // ---- wait for the end: nothing left pending in the store (publishing is over, so nothing new can appear) ----
    const pendingLeft = () => readDatabase(dataDir, (db) => Number((db.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n));
    await eventually('no delivery left pending', () => (pendingLeft() === 0 ? true : undefined), remaining())
      .catch((error: unknown) => { throw new Error(`${(error as Error).message}: ${pendingLeft()} pending, ${distinctPairs} of ${TOTAL} pairs seen`); });
    // a clean stop, so nothing more can be sent and the counts below are final
    const last = current as ServeProcess | null;
    assert.ok(last, 'the restarted server is up');
    last.kill('SIGTERM');
    assert.deepEqual(await exitWithin(last, 15_000), { code: 0, signal: null }, 'the restarted server stops cleanly');

    // ---- the publisher's ids against what each receiver got ----
    const acceptedIds = new Set([...accepted.values()].map((entry) => entry.id));
    assert.equal(acceptedIds.size, EVENTS, 'each of the 2,000 publishes has its own event id');
    const durableBeforeKill = [...accepted.values()].filter((entry) => entry.generation === 0);
    for (const [index, pairs] of seen.entries()) {
      // 202 means durable: every event the killed process acknowledged reached every receiver
      const lost = durableBeforeKill.filter((entry) => !pairs.has(entry.id));
      assert.deepEqual(lost.map((entry) => entry.id), [], `receiver ${index}: events acknowledged (202) before the kill that never arrived`);
      const missing = [...acceptedIds].filter((id) => !pairs.has(id));
      assert.deepEqual(missing, [], `receiver ${index}: accepted events that never arrived`);
      const unknown = [...pairs.keys()].filter((id) => !acceptedIds.has(id));
      assert.deepEqual(unknown, [], `receiver ${index}: event ids nobody got a 202 for (an idempotency key created a second event?)`);
      // the id and the payload belong together: each event's transaction arrives under its own id
      for (const [eventIndex, entry] of accepted) {
        assert.equal(pairs.get(entry.id)?.transaction, `HP${String(10_000_000_000_000 + eventIndex)}`, `receiver ${index}: payload of event ${entry.id}`);
      }
    }
    assert.equal(distinctPairs, TOTAL);
    assert.equal(bodyMismatches, 0, 'every redelivery carried the same body bytes');

    // ---- the store: 2,000 events, 6,000 deliveries, all delivered ----
    const store = readDatabase(dataDir, (db) => ({
      events: Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n),
      statuses: Object.fromEntries((db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status').all() as { status: string; n: number }[])
        .map((row) => [row.status, Number(row.n)])),
      pairs: Number((db.prepare('SELECT COUNT(*) AS n FROM (SELECT DISTINCT webhook_id, event_id FROM deliveries)').get() as { n: number }).n),
      leased: Number((db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE lease_token IS NOT NULL').get() as { n: number }).n),
      attempts: Number((db.prepare('SELECT COUNT(*) AS n FROM attempts').get() as { n: number }).n),
      eventIds: new Set((db.prepare('SELECT id FROM events').all() as { id: string }[]).map((row) => row.id)),
    }));
    assert.equal(store.events, EVENTS, 'one event per idempotency key');
    assert.deepEqual(store.statuses, { delivered: TOTAL }, 'all 6,000 deliveries delivered, none pending, failed or skipped');
    assert.equal(store.pairs, TOTAL, 'one delivery per (webhook, event)');
    assert.equal(store.leased, 0, 'no lease left behind');
    assert.deepEqual([...acceptedIds].filter((id) => !store.eventIds.has(id)), [], 'every accepted id is an event in the store');

    // ---- duplicates ----
    // A request that reached a receiver is sent again only when its outcome was never committed: the killed
    // process had sent it (or was reading the answer) but had not yet recorded the attempt. A dispatcher holds at
    // most POSTBACK_CONCURRENCY attempts in flight (claimed and not yet recorded), so one SIGKILL can leave at
    // most that many sent-but-unrecorded deliveries, whichever webhooks they belong to; with receivers that all
    // answer 200 within 5 ms nothing else resends. Hence: duplicates <= POSTBACK_CONCURRENCY x kills (1 kill).
    const duplicates = totalRequests - distinctPairs;
    assert.ok(duplicates <= DISPATCH_CONCURRENCY, `duplicates (${duplicates}) exceed what could have been in flight at the kill (${DISPATCH_CONCURRENCY})`);

    // ---- the run did what it says: killed at 30-60 %, with publishes in flight, and published across the restart ----
    const fractionAtKill = crash.pairsSeen / TOTAL;
    assert.ok(fractionAtKill >= 0.3 && fractionAtKill <= 0.6, `killed at ${(fractionAtKill * 100).toFixed(1)} % of the deliveries`);
    assert.ok(crash.publishInFlight > 0, 'publish requests were in flight at the kill');
    assert.ok(crash.acceptedBefore < EVENTS, 'publishing went on after the restart');
    assert.ok(durableBeforeKill.length > 0, 'events were acknowledged before the kill');
    assert.ok([...accepted.values()].some((entry) => entry.generation === 1), 'the restarted process accepted events');

    const seconds = (lastDeliveryAt - firstPublishAt) / 1000;
    t.diagnostic(`wall time ${((performance.now() - wallStart) / 1000).toFixed(1)} s; first publish to last delivery ${seconds.toFixed(1)} s`);
    t.diagnostic(`throughput ${(TOTAL / seconds).toFixed(0)} deliveries/s (6,000 / first publish to last delivery, downtime included)`);
    t.diagnostic(`killed at ${(fractionAtKill * 100).toFixed(1)} % of the deliveries (${crash.pairsSeen} pairs seen); down ${(downtimeMs / 1000).toFixed(2)} s until the restarted process listened`);
    t.diagnostic(`first new delivery ${((resumedAt - crash.at) / 1000).toFixed(2)} s after the kill; `
      + `the last redelivery of what the dead process held came ${lastDuplicateAt ? ((lastDuplicateAt - crash.at) / 1000).toFixed(2) : '-'} s after it (its leases expire: POSTBACK_LEASE=3s)`);
    t.diagnostic(`events accepted (202) before the kill: ${durableBeforeKill.length}; publishes in flight at the kill: ${crash.publishInFlight}; replayed after the restart: ${[...accepted.values()].filter((e) => e.replayed).length}; publish retries: ${publishRetries}`);
    t.diagnostic(`duplicates: ${duplicates} (bound ${DISPATCH_CONCURRENCY}); receiver requests ${totalRequests}; attempts recorded ${store.attempts}`);
    const warnings = servers.flatMap((server) => server.output().stdout.split('\n').filter((line) => line.includes('"level":40')));
    const messages = new Map<string, number>();
    for (const line of warnings) {
      const msg = String((JSON.parse(line) as { msg?: string }).msg);
      messages.set(msg, (messages.get(msg) ?? 0) + 1);
    }
    t.diagnostic(`warnings logged by the servers: ${warnings.length}${[...messages].map(([msg, n]) => `; ${n} x "${msg}"`).join('')}`);
    passed = true;
  } finally {
    stopped = true;
    await killAllChildren();
    for (const receiver of receivers) await receiver[Symbol.asyncDispose]();
    if (passed) await rm(dataDir, { recursive: true, force: true });
    else {
      t.diagnostic(`data dir kept for inspection: ${dataDir}`);
      for (const server of servers) {
        const { stdout, stderr } = server.output();
        t.diagnostic(`server ${server.pid} stdout (tail): ${stdout.slice(-2000)}`);
        t.diagnostic(`server ${server.pid} stderr (tail): ${stderr.slice(-2000)}`);
      }
    }
  }
});

async function raceWithTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what()}`)), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
