// The per-process access-token cache over both real stores, with two stores open on ONE database standing for two
// processes. Time is an input (`now`), so the TTL bound is checked at its exact edges, never slept through.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { findAccessTokenUncached, withAccessTokenCache } from './access-token-cache.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';
import { newAccountId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);

const T0 = 1_750_000_000_000;
const TTL = 10_000;
const box = createSecretBox(randomBytes(32));

/** Two stores on one database: what two processes sharing it see. */
const sharedDatabases: { name: string; open(): Promise<{ stores: [Store, Store]; close(): Promise<void> }> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'postback-token-cache-'));
      const first = createSqliteStore(join(dir, 'postback.db'), box);
      const second = createSqliteStore(join(dir, 'postback.db'), box);
      return { stores: [first, second], async close() { await first.close(); await second.close(); await rm(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const url = await freshDatabase();
      const first = await createPostgresStore({ url, poolSize: 2 }, box);
      const second = await createPostgresStore({ url, poolSize: 2 }, box);
      return { stores: [first, second], async close() { await first.close(); await second.close(); } };
    },
  },
];

async function seed(store: Store, expiresAt = T0 + 3_600_000) {
  const accountId = newAccountId();
  const clientId = `client-${randomUUID()}`;
  await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt: T0 }, { clientId, accountId, secretHash: 'hash-1' });
  await store.saveAccessToken({ tokenHash: 'token-1', accountId, clientId, secretHash: 'hash-1', issuedAt: T0, expiresAt });
  return { accountId, clientId };
}

for (const backend of sharedDatabases) {
  /** A test on two fresh stores of one database, closed whatever happens. */
  const withStore = (name: string, body: (stores: [Store, Store]) => Promise<void>) => test(name, async () => {
    const database = await backend.open();
    try { await body(database.stores); } finally { await database.close(); }
  });

  describe(`access-token cache on ${backend.name}`, () => {
    withStore('a rotation on this process refuses the token at once; another process keeps its answer for at most the TTL', async (stores) => {
      const [here, there] = stores.map((store) => withAccessTokenCache(store, { ttlMs: TTL })) as [Store, Store];
      const { accountId, clientId } = await seed(here);
      const owner = { accountId, clientId, expiresAt: T0 + 3_600_000 };
      assert.deepEqual(await here.findAccessToken('token-1', T0), owner);
      assert.deepEqual(await there.findAccessToken('token-1', T0), owner, 'cached by the other process at T0');

      assert.deepEqual(await here.rotateClientSecret(accountId, 'hash-2', { accessTokenHash: 'token-1' }, T0), { kind: 'rotated', clientId });
      assert.equal(await here.findAccessToken('token-1', T0 + 1), null, 'the rotating process refuses it at once');
      assert.deepEqual(await there.findAccessToken('token-1', T0 + TTL - 1), owner, 'the other process may still accept it within the TTL');
      assert.equal(await there.findAccessToken('token-1', T0 + TTL), null, 'and refuses it from the TTL on');
    });

    withStore('the uncached lookup sees a rotation by another process at once, and its refusal drops the cached answer', async (stores) => {
      const [here, there] = stores.map((store) => withAccessTokenCache(store, { ttlMs: TTL })) as [Store, Store];
      const { accountId, clientId } = await seed(here);
      const owner = { accountId, clientId, expiresAt: T0 + 3_600_000 };
      assert.deepEqual(await there.findAccessToken('token-1', T0), owner, 'cached by this process');
      assert.deepEqual(await findAccessTokenUncached({ ...there }, 'token-1', T0 + 1), owner, 'a live token passes (through a copy of the store too)');

      assert.equal((await here.rotateClientSecret(accountId, 'hash-2', { accessTokenHash: 'token-1' }, T0 + 1)).kind, 'rotated');
      assert.equal(await findAccessTokenUncached(there, 'token-1', T0 + 2), null, 'refused at once, though cached');
      assert.equal(await there.findAccessToken('token-1', T0 + 3), null, 'and the cached answer is gone, well within the TTL');
      assert.equal(await findAccessTokenUncached(stores[1], 'token-1', T0 + 3), null, 'a store without a cache is asked as it is');
    });

    withStore('a cached token never outlives its own expiry, and an unknown one is never kept', async (stores) => {
      const [store, other] = stores;
      const cached = withAccessTokenCache(store, { ttlMs: TTL });
      await seed(store, T0 + 5000);
      assert.notEqual(await cached.findAccessToken('token-1', T0), null);
      assert.equal(await cached.findAccessToken('token-1', T0 + 5000), null, 'expired at expiresAt, though cached for less than the TTL');

      assert.equal(await cached.findAccessToken('token-2', T0), null);
      const { accountId, clientId } = (await store.findAccessToken('token-1', T0))!;
      await other.saveAccessToken({ tokenHash: 'token-2', accountId, clientId, secretHash: 'hash-1', issuedAt: T0, expiresAt: T0 + 60_000 });
      assert.notEqual(await cached.findAccessToken('token-2', T0 + 1), null, 'a token issued elsewhere works here at once');
    });

    withStore('a TTL of 0 is no cache, and the cache holds at most maxEntries tokens', async (stores) => {
      const [store, other] = stores;
      assert.equal(withAccessTokenCache(store, { ttlMs: 0 }), store, 'POSTBACK_TOKEN_CACHE_TTL=0: the store itself');
      const cached = withAccessTokenCache(store, { ttlMs: TTL, maxEntries: 2 });
      const { accountId, clientId } = await seed(store);
      for (const hash of ['token-2', 'token-3']) await store.saveAccessToken({ tokenHash: hash, accountId, clientId, secretHash: 'hash-1', issuedAt: T0, expiresAt: T0 + 60_000 });
      for (const hash of ['token-1', 'token-2', 'token-3']) assert.notEqual(await cached.findAccessToken(hash, T0), null);
      // revoked by another process: whatever this one still answers from memory is what it kept
      assert.equal((await other.rotateClientSecret(accountId, 'hash-2', { accessTokenHash: 'token-1' }, T0)).kind, 'rotated');
      assert.equal(await cached.findAccessToken('token-1', T0 + 1), null, 'the oldest entry was evicted when the third came in');
      assert.notEqual(await cached.findAccessToken('token-3', T0 + 1), null, 'the newest is kept');
    });
  });
}
