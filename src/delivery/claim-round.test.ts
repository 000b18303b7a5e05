// A claim round on a real SQLite store, after a claim that came back short: a delivery left unleased since before
// the adoption window is passed over (a freed slot claims again), while one that became due within the window is
// left to its publisher's adoption (the next claim waits for the window, not for each freed slot).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAccount } from '../accounts/create-account.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { ClaimedDelivery } from '../store/store.ts';
import { adoptionWindowMs, claimRound } from './claim-round.ts';
import { dispatchState } from './dispatch-state.ts';
import { newEventId, newWebhookId } from '../../test/helpers/ids.ts';
import { toEveryWebhook } from '../../test/helpers/fan-out.ts';

const T0 = Date.UTC(2026, 11, 5, 20);
const config = { leaseMs: 60_000, webhookConcurrency: 1, pollIntervalMs: 1000 };

/** Two sales published at T0 to one webhook whose cap is one: a claim takes one and leaves the other. */
async function claimAt(now: number) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-claim-round-'));
  const store = createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32)));
  try {
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, T0);
    await store.createWebhook(shop.account_id, newWebhookId(), { name: 'members', url: 'https://members.example/hook', events: ['PURCHASE_APPROVED'],
      products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, T0);
    for (const transaction of ['HP-1', 'HP-2']) {
      await store.publish({ id: newEventId(), accountId: shop.account_id, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction, productId: null,
        isTest: false, idempotencyKey: null, requestHash: transaction }, toEveryWebhook, T0);
    }
    const state = dispatchState(8, 1);
    const started: ClaimedDelivery[] = [];
    const wait = await claimRound({ store, state, config, clock: () => now, start: (claimed) => { state.started(claimed.event.accountId, false); started.push(claimed); } });
    // the attempt ends: whether its freed slot makes the loop claim again
    const claimsOnFreedSlot = state.ended(started[0]!.event.accountId, false);
    return { wait, started: started.length, claimsOnFreedSlot };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a delivery left unleased since before the adoption window is passed over: a freed slot claims again', async () => {
  assert.deepEqual(await claimAt(T0 + adoptionWindowMs + 1), { wait: config.pollIntervalMs, started: 1, claimsOnFreedSlot: true });
});

test('a delivery due for less than the adoption window is left to its publisher: the next claim waits out the window', async () => {
  assert.deepEqual(await claimAt(T0 + 100), { wait: adoptionWindowMs - 100, started: 1, claimsOnFreedSlot: false });
});
