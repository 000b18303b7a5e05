// The shared Store: one PostgreSQL database that any number of api and worker processes use at once.
import { postgresPasswordResets } from './password-resets.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { Store } from '../store.ts';
import { postgresAccounts } from './accounts.ts';
import { postgresAudit } from './audit.ts';
import { createPool, migrate } from './database.ts';
import type { PostgresOptions } from './database.ts';
import { postgresDispatch } from './dispatch.ts';
import { createDueListener, createDueNotifier } from './due-notifications.ts';
import { postgresHistory } from './history.ts';
import { postgresHooks } from './hooks.ts';
import { postgresOffers } from './offers.ts';
import { postgresMembersArea } from './members-area.ts';
import { postgresNotices } from './notices.ts';
import { postgresOperations } from './operations.ts';
import type { NoticeRule } from '../notices.ts';
import { postgresProducts } from './products.ts';
import { postgresPublish } from './publish.ts';
import { postgresLeaseNew } from './lease-new.ts';
import { postgresSales } from './sales.ts';
import { postgresStats } from './stats.ts';
import { postgresTeam } from './team.ts';
import { postgresRetention } from './retention.ts';
import { postgresUsers } from './users.ts';
import { postgresWebhooks } from './webhooks.ts';

/**
 * Connects, brings the schema up to date (under an advisory lock) and returns the Store. `box` seals webhook
 * signing secrets and hottoks before they reach the database. `onListenError` hears LISTEN connection failures
 * (they only cost latency: dispatchers keep polling).
 */
export async function createPostgresStore(options: PostgresOptions, box: SecretBox, onListenError?: (error: Error) => void, noticeRule?: NoticeRule): Promise<Store> {
  const pool = createPool(options);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const due = createDueListener(options.url, onListenError);
  const notifier = createDueNotifier(pool);
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      notifier.close();
      await due.close().catch(() => {});
      await pool.end();
    })();
    return closing;
  };
  return {
    dialect: 'postgres',
    ...postgresAccounts(pool, box),
    ...postgresProducts(pool),
    ...postgresOffers(pool),
    ...postgresMembersArea(pool, box),
    ...postgresWebhooks(pool, box, notifier),
    ...postgresPublish(pool),
    ...postgresLeaseNew(pool, box, notifier),
    ...postgresSales(pool, notifier),
    ...postgresDispatch(pool, box, notifier, noticeRule),
    ...postgresHistory(pool, notifier),
    ...postgresUsers(pool),
    ...postgresRetention(pool),
    ...postgresHooks(pool),
    ...postgresOperations(pool),
    ...postgresNotices(pool, box),
    ...postgresPasswordResets(pool),
    ...postgresStats(pool),
    ...postgresAudit(pool),
    ...postgresTeam(pool),
    onDue: due.onDue,
    close,
    [Symbol.asyncDispose]: close,
  };
}
