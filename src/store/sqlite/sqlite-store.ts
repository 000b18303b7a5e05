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
import { recordLinger } from '../record-linger.ts';
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
 * With the checkpointer on, this connection still checkpoints: a writer that never pauses keeps a background PASSIVE
 * checkpoint from ever starting the WAL over, and this connection, the only writer at that instant, always can. It
 * does so when the checkpointer has just copied nearly all of a WAL of 16 MB or more (`onCaughtUp`), so that only
 * what came in meanwhile is left to copy and sync on the event loop: 7.4 ms at the median, 40 ms at most, in the bench.
 * Past this many pages (64 MB) it also checkpoints inside a COMMIT, as a fallback. With that fallback alone, at 200
 * events/s, a COMMIT every one and a half to two seconds took 20 to 57 ms, most of it syncing (PERFORMANCE.md:
 * SQLite's tail at 200 events/s).
 */
export const ownCheckpointPages = 16_384;

/**
 * `box` seals webhook signing secrets and hottoks before they reach the file. `checkpoints` starts the checkpointer:
 * a test gives its word by hand (wal-restart.test.ts).
 */
export function createSqliteStore(file: string, box: SecretBox, noticeRule?: NoticeRule, checkpoints = startCheckpointer): Store {
  const db = openDatabase(file);
  const writes = groupCommit(db, 256, recordLinger);
  let closed = false;
  // checkpoints run in a worker thread (checkpointer.ts); if it fails, this connection checkpoints as SQLite does by default
  const checkpointer = file === ':memory:' ? null : checkpoints(file, {
    onLost: () => { if (!closed) db.exec('PRAGMA wal_autocheckpoint = 1000'); },
    // between turns of the event loop, so never inside a group commit's transaction; one that fails (another process's
    // checkpoint) is tried again at the next word, and the fallback stays
    onCaughtUp: () => {
      try {
        if (!closed) db.exec('PRAGMA wal_checkpoint(PASSIVE)');
      } catch {}
    },
  });
  if (checkpointer) db.exec(`PRAGMA wal_autocheckpoint = ${ownCheckpointPages}`);
  const close = async () => {
    if (closed) return;
    closed = true;
    await checkpointer?.stop();
    // publishes and attempt records still waiting for their group commit are written, not dropped (or, while another
    // process holds the lock past their wait, refused to their callers)
    await writes.drain();
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
    ...sqliteOperations(db, writes),
    ...sqliteNotices(db, box),
    ...sqlitePasswordResets(db),
    ...sqliteStats(db),
    ...sqliteAudit(db),
    ...sqliteTeam(db),
    close,
    [Symbol.asyncDispose]: close,
  };
}
