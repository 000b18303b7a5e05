// One producer on a fresh PostgreSQL, for the tests that look at the database under the store: the migrated store,
// a session of the test's own beside the store's pool (to read tables and statistics), and ways to give the account
// webhooks and sales. Disposing of it ends the session and closes the store.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SecretBox } from '../../src/security/secret-box.ts';
import type { NewEvent } from '../../src/domain/event.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { asEventId, type WebhookId } from '../../src/domain/ids.ts';
import { freshDatabase } from './postgres.ts';
import { newAccountId, newWebhookId } from './ids.ts';

export async function postgresAccount(box: SecretBox, { poolSize, createdAt }: { poolSize: number; createdAt: number }) {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize }, box);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const accountId = newAccountId();
  await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'hottok', createdAt }, { clientId: randomUUID(), accountId, secretHash: 'hash' });
  /** A webhook of the account for every approved purchase, on a receiver nothing here calls. */
  const webhook = async (name = 'members'): Promise<WebhookId> => {
    const id = newWebhookId();
    await store.createWebhook(accountId, id, { name, url: 'https://members.example/hook', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0',
      maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, createdAt);
    return id;
  };
  /** An approved purchase of the account, with no product, under a new id (its transaction too). */
  const sale = (): NewEvent => {
    const id = randomUUID();
    return { id: asEventId(id), accountId, event: 'PURCHASE_APPROVED', creationDate: createdAt, data: '{}', transaction: id, productId: null,
      isTest: false, idempotencyKey: null, requestHash: id };
  };
  return { store, db, accountId, webhook, sale, [Symbol.asyncDispose]: async () => { await db.end(); await store.close(); } };
}
