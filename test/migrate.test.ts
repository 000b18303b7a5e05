// `postback migrate` on both stores, and how `postback serve` chooses and guards the PostgreSQL store.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, test } from 'node:test';
import { freshDatabase, stopTestPostgres } from './helpers/postgres.ts';
import { freshDataDir, runCli } from './helpers/process.ts';

after(stopTestPostgres);

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
