// The WAL starts over while writes never pause. The checkpointer thread copies the WAL into the database, but a
// PASSIVE checkpoint cannot restart it while commits keep coming: only the store's own connection, the one writer,
// can, when it checkpoints itself (sqlite-store.ts). How far the WAL grows before that is how much that checkpoint
// has left to copy and sync on the event loop: at 64 MB, a COMMIT every one and a half to two seconds took 20 to 57 ms
// at 200 events/s (PERFORMANCE.md: SQLite's tail at 200 events/s).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { asEventId } from '../../domain/ids.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { newAccountId, newWebhookId } from '../../../test/helpers/ids.ts';
import { createSqliteStore, ownCheckpointPages } from './sqlite-store.ts';
import { toEveryWebhook } from '../../../test/helpers/fan-out.ts';

/** A WAL frame: a page of 4 KiB and its header. */
const frameBytes = 4096 + 24;

/** How far the WAL of a fresh store grew (its file keeps its largest size) under 3,072 sales, 32 at a time. */
async function walPagesUnderFirehose(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'postback-wal-'));
  const file = join(dir, 'postback.db');
  const store = createSqliteStore(file, createSecretBox(randomBytes(32)));
  try {
    const accountId = newAccountId();
    const now = Date.now();
    await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: now }, { clientId: randomUUID(), accountId, secretHash: 'hash' });
    for (let i = 0; i < 4; i++) {
      await store.createWebhook(accountId, newWebhookId(), { name: `hook ${i}`, url: 'https://members.example/hook', events: ['PURCHASE_APPROVED'], products: 'all',
        version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, now);
    }
    // each round one group commit, the next one queued at once: over 20,000 WAL frames in all
    let stored = 0;
    for (let round = 0; round < 96; round++) {
      const results = await Promise.all(Array.from({ length: 32 }, () => {
        const id = randomUUID();
        return store.publish({ id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: now, data: JSON.stringify({ purchase: { transaction: id } }),
          transaction: id, productId: null, isTest: false, idempotencyKey: null, requestHash: id,
          searchTerms: { ofEvent: [id, `buyer-${id}@example.com`, randomUUID()], ofProduct: [] } }, toEveryWebhook, Date.now());
      }));
      stored += results.filter((result) => result.kind === 'created').length;
    }
    assert.equal(stored, 3072);
    return Math.round((await stat(`${file}-wal`)).size / frameBytes);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('writes that never pause still start the WAL over before the store checkpoints inside a COMMIT (64 MB)', async () => {
  // Checkpointing inside a COMMIT (the fallback) starts the WAL over only past `ownCheckpointPages` (16,384); at this
  // rate of writes the WAL passed that without the checkpointer's word, every time (16,392 to 19,951 pages seen).
  // With it, about 9,000 to 15,500 pages, except when the store's checkpoint meets one of the worker's and comes back
  // busy: then the WAL grows on to the next word or to the fallback. On a loaded machine (three of these runs at once)
  // that was 1 to 3 runs in 27. Making every word count (the worker waiting for the store's checkpoint, or the store
  // trying again) measured SQLite slower end to end (peak 0.73x to 0.95x in six pairs, PERFORMANCE.md), so a lost
  // word stays possible, and a second fresh store settles what one unlucky run cannot: without the word both reach
  // the fallback.
  const first = await walPagesUnderFirehose();
  const pages = first < ownCheckpointPages ? [first] : [first, await walPagesUnderFirehose()];
  assert.ok(pages.at(-1)! < ownCheckpointPages, `the WAL grew to ${pages.join(' and ')} pages before it started over`);
});
