// A claim whose ring probes every webhook with pending deliveries does not read the lanes' heads (claim.ts, (a) and
// (b)): each webhook was probed for as many rows of each lane as the choice could take from it. Shown here on
// random states (lanes, ages, live and expired leases, open circuits, timeouts, caps, account rooms): the claim
// chooses exactly what the same claim chooses when it reads the heads too.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { newAccountId, newEventId, newWebhookId } from '../../../test/helpers/ids.ts';
import type { AccountId, WebhookId } from '../../domain/ids.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import type { AccountRooms, DeliveryPlan } from '../store.ts';
import { sqliteClaimer } from './claim.ts';
import { createSqliteStore } from './sqlite-store.ts';

const T0 = 1_750_000_000_000;

/** A small seeded generator (mulberry32): a failing state can be run again. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('a ring over every webhook with pending deliveries chooses what the claim chooses with the heads read too', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-claim-'));
  const file = join(dir, 'postback.db');
  const store = createSqliteStore(file, createSecretBox(randomBytes(32)));
  const db = new DatabaseSync(file);
  try {
    // three accounts with 1, 3 and 5 webhooks, 30 events each, fanned out to all of the account's webhooks
    const webhooksOf = new Map<AccountId, WebhookId[]>();
    for (const count of [1, 3, 5]) {
      const accountId = newAccountId();
      await store.createAccount({ id: accountId, name: `account ${count}`, kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'x' });
      const ids = Array.from({ length: count }, () => newWebhookId());
      for (const [index, id] of ids.entries()) {
        await store.createWebhook(accountId, id, { name: `hook ${index}`, url: `http://127.0.0.1:9/${index}`, events: ['PURCHASE_APPROVED'], products: 'all',
          version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, T0);
      }
      webhooksOf.set(accountId, ids);
      const toAll = (): DeliveryPlan[] => ids.map((webhookId) => ({ webhookId, version: '2.0.0', maxAttempts: 5, status: 'pending' }));
      for (let i = 0; i < 30; i++) {
        await store.publish({ id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction: `HP${count}-${i}`, productId: null,
          isTest: false, idempotencyKey: null, requestHash: 'h' }, toAll, T0);
      }
    }
    const webhooks = [...webhooksOf.values()].flat();
    const fifth = [...webhooks].sort()[4]!;
    const accounts = [...webhooksOf.keys()];
    const deliveryIds = db.prepare('SELECT id FROM deliveries').all().map((row) => String(row.id));
    const claim = sqliteClaimer(db);
    const setDelivery = db.prepare('UPDATE deliveries SET attempt_count = ?, next_attempt_at = ?, lease_token = ?, lease_expires_at = ? WHERE id = ?');
    const setWebhook = db.prepare('UPDATE webhooks SET circuit_opened_at = ?, timeout_streak = ? WHERE id = ?');

    const random = seeded(21);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const rounds = 100;
    let claimedRows = 0;
    let withoutHeadsDiffered = 0;
    for (let round = 0; round < rounds; round++) {
      const now = T0 + 10_000;
      db.exec('BEGIN IMMEDIATE');
      try {
        // each round its own mix: how many rows are retries (one lane may be empty), leased, due
        const [retries, leases, due] = [pick([0, 0.1, 0.5, 1]), pick([0, 0.05, 0.3]), pick([0.2, 0.7, 1])];
        for (const id of deliveryIds) {
          const leased = random() < leases;
          setDelivery.run(random() < retries ? pick([1, 3]) : 0, now + Math.round((random() - due) * 5_000), leased ? randomUUID() : null, leased ? now + pick([-1_000, 60_000]) : null, id);
        }
        for (const id of webhooks) setWebhook.run(random() < 0.15 ? now - 1_000 : null, pick([0, 0, 0, 1, 4]), id);
        const rooms: AccountRooms = { rooms: new Map(accounts.map((account) => [account, pick([0, 1, 3, 8, 20, 64])])), otherRoom: 20,
          slowRooms: new Map(accounts.map((account) => [account, pick([0, 1, 2, 64])])), otherSlowRoom: 20 };
        const limit = pick([1, 4, 10, 40, 64]);
        const shape = { now, token: 'claim', expires: now + 60_000, limit, cap: pick([1, 2, 4, 16, 64]), budget: limit * 4, accounts: rooms };
        // each claim runs in a savepoint rolled back after it: both see the same state
        const choose = (ringSize: number, ringAfter = '') => {
          db.exec('SAVEPOINT probe');
          try { return claim({ ...shape, ringSize, ringAfter }).ids; } finally { db.exec('ROLLBACK TO probe'); db.exec('RELEASE probe'); }
        };
        // one more than there are webhooks: the ring ends before its size, and the heads are not read
        const ringOnly = choose(webhooks.length + 1);
        // exactly as many: the ring holds every webhook too, but it did not end early, so the heads are read as well
        const withHeads = choose(webhooks.length);
        assert.deepEqual(ringOnly, withHeads, `round ${round}: the same choice, in the same order`);
        // a ring that starts after the fifth webhook and ends before its size has not probed the first five: it reads
        // the heads, as a ring that fills its size exactly does
        assert.deepEqual(choose(5, fifth), choose(4, fifth), `round ${round}: a ring from the middle still reads the heads`);
        claimedRows += ringOnly.length;
        // the heads alone (a ring of size 0) would choose differently in most states: what the ring adds matters
        if (JSON.stringify(choose(0)) !== JSON.stringify(withHeads)) withoutHeadsDiffered++;
      } finally {
        db.exec('ROLLBACK');
      }
    }
    assert.ok(claimedRows > 100, `the random states claim something (${claimedRows} rows in all)`);
    assert.ok(withoutHeadsDiffered > 10, `states where the ring changes the choice (${withoutHeadsDiffered} of ${rounds}): the comparison can fail`);
  } finally {
    db.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
