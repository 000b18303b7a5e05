// The embedded Store: one SQLite file under the data directory.
import type { SecretBox } from '../../security/secret-box.ts';
import type { Store } from '../store.ts';
import { sqliteAccounts } from './accounts.ts';
import { openDatabase } from './database.ts';
import { sqliteDispatch } from './dispatch.ts';
import { sqliteHistory } from './history.ts';
import { sqlitePublish } from './publish.ts';
import { sqliteSales } from './sales.ts';
import { sqliteRetention } from './retention.ts';
import { sqliteUsers } from './users.ts';
import { sqliteWebhooks } from './webhooks.ts';

/** `box` seals webhook signing secrets and hottoks before they reach the file. */
export function createSqliteStore(file: string, box: SecretBox): Store {
  const db = openDatabase(file);
  const dispatch = sqliteDispatch(db, box);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    // attempt records still waiting for their group commit are written, not dropped
    dispatch.flushRecords();
    db.close();
  };
  return {
    dialect: 'sqlite',
    ...sqliteAccounts(db, box),
    ...sqliteWebhooks(db, box),
    ...sqlitePublish(db, box),
    ...sqliteSales(db, box),
    claimDue: dispatch.claimDue,
    recordAttempt: dispatch.recordAttempt,
    releaseLeases: dispatch.releaseLeases,
    nextDueAt: dispatch.nextDueAt,
    ...sqliteHistory(db),
    ...sqliteUsers(db),
    ...sqliteRetention(db),
    close,
    [Symbol.asyncDispose]: close,
  };
}
