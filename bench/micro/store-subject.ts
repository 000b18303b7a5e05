// What the in-process benches share (most of them on SQLite): a store with one account and `fanOut` webhooks, the bench's own events
// as ingest prepares them, and a delivered attempt to record.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { uuidv7 } from 'uuidv7';
import type { NewEvent } from '../../src/domain/event.ts';
import { type AccountId, asAccountId, asWebhookId } from '../../src/domain/ids.ts';
import { prepareEvent } from '../../src/ingest/prepare-event.ts';
import { createSecretBox } from '../../src/security/secret-box.ts';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { eventDataJson } from '../payload.ts';
import type { AttemptRecord, DeliveryPlan, Store, WebhookRoute } from '../../src/store/store.ts';

export const fanOut = 4;
export const toAll = (webhooks: WebhookRoute[]): DeliveryPlan[] => webhooks.map((w) => ({ webhookId: w.id, version: w.version, maxAttempts: 5, status: 'pending' }));
let published = 0;

/** The bench's own events as ingest prepares them (prepare-event.ts): the catalogue's PURCHASE_APPROVED sample, each with a transaction of its own, and its search terms. */
export function preparedEvents(accountId: AccountId, count: number): NewEvent[] {
  return Array.from({ length: count }, () => {
    const prepared = prepareEvent({ accountId, event: 'PURCHASE_APPROVED', data: JSON.parse(eventDataJson(published++)), requestHash: 'h' }, 5, Date.now());
    if (prepared.kind !== 'ready') throw new Error(`the bench's event is invalid: ${JSON.stringify(prepared.issues)}`);
    return prepared.event;
  });
}

export const delivered = (): AttemptRecord => ({ id: uuidv7(), number: 1, startedAt: Date.now(), durationMs: 3, statusCode: 200, error: null, errorDetail: null,
  requestHeaders: { 'webhook-id': 'x' }, responseHeaders: { 'content-type': 'text/plain' }, responseBody: 'ok' });

export type Subject = { name: string; file: string; store: Store; accountId: AccountId };

/** A store in `dir`/`name`.db with `sql` applied after it opens (if any), one account and `fanOut` webhooks. */
export async function openSubject(dir: string, name: string, sql?: string): Promise<Subject> {
  const file = join(dir, `${name}.db`);
  const store = createSqliteStore(file, createSecretBox(randomBytes(32)));
  if (sql) { const db = new DatabaseSync(file); db.exec(sql); db.close(); }
  return { name, file, store, accountId: await seedAccount(store, name) };
}

/** One account named `name` with `fanOut` webhooks, on any store: its id. */
export async function seedAccount(store: Store, name: string): Promise<AccountId> {
  const accountId = asAccountId(uuidv7());
  await store.createAccount({ id: accountId, name, kind: 'producer', hottok: 'h', createdAt: Date.now() }, { clientId: randomUUID(), accountId, secretHash: 'x' });
  for (let i = 0; i < fanOut; i++) {
    await store.createWebhook(accountId, asWebhookId(uuidv7()), { name: `hook ${i}`, url: `http://127.0.0.1:9/${i}`, events: ['PURCHASE_APPROVED'], products: 'all',
      version: '2.0.0', maxAttempts: null, enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}` }, Date.now());
  }
  return accountId;
}
