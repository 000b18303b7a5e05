// The dispatcher's adoption at publish, on both real stores and real receivers: an idle dispatcher sends a
// publish's new deliveries without claiming them; a busy one adopts nothing, so the claim's order decides. And a
// delivered attempt gives its webhook's slot back at its answer, before its record commits.
// The store is wrapped only to count its claims: every call goes through to it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { startHttpReceiver } from '../../test/helpers/hostile-receivers.ts';
import { eventually } from '../../test/helpers/eventually.ts';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { createAccount } from '../accounts/create-account.ts';
import { loadConfig } from '../config.ts';
import { publishEvent } from '../ingest/publish-event.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { startDispatcher } from './dispatcher.ts';
import type { RecordedAttempt } from './dispatcher-observer.ts';
import { createHttpClient } from './http-client.ts';
import { approvedSaleData } from '../catalog/test-fixtures.ts';
import type { AccountId } from '../domain/ids.ts';
import { newWebhookId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);

const backends = [
  { name: 'SQLite', open: async (dir: string) => ({ store: await createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32))), url: '' }) },
  { name: 'PostgreSQL', open: async () => {
    const url = await freshDatabase();
    return { store: await createPostgresStore({ url, poolSize: 4 }, createSecretBox(randomBytes(32))), url };
  } },
];

const approved = approvedSaleData();

type Platform = { store: Store; url: string; claims: () => number; dispatcher: ReturnType<typeof startDispatcher>; reports: RecordedAttempt[]; adopted: () => number; publish(accountId: string, transaction: string): Promise<void> };

async function withPlatform(backend: typeof backends[number], concurrency: number, body: (parts: Platform) => Promise<void>, webhookConcurrency = 8) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-dispatcher-'));
  const { store: real, url } = await backend.open(dir);
  // counted when it has run: a claim still running when a publish arrives would hold PostgreSQL's claim lock
  let claims = 0;
  const store: Store = { ...real, claimDue: (...args) => real.claimDue(...args).finally(() => { claims++; }) };
  const config = loadConfig({}, { concurrency, webhookConcurrency, pollIntervalMs: 60_000, attemptDeadlineMs: 10_000, leaseMs: 60_000, shutdownGraceMs: 100, retryJitter: 0 });
  const client = createHttpClient({ connections: concurrency });
  const reports: RecordedAttempt[] = [];
  let adopted = 0;
  const dispatcher = startDispatcher({ store, client, config, logger: pino({ level: 'silent' }), observer: { turned: () => {}, claimed: (count, via) => { if (via === 'hand_off') adopted += count; }, recorded: (attempt) => reports.push(attempt) } });
  const deps = { store, defaultMaxAttempts: 5, clock: Date.now, wake: () => dispatcher.wake(), adopt: dispatcher.adopt };
  const publish = async (accountId: AccountId, transaction: string) => {
    const outcome = await publishEvent(deps, { accountId, event: 'PURCHASE_APPROVED', data: { ...approved, purchase: { ...approved.purchase, transaction } }, requestHash: transaction });
    assert.equal(outcome.kind, 'accepted');
  };
  try {
    // the start-up claim finds nothing: from here on, every claim is counted
    await eventually('the first claim', () => (claims > 0 ? true : undefined));
    await body({ store, url, claims: () => claims, dispatcher, reports, adopted: () => adopted, publish });
  } finally {
    await dispatcher.stop();
    await client.close();
    await real.close();
    await rm(dir, { recursive: true, force: true });
  }
}

for (const backend of backends) {
  test(`${backend.name}: an idle dispatcher sends a publish's deliveries at once, without a claim, and records them`, { timeout: 60_000 }, async () => {
    await withPlatform(backend, 8, async ({ store, claims, reports, adopted, publish }) => {
      await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
      const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
      for (const name of ['members', 'tracker']) {
        await store.createWebhook(shop.account_id, newWebhookId(), { name, url: `${receiver.url}/${name}`, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
      }
      const before = claims();
      await publish(shop.account_id, 'HP-HANDED-1');
      await eventually('both deliveries recorded', async () => {
        const deliveries = await store.listDeliveries(shop.account_id, { limit: 10 });
        return deliveries.length === 2 && deliveries.every((d) => d.status === 'delivered') ? deliveries : undefined;
      });
      assert.deepEqual(receiver.requests.map((r) => r.url).sort(), ['/members', '/tracker']);
      assert.ok(receiver.requests.every((r) => typeof r.headers['webhook-signature'] === 'string' && r.headers['x-hotmart-hottok'] === shop.hottok), 'signed, with the hottok');
      assert.equal(claims(), before, 'no claim was needed: the dispatcher adopted both deliveries');
      assert.equal(adopted(), 2);
      // the metrics seam saw both attempts
      assert.deepEqual(reports.map((r) => [r.claimed.event.accountId, r.recorded.kind === 'recorded' ? r.recorded.status : 'lease_lost', r.result.error, r.result.statusCode, r.recorded.kind === 'recorded' && r.recorded.circuitOpened === true]), [[shop.account_id, 'delivered', null, 200, false], [shop.account_id, 'delivered', null, 200, false]]);
      assert.ok(reports.every((r) => r.now >= r.claimed.event.createdAt && r.result.durationMs >= 0));
    });
  });

  test(`${backend.name}: a dispatcher with every slot busy adopts nothing: the claim sends it when the slot frees`, { timeout: 60_000 }, async () => {
    await withPlatform(backend, 1, async ({ store, claims, adopted, publish }) => {
      // a receiver that holds its request: the one slot is busy, so the next publish is left to a claim
      let answer: (() => void) | null = null;
      await using receiver = await startHttpReceiver((_req, res) => { answer = () => res.end('ok'); });
      const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
      await store.createWebhook(shop.account_id, newWebhookId(), { name: 'slow', url: receiver.url, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
      await publish(shop.account_id, 'HP-SLOW-1');
      await eventually('the first request held', () => (answer ? true : undefined));
      const before = claims();
      await publish(shop.account_id, 'HP-SLOW-2');
      const [second] = await store.listDeliveries(shop.account_id, { limit: 1 });
      const detail = await store.getDelivery(shop.account_id, second!.id);
      assert.equal(detail?.delivery.status, 'pending');
      answer!();
      await eventually('the claim sends the second one', () => (receiver.requests.length === 2 ? true : undefined));
      assert.ok(claims() > before);
      assert.equal(adopted(), 1, 'the first was adopted; the second was left to a claim');
      answer!();
    });
  });
}

test('PostgreSQL: a delivered attempt gives its webhook\'s slot back at its answer: the next one is sent while its record waits', { timeout: 60_000 }, async () => {
  await withPlatform(backends[1]!, 8, async ({ store, url, publish }) => {
    // the first request is held until the test answers it; the others are answered at once
    let answer: (() => void) | null = null;
    await using receiver = await startHttpReceiver((_req, res) => {
      if (answer === null) answer = () => res.end('ok');
      else res.end('ok');
    });
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
    await store.createWebhook(shop.account_id, newWebhookId(), { name: 'members', url: receiver.url, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
    await publish(shop.account_id, 'HP-SETTLING-1');
    await eventually('the first request held', () => (answer ? true : undefined));
    const [first] = await store.listDeliveries(shop.account_id, { limit: 1 });
    // the webhook is at its cap of one: the second delivery waits for that slot
    await publish(shop.account_id, 'HP-SETTLING-2');
    // the first delivery's row is held by another session, so its record waits as long as the test wants
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM deliveries WHERE id = $1 FOR UPDATE', [first!.id]);
      answer!();
      await eventually('the second request, while the first record waits', () => (receiver.requests.length === 2 ? true : undefined));
      assert.equal((await store.getDelivery(shop.account_id, first!.id))?.delivery.status, 'pending', 'the first delivery is not recorded yet');
      await holder.query('ROLLBACK');
      await eventually('both recorded', async () => {
        const deliveries = await store.listDeliveries(shop.account_id, { limit: 10 });
        return deliveries.length === 2 && deliveries.every((d) => d.status === 'delivered') ? true : undefined;
      });
    } finally {
      await holder.end();
    }
  }, 1);
});
