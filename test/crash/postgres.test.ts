// Scale-out crash recovery on PostgreSQL: 1 api process and 3 worker processes share one (embedded) PostgreSQL;
// 10,000 events fan out to 2 webhooks (20,000 deliveries); two workers are SIGKILLed at random moments mid-run and
// one of them is restarted. Every delivery must end delivered, none lost, none left due and unsent, and the
// duplicates must stay within what the killed workers could have had in flight. Real processes, real sockets, the
// real database (queried directly at the end); nothing of ours runs in the test process.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import pg from 'pg';
import { startHttpReceiver } from '../helpers/hostile-receivers.ts';
import type { Receiver } from '../helpers/hostile-receivers.ts';
import { freshDatabase, stopTestPostgres } from '../helpers/postgres.ts';
import {
  accessToken, callJson, eventually, exitWithin, freshDataDir, killAllChildren, runCli, sleep, startServe, startWorker,
} from '../helpers/process.ts';
import type { ServeProcess, WorkerProcess } from '../helpers/process.ts';
import { readFixture } from '../../src/catalog/test-fixtures.ts';

after(stopTestPostgres);

const EVENTS = 10_000;
const WEBHOOKS = 2;
const TOTAL = EVENTS * WEBHOOKS;
const WORKERS = 3;
/** POSTBACK_CONCURRENCY of each worker: the most attempts one worker has in flight. */
const CONCURRENCY = 32;
/** POSTBACK_WEBHOOK_CONCURRENCY: the most live leases one webhook has, across all workers. */
const WEBHOOK_CAP = 16;
/** What one SIGKILL can leave sent-but-unrecorded: the worker's slots, and never more than the webhooks' caps allow. */
const IN_FLIGHT_BOUND = Math.min(CONCURRENCY, WEBHOOK_CAP * WEBHOOKS);
const PUBLISHERS = 16;

const fixture = readFixture('PURCHASE_APPROVED.json') as { data: any };
function eventData(index: number): unknown {
  const data = structuredClone(fixture.data);
  data.purchase.transaction = `HP${String(20_000_000_000_000 + index)}`;
  return data;
}

test(`PostgreSQL, 1 api + ${WORKERS} workers: ${EVENTS.toLocaleString('en')} events x ${WEBHOOKS} webhooks all delivered although two workers are SIGKILLed`, { timeout: 240_000 }, async (t) => {
  const wallStart = performance.now();
  const runId = randomUUID().slice(0, 8);
  const dataDir = await freshDataDir('postback-crash-pg-');
  const url = await freshDatabase('postback_crash');
  const receivers: Receiver[] = [];
  const processes: (ServeProcess | WorkerProcess)[] = [];
  let stopped = false;
  let passed = false;
  const db = new pg.Client({ connectionString: url });
  try {
    const env = {
      DATABASE_URL: url,
      POSTBACK_SECRET_KEY: randomBytes(32).toString('base64'),
      POSTBACK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      POSTBACK_RATE_LIMIT: '0',
      POSTBACK_RETRY_SCHEDULE: '0,200ms,200ms,200ms,200ms',
      POSTBACK_RETRY_JITTER: '0',
      POSTBACK_ATTEMPT_DEADLINE: '2s',
      POSTBACK_LEASE: '3s',
      POSTBACK_POLL_INTERVAL: '200ms',
      POSTBACK_CONCURRENCY: String(CONCURRENCY),
      POSTBACK_WEBHOOK_CONCURRENCY: String(WEBHOOK_CAP),
    };

    // ---- the schema, by `postback migrate` alone; a second run has nothing to do ----
    const migrated = await runCli(['migrate'], { env });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /PostgreSQL at 127\.0\.0\.1:\d+\/postback_crash_\w+: schema migrated from version 0 to \d+/);
    assert.match((await runCli(['migrate', '--database-url', url], { env: { ...env, DATABASE_URL: '' } })).stdout, /already at version/);
    await db.connect();
    const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

    // ---- what the receivers saw: per receiver, per event id ----
    const seen: Map<string, { requests: number; bodyHash: string }>[] = [];
    let distinct = 0;
    let requests = 0;
    let bodyMismatches = 0;
    let lastDeliveryAt = 0;

    // ---- the kills: two workers at random moments; the first one killed is restarted ----
    const kills = [0.15 + Math.random() * 0.2, 0.45 + Math.random() * 0.25].map((fraction) => Math.round(TOTAL * fraction));
    const killed: { at: number; distinct: number; pid: number }[] = [];
    const workers: WorkerProcess[] = [];
    let restart: Promise<void> | null = null;
    let restartError: unknown = null;
    const killNext = (): void => {
      const victim = workers.shift()!;
      killed.push({ at: performance.now(), distinct, pid: victim.pid });
      victim.kill('SIGKILL');
      if (killed.length === 1) {
        restart = (async () => {
          assert.equal((await exitWithin(victim, 10_000)).signal, 'SIGKILL');
          const next = await startWorker(env);
          processes.push(next);
          workers.push(next);
        })().catch((error: unknown) => { restartError = error; });
      }
    };

    for (let index = 0; index < WEBHOOKS; index++) {
      const pairs = new Map<string, { requests: number; bodyHash: string }>();
      seen.push(pairs);
      receivers.push(await startHttpReceiver((req, res, body) => {
        const eventId = String(req.headers['webhook-id']);
        const hash = createHash('sha256').update(body).digest('hex');
        requests++;
        const known = pairs.get(eventId);
        if (known) {
          known.requests++;
          if (known.bodyHash !== hash) bodyMismatches++;
        } else {
          pairs.set(eventId, { requests: 1, bodyHash: hash });
          distinct++;
          if (distinct === TOTAL) lastDeliveryAt = performance.now();
        }
        if (killed.length < kills.length && distinct >= kills[killed.length]!) killNext();
        setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), Math.random() * 5);
      }));
    }

    // ---- the processes: one api, three workers ----
    const created = await runCli(['account', 'create', '--name', 'Scale store', '--json'], { env });
    assert.equal(created.code, 0, created.stderr);
    const account = JSON.parse(created.stdout) as { basic: string };
    const api = await startServe(env, { args: ['--role', 'api'] });
    processes.push(api);
    for (let i = 0; i < WORKERS; i++) {
      const worker = await startWorker(env);
      processes.push(worker);
      workers.push(worker);
    }
    const auth = { authorization: `Bearer ${await accessToken(api.url, account.basic)}` };
    for (const [index, receiver] of receivers.entries()) {
      const answer = await callJson('POST', `${api.url}/api/v1/webhooks`, { headers: auth, body: { name: `receiver ${index}`, url: `${receiver.url}/hook`, events: ['PURCHASE_APPROVED'] } });
      assert.equal(answer.status, 201, answer.text);
    }

    // ---- publish: 16 clients, each event with its own idempotency key, retried (same key, same bytes) until a 202 ----
    const accepted = new Set<string>();
    let publishRetries = 0;
    let next = 0;
    const firstPublishAt = performance.now();
    const publisher = async (): Promise<void> => {
      while (next < EVENTS && !stopped) {
        const index = next++;
        const body = JSON.stringify({ event: 'PURCHASE_APPROVED', data: eventData(index) });
        for (;;) {
          if (stopped) return;
          const answer = await fetch(`${api.url}/api/v1/events`, {
            method: 'POST', body, signal: AbortSignal.timeout(15_000),
            headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `pg-crash-${runId}-${index}` },
          }).then(async (response) => ({ status: response.status, text: await response.text() }), () => null);
          if (answer?.status === 202) { accepted.add((JSON.parse(answer.text) as { id: string }).id); break; }
          if (answer !== null && answer.status < 500) throw new Error(`publish of event ${index} answered ${answer.status}: ${answer.text}`);
          publishRetries++;
          await sleep(20);
        }
      }
    };
    await Promise.all(Array.from({ length: PUBLISHERS }, publisher));
    const publishSeconds = (performance.now() - firstPublishAt) / 1000;
    assert.equal(accepted.size, EVENTS, 'every event got a 202 with its own id');

    // ---- the end: every delivery delivered in the store, every pair seen ----
    const undelivered = () => count(`SELECT COUNT(*) AS n FROM deliveries WHERE status <> 'delivered'`);
    await eventually('every delivery delivered', async () => ((await undelivered()) === 0 ? true : undefined), 120_000)
      .catch(async (error: unknown) => { throw new Error(`${(error as Error).message}: ${await undelivered()} not delivered, ${distinct} of ${TOTAL} pairs seen`); });
    assert.equal(killed.length, 2, `two workers were killed (at ${kills.join(' and ')} deliveries)`);
    await restart;
    if (restartError) throw restartError;
    // clean stops: nothing more is sent, so the counts below are final
    for (const process of processes.filter((p) => !p.done())) process.kill('SIGTERM');
    for (const process of processes) await exitWithin(process, 15_000);

    // ---- the receivers against the publisher ----
    for (const [index, pairs] of seen.entries()) {
      assert.deepEqual([...accepted].filter((id) => !pairs.has(id)), [], `receiver ${index}: accepted events that never arrived`);
      assert.deepEqual([...pairs.keys()].filter((id) => !accepted.has(id)), [], `receiver ${index}: event ids nobody got a 202 for`);
    }
    assert.equal(distinct, TOTAL);
    assert.equal(bodyMismatches, 0, 'every redelivery carried the same body bytes');

    // ---- the database: nothing lost, nothing left due and unsent, no lease behind ----
    assert.equal(await count('SELECT COUNT(*) AS n FROM events'), EVENTS, 'one event per idempotency key');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'delivered'`), TOTAL);
    assert.equal(await count('SELECT COUNT(*) AS n FROM deliveries'), TOTAL, 'no other deliveries: none pending, failed or skipped');
    assert.equal(await count('SELECT COUNT(*) AS n FROM (SELECT DISTINCT webhook_id, event_id FROM deliveries) pairs'), TOTAL, 'one delivery per (webhook, event)');
    assert.equal(await count('SELECT COUNT(*) AS n FROM deliveries WHERE lease_token IS NOT NULL'), 0, 'no lease left behind');
    const attempts = await count('SELECT COUNT(*) AS n FROM attempts');

    // ---- duplicates: a request is sent again only if the worker that sent it died before recording it ----
    const duplicates = requests - distinct;
    const bound = IN_FLIGHT_BOUND * killed.length;
    assert.ok(duplicates <= bound, `duplicates (${duplicates}) exceed what the killed workers could have had in flight (${bound})`);

    const deliverySeconds = (lastDeliveryAt - firstPublishAt) / 1000;
    t.diagnostic(`wall time ${((performance.now() - wallStart) / 1000).toFixed(1)} s; first publish to last delivery ${deliverySeconds.toFixed(1)} s`);
    t.diagnostic(`throughput ${(TOTAL / deliverySeconds).toFixed(0)} deliveries/s (20,000 / first publish to last delivery, kills included); publish ${(EVENTS / publishSeconds).toFixed(0)} events/s through 1 api process`);
    t.diagnostic(`kills at ${killed.map((k) => `${((k.distinct / TOTAL) * 100).toFixed(1)} %`).join(' and ')} of the deliveries; the first killed worker restarted`);
    t.diagnostic(`duplicates: ${duplicates} (bound ${bound} = ${killed.length} kills x min(POSTBACK_CONCURRENCY ${CONCURRENCY}, POSTBACK_WEBHOOK_CONCURRENCY ${WEBHOOK_CAP} x ${WEBHOOKS} webhooks)); receiver requests ${requests}; attempts recorded ${attempts}; publish retries ${publishRetries}`);
    const warnings = processes.flatMap((p) => p.output().stdout.split('\n').filter((line) => line.includes('"level":40')));
    const messages = new Map<string, number>();
    for (const line of warnings) {
      const msg = String((JSON.parse(line) as { msg?: string }).msg);
      messages.set(msg, (messages.get(msg) ?? 0) + 1);
    }
    t.diagnostic(`warnings logged: ${warnings.length}${[...messages].map(([msg, n]) => `; ${n} x "${msg}"`).join('')}`);
    passed = true;
  } finally {
    stopped = true;
    await killAllChildren();
    await db.end().catch(() => {});
    for (const receiver of receivers) await receiver[Symbol.asyncDispose]();
    await rm(dataDir, { recursive: true, force: true });
    if (!passed) {
      for (const process of processes) {
        const { stdout, stderr } = process.output();
        t.diagnostic(`process ${process.pid} stdout (tail): ${stdout.slice(-1500)}`);
        t.diagnostic(`process ${process.pid} stderr (tail): ${stderr.slice(-1500)}`);
      }
    }
  }
});
