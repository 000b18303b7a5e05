// The WAL starts over while writes never pause. The checkpointer thread copies the WAL into the database, but a
// PASSIVE checkpoint cannot restart it while commits keep coming: SQLite starts the WAL over only when a writer
// begins with every frame copied, and a commit lands between the thread's copy and the store's next write. So the
// thread gives its word, and the store's own connection, the one writer, copies the little that came in meanwhile
// between its writes (sqlite-store.ts): its next write starts the WAL over. Here the test gives that word by hand, at
// the moment the race leaves the WAL (every frame but the last round's copied), so the outcome is the store's and
// never the scheduler's; checkpointer.test.ts shows the thread's side. How far the WAL grows under a firehose is
// measured, not asserted (PERFORMANCE.md: SQLite's tail at 200 events/s).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { asEventId } from '../../domain/ids.ts';
import type { AccountId } from '../../domain/ids.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { newAccountId, newWebhookId } from '../../../test/helpers/ids.ts';
import { toEveryWebhook } from '../../../test/helpers/fan-out.ts';
import type { Store } from '../store.ts';
import { createSqliteStore } from './sqlite-store.ts';

/** The WAL header's two salts: SQLite draws new ones each time the WAL starts over. */
function walSalts(file: string): string {
  return readFileSync(`${file}-wal`).subarray(16, 24).toString('hex');
}

/** 32 sales at once: one group commit. */
async function publishRound(store: Store, accountId: AccountId): Promise<void> {
  const now = Date.now();
  const results = await Promise.all(Array.from({ length: 32 }, () => {
    const id = randomUUID();
    return store.publish({ id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: now, data: JSON.stringify({ purchase: { transaction: id } }),
      transaction: id, productId: null, isTest: false, idempotencyKey: null, requestHash: id,
      searchTerms: { ofEvent: [id, `buyer-${id}@example.com`], ofProduct: [] } }, toEveryWebhook, now);
  }));
  assert.ok(results.every((result) => result.kind === 'created'));
}

test("the checkpointer's word lets the store start the WAL over between writes that never pause", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-wal-'));
  const file = join(dir, 'postback.db');
  let giveWord: (() => void) | undefined;
  const store = createSqliteStore(file, createSecretBox(randomBytes(32)), undefined, (_file, options) => {
    giveWord = options?.onCaughtUp;
    return { stop: async () => {} };
  });
  // the checkpointer's connection, and a reader that holds the WAL the way a commit landing mid-copy does
  const checkpointer = new DatabaseSync(file);
  const reader = new DatabaseSync(file);
  try {
    const accountId = newAccountId();
    const now = Date.now();
    await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: now }, { clientId: randomUUID(), accountId, secretHash: 'hash' });
    await store.createWebhook(accountId, newWebhookId(), { name: 'hook', url: 'https://members.example/hook', events: ['PURCHASE_APPROVED'], products: 'all',
      version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, now);
    for (let round = 0; round < 4; round++) await publishRound(store, accountId);

    // the thread copies every frame, and a round is committed before the store's next write can start the WAL over
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) AS events FROM events').get();
    const copied = checkpointer.prepare('PRAGMA wal_checkpoint(PASSIVE)').get() as { busy: number; log: number; checkpointed: number };
    assert.deepEqual({ busy: copied.busy, all: copied.checkpointed === copied.log }, { busy: 0, all: true });
    await publishRound(store, accountId);
    reader.exec('COMMIT');

    // without the word, a writer that never pauses only appends
    const salts = walSalts(file);
    await publishRound(store, accountId);
    assert.equal(walSalts(file), salts, 'the WAL started over without the word');

    // with it, the store copies what came in meanwhile, and its next write starts the WAL over
    assert.ok(giveWord, 'the store listens for the checkpointer');
    giveWord();
    await publishRound(store, accountId);
    assert.notEqual(walSalts(file), salts, 'the WAL did not start over after the word');
  } finally {
    reader.close();
    checkpointer.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
