// The embedded Store: one SQLite file under the data directory.
import { sqlitePasswordResets } from './password-resets.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { Store } from '../store.ts';
import { sqliteAccounts } from './accounts.ts';
import { sqliteAudit } from './audit.ts';
import { startCheckpointer } from './checkpointer.ts';
import { openDatabase } from './database.ts';
import { sqliteDispatch } from './dispatch.ts';
import { groupCommit } from './group-commit.ts';
import { sqliteHistory } from './history.ts';
import { sqliteHooks } from './hooks.ts';
import { sqliteOffers } from './offers.ts';
import { sqliteMembersArea } from './members-area.ts';
import { sqliteNotices } from './notices.ts';
import { sqliteOperations } from './operations.ts';
import type { NoticeRule } from '../notices.ts';
import { sqliteProducts } from './products.ts';
import { sqlitePublish } from './publish.ts';
import { sqliteLeaseNew } from './lease-new.ts';
import { sqliteSales } from './sales.ts';
import { sqliteStats } from './stats.ts';
import { sqliteTeam } from './team.ts';
import { sqliteRetention } from './retention.ts';
import { sqliteUsers } from './users.ts';
import { sqliteWebhooks } from './webhooks.ts';

/**
 * With the checkpointer on, this connection still checkpoints, but only past this many WAL pages (64 MB, not 1,000
 * pages): a writer that never pauses keeps a background PASSIVE checkpoint from ever finishing, so the WAL could
 * grow without end; this connection, the only writer at that instant, always finishes, and the WAL starts over.
 * What it copies is only what the background checkpoints left, so it is rare and short.
 */
const ownCheckpointPages = 16_384;

/** `box` seals webhook signing secrets and hottoks before they reach the file. */
export function createSqliteStore(file: string, box: SecretBox, noticeRule?: NoticeRule): Store {
  const db = openDatabase(file);
  const writes = groupCommit(db);
  let closed = false;
  // checkpoints run in a worker thread (checkpointer.ts); if it fails, this connection checkpoints as SQLite does by default
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file, { onLost: () => { if (!closed) db.exec('PRAGMA wal_autocheckpoint = 1000'); } });
  if (checkpointer) db.exec(`PRAGMA wal_autocheckpoint = ${ownCheckpointPages}`);
  const close = async () => {
    if (closed) return;
    closed = true;
    await checkpointer?.stop();
    // publishes and attempt records still waiting for their group commit are written, not dropped
    writes.flush();
    db.close();
  };
  return {
    dialect: 'sqlite',
    ...sqliteAccounts(db, box),
    ...sqliteProducts(db),
    ...sqliteOffers(db),
    ...sqliteMembersArea(db, box),
    ...sqliteWebhooks(db, box),
    ...sqlitePublish(db, writes),
    ...sqliteLeaseNew(db, box, writes),
    ...sqliteSales(db),
    ...sqliteDispatch(db, box, writes, noticeRule),
    ...sqliteHistory(db),
    ...sqliteUsers(db),
    ...sqliteRetention(db),
    ...sqliteHooks(db),
    ...sqliteOperations(db),
    ...sqliteNotices(db, box),
    ...sqlitePasswordResets(db),
    ...sqliteStats(db),
    ...sqliteAudit(db),
    ...sqliteTeam(db),
    close,
    [Symbol.asyncDispose]: close,
  };
}
