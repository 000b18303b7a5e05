import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createSecretBox } from '../security/secret-box.ts';
import { createPostgresStore } from '../store/postgres/postgres-store.ts';
import { createSqliteStore } from '../store/sqlite/sqlite-store.ts';
import { freshDatabase, stopTestPostgres } from '../../test/helpers/postgres.ts';
import { createMetrics } from './metrics.ts';

test('a scrape while the database does not answer keeps the process\'s own series, the last figures read, and says the database is down', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'postback-metrics-'));
  try {
    const store = createSqliteStore(join(dir, 'postback.db'), createSecretBox(randomBytes(32)));
    let now = 1_800_000_000_000;
    const metrics = createMetrics({ store, clock: () => now, role: 'all' });
    metrics.notices('mail', 'sent');
    const healthy = (await metrics.scrape()).body;
    assert.match(healthy, /^postback_database_up 1$/m);
    assert.match(healthy, /^postback_deliveries_pending\{state="due"\} 0$/m);
    // the database goes away, and the gauges' figures are older than their cache
    await store.close();
    now += 60_000;
    const down = (await metrics.scrape()).body;
    assert.match(down, /^postback_database_up 0$/m);
    assert.match(down, /^postback_notices_total\{channel="mail",outcome="sent"\} 1$/m, 'the process\'s own counters');
    assert.match(down, /^process_cpu_user_seconds_total /m);
    assert.match(down, /^postback_deliveries_pending\{state="due"\} 0$/m, 'the last figures read');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an idle PostgreSQL pool shows nothing waiting, though the scrape reads the database meanwhile', async () => {
  const store = await createPostgresStore({ url: await freshDatabase(), poolSize: 4 }, createSecretBox(randomBytes(32)));
  try {
    let now = 1_800_000_000_000;
    const metrics = createMetrics({ store, clock: () => now, role: 'all' });
    for (let scrape = 0; scrape < 3; scrape++) {
      // past the gauges' cache: each scrape reads the backlog and the webhook counts again
      now += 60_000;
      const body = (await metrics.scrape()).body;
      assert.match(body, /^postback_database_up 1$/m);
      assert.match(body, /^postback_database_connections\{state="waiting"\} 0$/m, `scrape ${scrape}`);
    }
  } finally {
    await store.close();
    await stopTestPostgres();
  }
});
