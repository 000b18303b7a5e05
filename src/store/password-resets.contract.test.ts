// Password reset tokens (password-resets.ts), run unchanged against both stores.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { stopTestPostgres, storeBackends } from '../../test/helpers/store-backends.ts';
import { newAccountId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);
const T0 = 1_750_000_000_000;

for (const backend of storeBackends) {
  describe(`Password resets: ${backend.name}`, () => {
    test('a token works once and not after it expires; using it sets the password and ends the sessions', async () => {
      await using store = await backend.open();
      const accountId = newAccountId();
      await store.createAccount({ id: accountId, name: 'Acme', kind: 'producer', hottok: 'h', createdAt: T0 }, { clientId: randomUUID(), accountId, secretHash: 'x' });
      const user = { id: uuidv7(), accountId, email: 'ana@example.com', passwordHash: 'old', createdAt: T0 };
      await store.createUser(user);
      await store.createSession({ tokenHash: 's1', userId: user.id, accountId, csrfToken: 'c', expiresAt: T0 + 100_000 }, T0);
      await store.createPasswordReset({ tokenHash: 'r1', userId: user.id, expiresAt: T0 + 1000 }, T0);
      await store.createPasswordReset({ tokenHash: 'r2', userId: user.id, expiresAt: T0 + 1000 }, T0);
      assert.equal(await store.consumePasswordReset('r1', 'new', T0 + 1000), null, 'expired at expiresAt');
      assert.equal((await store.findUserByEmail('ana@example.com'))?.passwordHash, 'old', 'nothing changed');
      await store.createPasswordReset({ tokenHash: 'r3', userId: user.id, expiresAt: T0 + 5000 }, T0 + 10);
      assert.deepEqual(await store.consumePasswordReset('r3', 'new', T0 + 20), { userId: user.id, email: 'ana@example.com', accountId });
      assert.equal((await store.findUserByEmail('ana@example.com'))?.passwordHash, 'new');
      assert.equal(await store.findSession('s1', T0 + 30), null, 'every session ended');
      assert.equal(await store.consumePasswordReset('r3', 'again', T0 + 30), null, 'once');
      assert.equal(await store.consumePasswordReset('r2', 'again', T0 + 30), null, 'the user\'s other tokens went with it');
    });
  });
}
