// Which key opens a database's secrets, on both stores: the one it was sealed with, and any key while nothing is sealed
// yet. open-store.ts refuses to start with another (a database restored without its secret.key).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { newAccountId } from '../../test/helpers/ids.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

after(stopTestPostgres);

/** Opens one database, again each time, with the key given. */
type Reopen = (key: Buffer) => Promise<Store>;

async function sealingKeyIsRequired(reopen: Reopen): Promise<void> {
  const [sealing, other] = [randomBytes(32), randomBytes(32)];
  const empty = await reopen(other);
  assert.equal(await empty.keyOpensSealedSecrets(), true, 'nothing sealed yet: any key');
  await empty.close();
  const store = await reopen(sealing);
  const id = newAccountId();
  await store.createAccount({ id, name: 'Loja', kind: 'producer', hottok: 'hottok', createdAt: Date.now() }, { clientId: randomUUID(), accountId: id, secretHash: 'hash' });
  await store.close();
  for (const [key, opens] of [[sealing, true], [other, false]] as const) {
    const again = await reopen(key);
    assert.equal(await again.keyOpensSealedSecrets(), opens);
    await again.close();
  }
}

test('SQLite: only the key its secrets were sealed with opens them', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-sealing-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await sealingKeyIsRequired(async (key) => createSqliteStore(join(dir, 'postback.db'), createSecretBox(key)));
});

test('PostgreSQL: only the key its secrets were sealed with opens them', async () => {
  const url = await freshDatabase();
  await sealingKeyIsRequired((key) => createPostgresStore({ url, poolSize: 2 }, createSecretBox(key)));
});
