// One attempt's pipeline (prepare → send → settle → record) on a real SQLite store and real receivers: what it
// records for an answer, for our own failure, and that an attempt our shutdown cut short gives its lease back; and
// that a delivered attempt says so (its slot is free) before its record is written, a failed one never.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { Webhook as Verifier } from 'standardwebhooks';
import { eventually } from '../../test/helpers/eventually.ts';
import { startHttpReceiver } from '../../test/helpers/hostile-receivers.ts';
import { createAccount } from '../accounts/create-account.ts';
import { approvedSaleData } from '../catalog/test-fixtures.ts';
import { loadConfig } from '../config.ts';
import { publishEvent } from '../ingest/publish-event.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';
import { attemptPipeline } from './attempt.ts';
import type { RecordedAttempt } from './dispatcher-observer.ts';
import { createHttpClient } from './http-client.ts';
import { newWebhookId } from '../../test/helpers/ids.ts';

const approved = approvedSaleData();
const secret = `whsec_${randomBytes(24).toString('base64')}`;

/** A store with one account whose one webhook points at `url`, one published event, and its delivery claimed. */
async function withClaimed(url: string, body: (parts: { store: Store; claimed: ClaimedDelivery; run: ReturnType<typeof attemptPipeline>; reports: RecordedAttempt[] }) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-attempt-'));
  const store = createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32)));
  const client = createHttpClient({ connections: 2 });
  try {
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
    await store.createWebhook(shop.account_id, newWebhookId(), { name: 'members', url, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret }, Date.now());
    const published = await publishEvent({ store, defaultMaxAttempts: 5, wake: () => {}, clock: Date.now }, { accountId: shop.account_id, event: 'PURCHASE_APPROVED', data: approved, requestHash: 'h' });
    assert.equal(published.kind, 'accepted');
    const [claimed] = await store.claimDue(Date.now(), 10, 60_000, 8);
    assert.ok(claimed);
    const reports: RecordedAttempt[] = [];
    const config = loadConfig({}, { attemptDeadlineMs: 5_000, retryJitter: 0 });
    const run = attemptPipeline({ store, client, config, logger: pino({ level: 'silent' }), clock: Date.now, random: () => 0.5, observer: { recorded: (attempt) => reports.push(attempt) } });
    await body({ store, claimed, run, reports });
  } finally {
    await client.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const live = () => new AbortController().signal;

test('a 2xx is sent signed and recorded delivered, answered before its record, and the observer hears it', async () => {
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  await withClaimed(receiver.url, async ({ store, claimed, run, reports }) => {
    const prepared = await run.prepare(claimed, Date.now());
    assert.equal(prepared.kind === 'request' ? prepared.request.url : prepared, receiver.url);
    // the delivery as it stood when the attempt said it was answered
    const atAnswer: Promise<string | undefined>[] = [];
    const end = await run.run(claimed, live(), () => atAnswer.push(store.getDelivery(claimed.event.accountId, claimed.delivery.id).then((detail) => detail?.delivery.status)));
    assert.deepEqual(await Promise.all(atAnswer), ['pending'], 'answered once, before the record');
    assert.deepEqual(end.kind === 'recorded' && end.recorded.kind === 'recorded' ? end.recorded.status : end, 'delivered');
    const [request] = receiver.requests;
    assert.ok(request);
    new Verifier(secret).verify(request.body.toString(), request.headers as Record<string, string>);
    assert.deepEqual(reports.map((report) => [report.result.statusCode, report.result.error]), [[200, null]]);
    const detail = await store.getDelivery(claimed.event.accountId, claimed.delivery.id);
    assert.equal(detail?.delivery.status, 'delivered');
    assert.equal(detail?.attempts.length, 1);
  });
});

test('a 500 is recorded as a failed attempt and the delivery waits for its retry', async () => {
  await using receiver = await startHttpReceiver((_req, res) => { res.statusCode = 500; res.end('down'); });
  await withClaimed(receiver.url, async ({ store, claimed, run }) => {
    let answered = 0;
    const end = await run.run(claimed, live(), () => answered++);
    assert.equal(end.kind, 'recorded');
    assert.equal(answered, 0, 'a failure gives its slot back only once recorded');
    const detail = await store.getDelivery(claimed.event.accountId, claimed.delivery.id);
    assert.deepEqual([detail?.delivery.status, detail?.delivery.lastStatusCode, detail?.attempts.length], ['pending', 500, 1]);
    assert.ok((detail?.delivery.nextAttemptAt ?? 0) > Date.now(), 'retried later, not at once');
  });
});

test('our own failure (a URL the sender cannot use) is recorded as internal_error, never left to expire', async () => {
  await using receiver = await startHttpReceiver((_req, res) => res.end('ok'));
  await withClaimed(receiver.url, async ({ store, claimed, run, reports }) => {
    const end = await run.run({ ...claimed, webhook: { ...claimed.webhook, url: 'ftp://example.com/hook' } }, live());
    assert.equal(end.kind, 'recorded');
    assert.deepEqual(reports.map((report) => report.result.error), ['internal_error']);
    assert.equal(receiver.requests.length, 0);
    const detail = await store.getDelivery(claimed.event.accountId, claimed.delivery.id);
    assert.deepEqual([detail?.delivery.status, detail?.attempts[0]?.error], ['pending', 'internal_error']);
  });
});

test('an attempt our shutdown cut short records nothing and gives its lease back: a claim takes it at once', async () => {
  await using receiver = await startHttpReceiver(() => { /* holds the request */ });
  await withClaimed(receiver.url, async ({ store, claimed, run, reports }) => {
    const shutdown = new AbortController();
    const running = run.run(claimed, shutdown.signal);
    await eventually('the request held by the receiver', () => (receiver.requests.length > 0 ? true : undefined));
    shutdown.abort();
    assert.deepEqual(await running, { kind: 'given_back' });
    assert.deepEqual(reports, []);
    const again = await store.claimDue(Date.now(), 10, 60_000, 8);
    assert.deepEqual(again.map((next) => next.delivery.id), [claimed.delivery.id], 'its lease was released, not left to expire');
    const detail = await store.getDelivery(claimed.event.accountId, claimed.delivery.id);
    assert.equal(detail?.attempts.length, 0);
  });
});
