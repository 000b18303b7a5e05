// The pool (database.ts) keeps the connections a burst opened through a quiet spell after it. A new connection
// plans every statement again and compiles postback_claim again, so a pool that closed its idle connections made the
// next burst pay that on every connection it opened at once (PERFORMANCE.md: warm connections).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { freshDatabase, stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { createPool } from './database.ts';

after(stopTestPostgres);

test('a quiet spell keeps the connections a burst opened: the same backends answer the next burst', async (t) => {
  const url = await freshDatabase();
  const pool = createPool({ url, poolSize: 4 });
  try {
    // the pool's timers run on a mocked clock from here: the quiet spell below passes at once
    t.mock.timers.enable({ apis: ['setTimeout'] });
    // four statements at once that each hold their connection a moment: the pool opens all four
    const burst = async () => new Set((await Promise.all(Array.from({ length: 4 },
      () => pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')))).map((result) => result.rows[0]!.pid));
    const first = await burst();
    assert.equal(first.size, 4);
    // an hour without a statement
    t.mock.timers.tick(60 * 60_000);
    assert.equal(pool.totalCount, 4);
    assert.deepEqual(await burst(), first);
  } finally {
    t.mock.timers.reset();
    await pool.end();
  }
});
