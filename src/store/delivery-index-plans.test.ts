// What the indexes of `deliveries` must keep answering (the migration "Fewer indexes on deliveries" lists them):
// retention walks the primary key, not a scan; a deleted webhook's cascade and a deleted event's reach their
// deliveries through an index, never by reading every delivery (a REST hook's 410 deletes its webhook inside the
// record step). Plans are read on an empty store: SQLite plans without statistics, PostgreSQL is told not to scan.
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
import { createPostgresStore } from './postgres/postgres-store.ts';
import { retentionSql as postgresRetention } from './postgres/retention.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';
import { retentionSql as sqliteRetention } from './sqlite/retention.ts';

const box = createSecretBox(randomBytes(32));
after(stopTestPostgres);

test('SQLite: retention walks the primary key; the cascades from a webhook and from an event are index searches', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-plans-'));
  try {
    await (createSqliteStore(join(dir, 'postback.db'), box)).close();
    const db = new DatabaseSync(join(dir, 'postback.db'));
    const plan = (sql: string, ...values: (string | number)[]) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values).map((row) => String(row.detail));
    const purge = plan(sqliteRetention.purgeDeliveries, '0', 0, 0, 10);
    assert.ok(purge.includes('SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_1 (id<?)'), purge.join('\n'));
    const scans = (lines: string[]) => lines.filter((line) => /^SCAN deliveries\b/.test(line));
    assert.deepEqual(scans(purge), []);
    const webhookGone = plan("DELETE FROM webhooks WHERE id = 'w'");
    assert.ok(webhookGone.includes('SEARCH deliveries USING COVERING INDEX deliveries_webhook_history (webhook_id=?)'), webhookGone.join('\n'));
    const eventGone = plan("DELETE FROM events WHERE account_id = 'a' AND id = 'e'");
    assert.ok(eventGone.includes('SEARCH deliveries USING COVERING INDEX deliveries_by_event (account_id=? AND event_id=?)'), eventGone.join('\n'));
    assert.deepEqual(scans([...webhookGone, ...eventGone, ...plan(sqliteRetention.purgeEvents, 0, 10)]), []);
    db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: retention reads and deletes by the primary key; the cascades have an index to read', async () => {
  const url = await freshDatabase();
  await (await createPostgresStore({ url, poolSize: 2 }, box)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // an empty table is cheapest to read whole: forbid that, so the plan shows which index each statement can use
    await client.query('SET enable_seqscan = off');
    const plan = async (sql: string, values: unknown[] = []) =>
      (await client.query(`EXPLAIN ${sql}`, values)).rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
    const purge = await plan(postgresRetention.purgeDeliveries, ['0', 0, 10]);
    assert.match(purge, /Index Scan (using|on) deliveries_pkey[\s\S]*Index Cond: \(id < /);
    assert.match(purge, /Index Cond: \(id = ANY /, 'the batch deleted by primary key lookups');
    assert.doesNotMatch(purge, /Seq Scan|Hash Join/);
    // the statements the foreign keys' ON DELETE CASCADE runs
    assert.match(await plan("DELETE FROM ONLY deliveries WHERE webhook_id = 'w'"), /deliveries_webhook_history/);
    assert.match(await plan("DELETE FROM ONLY deliveries WHERE account_id = 'a' AND event_id = 'e'"), /deliveries_by_event/);
  } finally {
    await client.end();
  }
});
