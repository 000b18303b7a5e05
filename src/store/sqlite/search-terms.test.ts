// An event's search terms go with it (migration 17): the event lists them, and a trigger deletes them by primary
// key whatever removes the event. No index by event and no foreign key is written at a publish for that.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { newAccountId, newEventId } from '../../../test/helpers/ids.ts';
import type { AccountId } from '../../domain/ids.ts';
import type { NewEvent } from '../../domain/event.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { sqliteMigrations } from './migrations.ts';
import { createSqliteStore } from './sqlite-store.ts';

const T0 = 1_750_000_000_000;
const box = createSecretBox(randomBytes(32));

async function inDirectory(work: (file: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'postback-terms-'));
  try {
    await work(join(dir, 'postback.db'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const sale = (accountId: AccountId, transaction: string, ofEvent: string[]): NewEvent => ({
  id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: '{}', transaction, productId: null, isTest: false,
  idempotencyKey: null, requestHash: 'h', searchTerms: { ofEvent, ofProduct: [] },
});

/** The term rows of each event, read beside the store (WAL: a second connection sees every commit). */
function termsByEvent(file: string): Map<string, string[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const rows = db.prepare('SELECT event_id, term FROM event_search_terms ORDER BY event_id, term').all() as { event_id: string; term: string }[];
    return rows.reduce((terms, row) => terms.set(row.event_id, [...(terms.get(row.event_id) ?? []), row.term]), new Map<string, string[]>());
  } finally {
    db.close();
  }
}

test('a purged event takes its search terms with it; a newer one keeps its own', () => inDirectory(async (file) => {
  const store = createSqliteStore(file, box);
  try {
    const accountId = newAccountId();
    await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'x' });
    // no webhook: each event matches none, so retention may purge it as soon as it is older than the cutoff
    const old = sale(accountId, 'HP0001', ['hp0001', 'ana@example.com', 'ana souza', 'souza']);
    const kept = sale(accountId, 'HP0002', ['hp0002', 'bruno@example.com']);
    await store.publish(old, () => [], T0);
    await store.publish(kept, () => [], T0 + 10_000);
    assert.deepEqual([...termsByEvent(file).keys()].sort(), [old.id, kept.id].sort(), 'both events are searchable');
    assert.equal(await store.purgeHistory(T0 + 1_000, 100), 1);
    assert.deepEqual(termsByEvent(file), new Map([[kept.id, ['bruno@example.com', 'hp0002']]]));
  } finally {
    await store.close();
  }
}));

test('events stored before migration 17 get their list from their term rows, and take them with them too', () => inDirectory(async (file) => {
  const accountId = newAccountId();
  const [old, kept] = [newEventId(), newEventId()];
  const before = new DatabaseSync(file);
  for (const migration of sqliteMigrations.slice(0, 16)) before.exec(migration);
  before.exec('PRAGMA user_version = 16');
  before.prepare("INSERT INTO accounts (id, name, kind, hottok, created_at) VALUES (?, 'Acme', 'producer', 'h', ?)").run(accountId, T0);
  const insertEvent = before.prepare(`INSERT INTO events (account_id, id, event, creation_date, data, txn, product_id, is_test, idempotency_key, request_hash, created_at)
    VALUES (?, ?, 'PURCHASE_APPROVED', ?, '{}', NULL, NULL, 0, NULL, 'h', ?)`);
  const insertTerm = before.prepare('INSERT INTO event_search_terms (account_id, term, event_id) VALUES (?, ?, ?)');
  insertEvent.run(accountId, old, T0, T0);
  insertEvent.run(accountId, kept, T0, T0 + 10_000);
  for (const term of ['hp0001', 'ana souza']) insertTerm.run(accountId, term, old);
  insertTerm.run(accountId, 'hp0002', kept);
  before.close();

  const store = createSqliteStore(file, box);
  try {
    const listed = new DatabaseSync(file, { readOnly: true });
    const lists = listed.prepare('SELECT id, search_terms FROM events').all().map((row) => [row.id, JSON.parse(String(row.search_terms)).sort()]);
    listed.close();
    assert.deepEqual(new Map(lists as [string, string[]][]), new Map([[old, ['ana souza', 'hp0001']], [kept, ['hp0002']]]));
    assert.equal(await store.purgeHistory(T0 + 1_000, 100), 1);
    assert.deepEqual(termsByEvent(file), new Map([[kept, ['hp0002']]]));
  } finally {
    await store.close();
  }
}));
