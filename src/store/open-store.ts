// Chooses the Store for this process. Nothing outside src/store knows which one is in use.
import { join } from 'node:path';
import type { Store } from './store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

export function openStore(options: { dataDir: string }): Store {
  return createSqliteStore(join(options.dataDir, 'postback.db'));
}
