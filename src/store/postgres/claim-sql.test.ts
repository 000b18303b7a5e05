// claim.sql is the live claim function, readable in one place: this test fails when it and the function a fresh
// database is migrated to differ (a migration replaced the claim and claim.sql was not brought along, or claim.sql
// was edited without a migration). It creates claim.sql's function in a schema of its own beside the migrated one and
// compares PostgreSQL's own rendering of both (arguments, result, settings and body), whitespace aside.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createPool, migrate } from './database.ts';

after(stopTestPostgres);

const claimSql = readFileSync(new URL('claim.sql', import.meta.url), 'utf8');

/** The function's definition as PostgreSQL renders it, without its schema, with every run of whitespace as one space. */
async function definition(db: pg.Client, schema: string): Promise<string> {
  const { rows } = await db.query<{ def: string }>(
    `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE p.proname = 'postback_claim' AND n.nspname = $1`, [schema]);
  assert.equal(rows.length, 1, `one postback_claim in schema ${schema}`);
  return rows[0]!.def.replace(`FUNCTION ${schema}.postback_claim`, 'FUNCTION postback_claim').replace(/\s+/g, ' ').trim();
}

test('claim.sql is the claim function the migrations leave in a fresh database', async () => {
  const url = await freshDatabase();
  const pool = createPool({ url, poolSize: 1 });
  await migrate(pool).finally(() => pool.end());
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('CREATE SCHEMA claim_file');
    // the function is created in the first schema of the path; its tables are only named, not looked up, until it runs
    await db.query('SET search_path = claim_file, public');
    await db.query(claimSql);
    const migrated = await definition(db, 'public');
    const kept = await definition(db, 'claim_file');
    assert.ok(migrated.includes('FOR UPDATE SKIP LOCKED'), 'the migrated function is the claim');
    assert.equal(kept, migrated);
  } finally {
    await db.end();
  }
});
