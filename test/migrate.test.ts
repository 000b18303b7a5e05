// `postback migrate` on both stores, and how `postback serve` chooses and guards the PostgreSQL store.
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import pg from 'pg';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { callJson, freshDataDir, killAllChildren, runCli, startServe } from './helpers/process.ts';

after(stopTestPostgres);
after(killAllChildren);

/** What a command said when it refused: one line on stderr, after "postback: ", and nothing on stdout. */
function refusal(result: { code: number | null; stdout: string; stderr: string }): string {
  assert.equal(result.code, 1, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^postback: [^\n]+\n$/, 'one line, no stack');
  return result.stderr;
}

test('postback migrate brings a SQLite file up to date once, then has nothing to do', async () => {
  const dataDir = await freshDataDir();
  try {
    const first = await runCli(['migrate', '--data-dir', dataDir]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^SQLite at .*postback\.db: schema migrated from version 0 to \d+\n$/);
    const second = await runCli(['migrate', '--data-dir', dataDir]);
    assert.match(second.stdout, /: schema already at version \d+, nothing to do\n$/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('postback migrate --database-url migrates PostgreSQL and never prints the password', async () => {
  const url = await freshDatabase();
  const first = await runCli(['migrate', '--database-url', url]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^PostgreSQL at 127\.0\.0\.1:\d+\/postback_test_\w+: schema migrated from version 0 to \d+\n$/);
  assert.ok(!first.stdout.includes(new URL(url).password));
  assert.match((await runCli(['migrate'], { env: { DATABASE_URL: url } })).stdout, /already at version/);
});

test('serve on PostgreSQL refuses to start without POSTBACK_SECRET_KEY; a DATABASE_URL that is not postgres:// is a usage error', async () => {
  const dataDir = await freshDataDir();
  try {
    const noKey = await runCli(['serve', '--database-url', await freshDatabase(), '--data-dir', dataDir, '--port', '0']);
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /POSTBACK_SECRET_KEY is required with DATABASE_URL/);
    const badUrl = await runCli(['migrate', '--database-url', 'mysql://localhost/db']);
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /expected a postgres:\/\//);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a SQLite file a newer Postback migrated: migrate and account create refuse it in one line (exit 1); serve starts and /readyz says why it is not ready', { timeout: 60_000 }, async (t) => {
  const dataDir = await freshDataDir();
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  assert.equal((await runCli(['migrate', '--data-dir', dataDir])).code, 0);
  const file = join(dataDir, 'postback.db');
  const db = new DatabaseSync(file);
  const known = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);
  db.exec(`PRAGMA user_version = ${known + 3}`);
  db.close();
  const newer = new RegExp(`the schema is at version ${known + 3}, newer than this Postback knows \\(${known}\\)`);
  assert.match(refusal(await runCli(['migrate', '--data-dir', dataDir])), newer);
  assert.match(refusal(await runCli(['account', 'create', '--name', 'Loja', '--data-dir', dataDir])), newer);
  const after = new DatabaseSync(file, { readOnly: true });
  assert.equal(Number((after.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n), 0, 'nothing written');
  after.close();
  // README "Upgrades and migrations": on SQLite an older serve starts, and its /readyz says why it is not ready
  const server = await startServe({ POSTBACK_DATA_DIR: dataDir });
  t.after(() => server.kill('SIGKILL'));
  const ready = await callJson('GET', `${server.url}/readyz`);
  assert.equal(ready.status, 503);
  assert.match(ready.body.checks.migrations.detail, /a newer Postback migrated this database/);
});

test('a PostgreSQL database a newer Postback migrated: migrate and account create refuse it in one line (exit 1), no stack', async () => {
  const url = await freshDatabase();
  assert.equal((await runCli(['migrate', '--database-url', url])).code, 0);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let known: number;
  try {
    known = Number((await client.query<{ version: number }>('SELECT MAX(version) AS version FROM postback_migrations')).rows[0]!.version);
    await client.query('INSERT INTO postback_migrations (version, applied_at) VALUES ($1, 0)', [known + 3]);
  } finally {
    await client.end();
  }
  const newer = new RegExp(`^postback: PostgreSQL: the schema is at version ${known + 3}, newer than this Postback knows \\(${known}\\)`);
  assert.match(refusal(await runCli(['migrate', '--database-url', url])), newer);
  const key = Buffer.alloc(32, 7).toString('base64');
  assert.match(refusal(await runCli(['account', 'create', '--name', 'Loja', '--database-url', url], { env: { POSTBACK_SECRET_KEY: key } })), newer);
});

test('postback migrate where postback.db is a folder: one line saying so (exit 1), as account create says it', async (t) => {
  const dataDir = await freshDataDir();
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  await mkdir(join(dataDir, 'postback.db'));
  const migrate = refusal(await runCli(['migrate', '--data-dir', dataDir]));
  assert.match(migrate, /the SQLite database cannot be opened for writing/);
  assert.equal(migrate, refusal(await runCli(['account', 'create', '--name', 'Loja', '--data-dir', dataDir])));
});
