// When the claim reads the heads of the lanes (postback_claim in claim.sql): only when its ring did not probe every
// webhook with pending rows. A ring from the first webhook that ends before its size did, each webhook for all it may
// take, so the heads could add only rows that no choice takes, and at saturation with a few webhooks they were most
// of the rows a claim numbered (PERFORMANCE.md: the heads skipped). Shown by the index scans the claim's own
// transaction counts, and by the same choice with the heads read and without.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, test } from 'node:test';
import { stopTestPostgres } from '../../../test/helpers/postgres.ts';
import { postgresAccount } from '../../../test/helpers/postgres-account.ts';
import { createSecretBox } from '../../security/secret-box.ts';
import { claimOnce } from './claim.ts';
import { toEveryWebhook } from '../../../test/helpers/fan-out.ts';

after(stopTestPostgres);
const box = createSecretBox(randomBytes(32));
const T0 = Date.UTC(2025, 2, 10, 12);

test('a claim reads the heads only when its ring did not probe every webhook with pending rows, and chooses the same rows either way', async () => {
  await using setup = await postgresAccount(box, { poolSize: 2, createdAt: T0 });
  const { store, db } = setup;
  await setup.webhook('members');
  await setup.webhook('crm');
  for (let n = 0; n < 6; n++) assert.equal((await store.publish(setup.sale(), toEveryWebhook, T0 + n)).kind, 'created');

  /** One claim of 6 of the 12 due rows in a transaction that is rolled back: the rows it chose and the scans of each head's index. */
  const claimRolledBack = async (ringSize: number) => {
    await db.query('BEGIN');
    try {
      const turn = await claimOnce(db, box, { now: T0 + 10, token: randomUUID(), expires: T0 + 60_000, limit: 6, cap: 100, budget: 24,
        ringAfter: '', ringSize, accounts: { rooms: new Map(), otherRoom: 6 }, settling: [] });
      // the transaction's own statistics, read before they are flushed
      const { rows: [scans] } = await db.query(`SELECT pg_stat_get_xact_numscans('deliveries_due_first'::regclass)::int AS first,
        pg_stat_get_xact_numscans('deliveries_due_retry'::regclass)::int AS retry`);
      return { chosen: turn.claimed.map((claimed) => claimed.delivery.id).sort(), ringSeen: turn.ringSeen, scans };
    } finally {
      await db.query('ROLLBACK');
    }
  };

  const whole = await claimRolledBack(32);
  assert.equal(whole.ringSeen, 2, 'the ring probed both webhooks and ended before its size');
  assert.deepEqual(whole.scans, { first: 0, retry: 0 }, 'neither head was read');
  assert.equal(whole.chosen.length, 6);

  const partial = await claimRolledBack(1);
  assert.equal(partial.ringSeen, 1, 'the ring reached its size at the first webhook');
  assert.deepEqual(partial.scans, { first: 1, retry: 1 }, 'each head was read once');
  assert.deepEqual(partial.chosen, whole.chosen, 'the heads brought the other webhook\'s rows: the same choice');
});
