// First-run set-up in the store (setUpFirstAccount), run unchanged against both stores: set-ups at once make one
// account and one owner, and the others write nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { stopTestPostgres, storeBackends } from '../../test/helpers/store-backends.ts';
import { newAccountId } from '../../test/helpers/ids.ts';
import type { Account, ApiClient, User } from './store.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;

function firstAccount(name: string): [Account, ApiClient, User] {
  const id = newAccountId();
  return [
    { id, name, kind: 'producer', hottok: `hottok-${name}`, createdAt: T0 },
    { clientId: randomUUID(), accountId: id, secretHash: 'hash' },
    { id: uuidv7(), accountId: id, email: `${name}@example.com`, passwordHash: 'scrypt', role: 'owner', createdAt: T0 },
  ];
}

for (const backend of storeBackends) {
  describe(`First-run set-up: ${backend.name}`, () => {
    test('set-ups at once make one account with its owner; the others write nothing', async () => {
      await using store = await backend.open();
      // every connection of the pool open first, so the set-ups overlap instead of waiting for connections in turn
      await Promise.all(Array.from({ length: 8 }, () => store.countAccounts()));
      const setUps = Array.from({ length: 6 }, (_, n) => firstAccount(`school${n}`));
      const outcomes = await Promise.all(setUps.map((setUp) => store.setUpFirstAccount(...setUp)));
      assert.deepEqual(outcomes.filter((outcome) => outcome === 'created').length, 1, outcomes.join());
      assert.equal(await store.countAccounts(), 1);
      const made = setUps[outcomes.indexOf('created')]!;
      assert.equal((await store.getAccount(made[0].id))?.clientId, made[1].clientId);
      assert.equal((await store.findUserByEmail(made[2].email))?.role, 'owner');
      for (const [account, , owner] of setUps.filter((_, n) => outcomes[n] === 'taken')) {
        assert.equal(await store.getAccount(account.id), null, 'no account of a set-up that lost');
        assert.equal(await store.findUserByEmail(owner.email), null, 'no user of a set-up that lost');
      }
      assert.equal(await store.setUpFirstAccount(...firstAccount('later')), 'taken');
    });
  });
}
