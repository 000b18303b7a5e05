// claim.sql and record-delivered.sql are live functions, each readable in one place beside the code that calls it:
// this test fails when such a file and the function a fresh database is migrated to differ (a migration replaced the
// function and its file was not brought along, or the file was edited without a migration). It creates each file's
// function in a schema of its own beside the migrated one and compares PostgreSQL's own rendering of both
// (arguments, result, settings and body), whitespace aside.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createPool, migrate } from './database.ts';

after(stopTestPostgres);

let url = '';
before(async () => {
  url = await freshDatabase();
  const pool = createPool({ url, poolSize: 1 });
  await migrate(pool).finally(() => pool.end());
});

/** The function's definition as PostgreSQL renders it, without its schema, with every run of whitespace as one space. */
async function definition(db: pg.Client, name: string, schema: string): Promise<string> {
  const { rows } = await db.query<{ def: string }>(
    `SELECT pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE p.proname = $1 AND n.nspname = $2`, [name, schema]);
  assert.equal(rows.length, 1, `one ${name} in schema ${schema}`);
  return rows[0]!.def.replace(`FUNCTION ${schema}.${name}`, `FUNCTION ${name}`).replace(/\s+/g, ' ').trim();
}

const files = [
  { file: 'claim.sql', name: 'postback_claim', schema: 'claim_file', says: 'FOR UPDATE SKIP LOCKED' },
  { file: 'record-delivered.sql', name: 'postback_record_delivered', schema: 'record_file', says: 'INSERT INTO attempts' },
];

for (const { file, name, schema, says } of files) {
  test(`${file} is the function ${name} the migrations leave in a fresh database`, async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await db.query(`CREATE SCHEMA ${schema}`);
      // the function is created in the first schema of the path; its tables are only named, not looked up, until it runs
      await db.query(`SET search_path = ${schema}, public`);
      await db.query(readFileSync(new URL(file, import.meta.url), 'utf8'));
      const migrated = await definition(db, name, 'public');
      assert.ok(migrated.includes(says), `the migrated function is ${name}`);
      assert.equal(await definition(db, name, schema), migrated);
    } finally {
      await db.end();
    }
  });
}
