// The history's search reads indexes on both stores, bounded by the account: the plan of the very subquery
// listDeliveries uses is a range scan of each terms table's primary key (account, term), and the events of the
// matching products through an index of (account, product); never a scan of a table.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { createSecretBox } from '../security/secret-box.ts';
import { eventsMatching as postgresEventsMatching } from './postgres/history.ts';
import { createPostgresStore } from './postgres/postgres-store.ts';
import { eventsMatching as sqliteEventsMatching } from './sqlite/history.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

const box = createSecretBox(randomBytes(32));
after(stopTestPostgres);

test('SQLite: the search is a range of each primary key (account, term), then the products\' events by index', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-search-'));
  try {
    const store = createSqliteStore(join(dir, 'postback.db'), box);
    await store.close();
    const db = new DatabaseSync(join(dir, 'postback.db'));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sqliteEventsMatching}`).all('account', 'ana', 'ana\u{10ffff}', 'account', 'ana', 'ana\u{10ffff}').map((row) => String(row.detail));
    db.close();
    assert.deepEqual(plan.filter((step) => step.startsWith('SEARCH') || step.startsWith('SCAN')), [
      'SEARCH event_search_terms USING PRIMARY KEY (account_id=? AND term>? AND term<?)',
      'SEARCH p USING PRIMARY KEY (account_id=? AND term>? AND term<?)',
      'SEARCH e USING COVERING INDEX events_by_product (account_id=? AND product_id=?)',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: the search is an index range of each (account, term), then the products\' events by index', async () => {
  const url = await freshDatabase();
  const store = await createPostgresStore({ url, poolSize: 2 }, box);
  await store.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // an empty table is cheapest to read whole: forbid that, so the plan shows which index the query can use
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN ${postgresEventsMatching('$1', '$2', '$3')}`, ['account', 'ana', 'ana\u{10ffff}']);
    const plan = rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
    assert.match(plan, /Index (Only )?Scan using event_search_terms_pkey/);
    assert.match(plan, /Index (Only )?Scan using product_search_terms_pkey/);
    assert.match(plan, /Index (Only )?Scan using events_by_product on events\s+\(.*\)\n\s+Index Cond: \(\(account_id = '?account'?(::text)?\) AND \(product_id = ANY/);
    assert.equal(plan.match(/Index Cond: \(\(account_id = '?account'?(::text)?\) AND \(term >= /g)?.length, 2, 'each terms table by its range of (account, term)');
    assert.doesNotMatch(plan, /Seq Scan/);
  } finally {
    await client.end();
  }
});
