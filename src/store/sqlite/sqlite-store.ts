// The embedded Store: one SQLite file under the data directory.
import type { Store } from '../store.ts';
import { sqliteAccounts } from './accounts.ts';
import { openDatabase } from './database.ts';
import { sqliteDispatch } from './dispatch.ts';
import { sqliteHistory } from './history.ts';
import { sqlitePublish } from './publish.ts';
import { sqliteWebhooks } from './webhooks.ts';

export function createSqliteStore(file: string): Store {
  const db = openDatabase(file);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    db.close();
  };
  return {
    dialect: 'sqlite',
    ...sqliteAccounts(db),
    ...sqliteWebhooks(db),
    ...sqlitePublish(db),
    ...sqliteDispatch(db),
    ...sqliteHistory(db),
    close,
    [Symbol.asyncDispose]: close,
  };
}
