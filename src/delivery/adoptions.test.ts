// Adoption at publish on a real SQLite store: the publishes answered in one turn are leased by one store call, only
// as many as the account's room reserves, and what comes back after stop() goes back unleased. The store is wrapped
// only to count its leaseNew calls: every call goes through to it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { createAccount } from '../accounts/create-account.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { ClaimedDelivery, PublishResult, Store } from '../store/store.ts';
import { adoptions } from './adoptions.ts';
import { dispatchState } from './dispatch-state.ts';
import { newEventId, newWebhookId } from '../../test/helpers/ids.ts';
import { toEveryWebhook } from '../../test/helpers/fan-out.ts';

type Parts = { store: Store; publish(transaction: string): Promise<PublishResult>; leaseCalls: number[] };

async function withShop(webhooks: number, body: (parts: Parts) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'postback-adoptions-'));
  const real = createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32)));
  const leaseCalls: number[] = [];
  const store: Store = { ...real, leaseNew: (deliveries, ...rest) => { leaseCalls.push(deliveries.length); return real.leaseNew(deliveries, ...rest); } };
  try {
    const shop = await createAccount(store, { name: 'Shop', kind: 'producer' }, Date.now());
    for (let i = 0; i < webhooks; i++) {
      await store.createWebhook(shop.account_id, newWebhookId(), { name: `w${i}`, url: `https://w${i}.example/hook`, events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
    }
    const publish = (transaction: string) => store.publish({ id: newEventId(), accountId: shop.account_id, event: 'PURCHASE_APPROVED', creationDate: Date.now(), data: '{}', transaction, productId: null, isTest: false, idempotencyKey: null, requestHash: transaction },
      toEveryWebhook, Date.now());
    await body({ store, publish, leaseCalls });
  } finally {
    await real.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function adopter(store: Store, concurrency: number, perWebhook = 8) {
  const state = dispatchState(concurrency, 1);
  const started: ClaimedDelivery[] = [];
  let announced = 0;
  const adopting = adoptions({
    store, state, clock: Date.now, logger: pino({ level: 'silent' }), lease: { leaseMs: 60_000, perWebhook },
    start: (claimed) => { state.started(claimed.event.accountId, false); started.push(claimed); },
    announce: () => { announced++; },
  });
  return { state, adopting, started, announced: () => announced };
}

test('the publishes of one turn are leased by one store call, and started ready to send', async () => {
  await withShop(2, async ({ store, publish, leaseCalls }) => {
    const { adopting, started, announced } = adopter(store, 8);
    const [first, second] = [await publish('HP-1'), await publish('HP-2')];
    adopting.adopt(first!);
    adopting.adopt(second!);
    await adopting.settled();
    assert.deepEqual(leaseCalls, [4], 'one call for both publishes');
    assert.equal(started.length, 4);
    assert.equal(new Set(started.map((claimed) => claimed.leaseToken)).size, 1);
    assert.equal(announced(), 0, 'nothing left for a claim');
    assert.deepEqual(await store.claimDue(Date.now(), 10, 60_000, 8), [], 'all four are leased');
  });
});

test('only as many as the room reserves are leased; the rest are announced for a claim', async () => {
  await withShop(3, async ({ store, publish, leaseCalls }) => {
    const { adopting, started, announced } = adopter(store, 2);
    adopting.adopt(await publish('HP-1'));
    await adopting.settled();
    assert.deepEqual([leaseCalls, started.length, announced()], [[2], 2, 1]);
    assert.equal((await store.claimDue(Date.now(), 10, 60_000, 8)).length, 1, 'the third is left for a claim');
    adopting.adopt(await publish('HP-2'));
    await adopting.settled();
    assert.deepEqual([leaseCalls, started.length, announced()], [[2], 2, 2], 'no free slot: no lease asked for');
  });
});

test('what leaseNew leaves at the webhook\'s cap is not announced: it is claimed when a slot is freed', async () => {
  await withShop(1, async ({ store, publish }) => {
    const { state, adopting, started, announced } = adopter(store, 8, 2);
    for (const transaction of ['HP-1', 'HP-2', 'HP-3']) adopting.adopt(await publish(transaction));
    await adopting.settled();
    assert.deepEqual([started.length, announced(), state.claimNow], [2, 0, false], 'no claim now: it would pass the third over too');
    assert.equal((await store.claimDue(Date.now(), 10, 60_000, 2)).length, 0, 'the third waits for one of the two leases to end');
    assert.equal(state.ended(started[0]!.event.accountId, false), true, 'the first freed slot claims again');
  });
});

test('leases that come back after stop() are given back, and nothing starts', async () => {
  await withShop(1, async ({ store, publish }) => {
    const { state, adopting, started } = adopter(store, 8);
    const published = await publish('HP-1');
    adopting.adopt(published);
    state.stop();
    await adopting.settled();
    assert.equal(started.length, 0);
    assert.equal((await store.claimDue(Date.now(), 10, 60_000, 8)).length, 1, 'released: claimable at once');
    adopting.adopt(await publish('HP-2'));
    await adopting.settled();
    assert.equal(started.length, 0, 'a stopping dispatcher adopts nothing');
  });
});
