// The access-token lookup of one process, cached: every bearer call asks the store which account a token belongs
// to, and at thousands of calls per second that read is a round trip (PostgreSQL) or a statement on the event loop
// (SQLite) per request. The answer changes only when the token expires or its account's client secret is rotated.
//
// The revocation story (README "Configuration", SECURITY.md):
// - expiry is exact: an entry never outlives the token's own expiresAt;
// - a rotation through THIS store (this process) drops the account's entries before it returns: refused at once;
// - a rotation by ANOTHER process (another API process on the same PostgreSQL, or the CLI) is seen here when the
//   entry ages out: a revoked token keeps working on this process for at most `ttlMs`. That bound is the price.
// Only found tokens are kept: an unknown or revoked one always asks the store, so a new token works everywhere at once.
// The bound is NOT acceptable where a revoked token could outlive its revocation: on a route that mints or reveals
// credentials or changes who has access, a leaked token would mint a new client secret in the window and keep the
// account for good. Those routes (src/api/roles.ts) ask through findAccessTokenUncached: the store itself, every time.
import type { AccountId } from '../domain/ids.ts';
import type { Store } from './store.ts';

type TokenLookup = Store['findAccessToken'];
/** The lookup under the cache, carried on the cached store; a symbol so it survives `{ ...store }` and stays off the Store type. */
const uncachedLookup = Symbol('findAccessToken without the cache');

/** Whose token this is, asked of the store itself, past any cache of this process; a "no" also drops the cached answer. */
export function findAccessTokenUncached(store: Pick<Store, 'findAccessToken'>, tokenHash: string, now: number): ReturnType<TokenLookup> {
  const underneath = (store as { [uncachedLookup]?: TokenLookup })[uncachedLookup];
  // a store without the symbol has no cache of ours: its own lookup already asks the database
  return underneath === undefined ? store.findAccessToken(tokenHash, now) : underneath(tokenHash, now);
}

type Owner = { accountId: AccountId; clientId: string; expiresAt: number };
type Entry = { owner: Owner; until: number };

export type AccessTokenCacheOptions = {
  /** How long an answer is trusted (0: no cache). */
  ttlMs: number;
  /** Entries kept at most; the oldest goes first (a flood of distinct tokens cannot grow the heap). */
  maxEntries?: number;
};

/** The store with findAccessToken cached and rotateClientSecret dropping what it revokes; the same store when ttlMs is 0. */
export function withAccessTokenCache(store: Store, options: AccessTokenCacheOptions): Store {
  if (options.ttlMs <= 0) return store;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  // bumped by every rotation: a lookup that was already on its way to the store when a rotation ran may carry the
  // pre-rotation answer back, and is then answered but not kept
  let rotations = 0;
  const forget = (accountId: AccountId): void => {
    for (const [hash, entry] of entries) if (entry.owner.accountId === accountId) entries.delete(hash);
  };
  const caching: Store = {
    ...store,
    async findAccessToken(tokenHash, now) {
      const cached = entries.get(tokenHash);
      if (cached !== undefined && now < cached.until) return { ...cached.owner };
      entries.delete(tokenHash);
      const rotationsBefore = rotations;
      const owner = await store.findAccessToken(tokenHash, now);
      if (owner === null || rotations !== rotationsBefore) return owner;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(tokenHash, { owner, until: Math.min(now + options.ttlMs, owner.expiresAt) });
      return { ...owner };
    },
    async rotateClientSecret(accountId, secretHash, caller, now) {
      // dropped before and after, and lookups that overlap it are not kept: no revoked token stays behind in this process
      rotations++;
      forget(accountId);
      try {
        return await store.rotateClientSecret(accountId, secretHash, caller, now);
      } finally {
        rotations++;
        forget(accountId);
      }
    },
  };
  const uncached: TokenLookup = async (tokenHash, now) => {
    const owner = await findAccessTokenUncached(store, tokenHash, now);
    // revoked (or expired): what this process still holds for it is stale, so every route here refuses it from now on
    if (owner === null) entries.delete(tokenHash);
    return owner;
  };
  return Object.assign(caching, { [uncachedLookup]: uncached });
}
