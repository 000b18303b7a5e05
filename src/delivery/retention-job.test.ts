// The retention job against a real (SQLite) store: what is older than POSTBACK_RETENTION goes, batch by batch.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { createSecretBox } from '../security/secret-box.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { startRetentionJob } from './retention-job.ts';
import { newAccountId, newEventId } from '../../test/helpers/ids.ts';

const DAY = 86_400_000;

test('purges history older than the retention in batches until nothing is left, and keeps the rest', async () => {
  // (events that matched no webhook stand for history here; the store's own suite covers deliveries and attempts)
  const dir = await mkdtemp(join(tmpdir(), 'postback-retention-'));
  await using store = createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32)));
  try {
    const accountId = newAccountId();
    await store.createAccount({ id: accountId, name: 'A', kind: 'producer', hottok: 'h', createdAt: 0 }, { clientId: 'c', accountId, secretHash: 'x' });
    const now = 100 * DAY;
    const publish = (at: number) => store.publish({ id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: at, data: '{}', transaction: null,
      productId: null, isTest: false, idempotencyKey: null, requestHash: 'h' }, () => [], at);
    for (let i = 0; i < 25; i++) await publish(now - 61 * DAY + i);
    for (let i = 0; i < 5; i++) await publish(now - 59 * DAY);
    let batches = 0;
    const job = startRetentionJob({
      store: { purgeHistory: (before, size) => { batches++; return store.purgeHistory(before, size); } },
      config: { retentionMs: 60 * DAY, retentionIntervalMs: 3_600_000 }, logger: pino({ level: 'silent' }), clock: () => now, batchSize: 10, pauseMs: 0,
    });
    assert.equal(await job.runOnce(), 25, 'the 25 old events');
    assert.equal(batches, 4, 'batches of 10: 10, 10, 5, then 0');
    assert.equal(await job.runOnce(), 0);
    await job.stop();
    for (let i = 0; i < 5; i++) assert.equal((await publish(now)).kind, 'created');
    assert.equal(await store.purgeHistory(now - 60 * DAY, 100), 0, 'the 5 events inside the retention stay');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
