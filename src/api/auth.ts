// Bearer authentication for /api/v1: the token's account becomes request.accountId, which every route passes to the store.
// The dashboard's cookie session is the alternative (src/api/session-auth.ts), used only when no Authorization header is sent.
// Two steps around the rate limit (a route-level onRequest hook, which Fastify runs after these instance-level
// ones): authenticate, so the limit counts the call against its client, or against its address when it failed;
// then refuse a failed one, before its body is read. A bad token thus spends its address's budget, never a client's.
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../security/secrets.ts';
import { findAccessTokenUncached } from '../store/access-token-cache.ts';
import type { CallerRevoked, CredentialHolder, Store } from '../store/store.ts';
import { Problem, problem } from './problems.ts';
import { needsUncachedToken } from './roles.ts';
import { readSessionCookie } from './session-cookie.ts';
import { sessionAuthenticator } from './session-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Why authentication failed (null when it did not, or has not run): raised once the rate limit has counted the request. */
    authFailure: Problem | null;
  }
}

type Deps = { store: Pick<Store, 'findAccessToken' | 'findSession'>; clock: () => number };

export function requireBearer(deps: Deps) {
  const authenticate = bearerAuthenticator(deps);
  return {
    onRequest: async (request: FastifyRequest): Promise<void> => {
      try {
        await authenticate(request);
      } catch (error) {
        // only our own refusals wait for the rate limit; anything else (the store failing) is a 500 at once
        if (!(error instanceof Problem)) throw error;
        request.authFailure = error;
      }
    },
    preParsing: async <Payload>(request: FastifyRequest, _reply: unknown, payload: Payload): Promise<Payload> => {
      if (request.authFailure !== null) throw request.authFailure;
      return payload;
    },
  };
}

function bearerAuthenticator(deps: Deps) {
  const viaSession = sessionAuthenticator(deps);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    // an Authorization header, when present, always decides alone: a bad bearer token never falls back to a cookie
    const sessionToken = header === '' ? readSessionCookie(request.headers.cookie) : undefined;
    if (sessionToken !== undefined) return viaSession(request, sessionToken);
    const token = bearerToken(header);
    // fails closed: no token, a malformed header or an unknown/expired token are all the same 401
    if (token === undefined) throw problem('unauthorized', 'Send Authorization: Bearer <access_token>; get a token from POST /oauth/token.');
    // a route that mints or reveals credentials or changes the team asks the store itself: a token revoked on
    // another process is refused there at once, whatever this process still caches (src/api/roles.ts)
    const tokenHash = sha256Hex(token);
    const owner = needsUncachedToken(request.method, request.routeOptions.url ?? '')
      ? await findAccessTokenUncached(deps.store, tokenHash, deps.clock())
      : await deps.store.findAccessToken(tokenHash, deps.clock());
    if (!owner) throw problem('unauthorized', 'The access token is unknown or expired; get a new one from POST /oauth/token.');
    request.accountId = owner.accountId;
    request.clientId = owner.clientId;
    // an API client holds the account's Client Secret: it acts as an owner (src/api/roles.ts)
    request.role = 'owner';
  };
}

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header. */
function bearerToken(header: string): string | undefined {
  return /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header)?.[1];
}

/**
 * The credential that authenticated this request (its session, or its bearer token), for a change that checks it
 * again in its own transaction (../store/credential-holder.ts): one checked here may be revoked before the change commits.
 */
export function credentialOf(request: FastifyRequest): CredentialHolder {
  if (request.session !== null) return { sessionTokenHash: request.session.tokenHash };
  const token = bearerToken(request.headers.authorization ?? '');
  // our bug if it happens: a request reaches an account route only through its session or this header
  if (token === undefined) throw new Error('an authenticated request carries neither a session nor a bearer token');
  return { accessTokenHash: sha256Hex(token) };
}

/**
 * The answer to a change the store refused because its caller was cut off while the request ran ('caller_revoked'):
 * checked as it came in, then revoked by a rotation, or signed out, removed or demoted, before the change could commit.
 * Fails closed: nothing was changed. A demoted owner is still signed in, only no longer allowed (403); any other
 * caller is told to authenticate again (401).
 */
export function callerCutOff(caller: CredentialHolder, revoked: CallerRevoked): Problem {
  if (revoked.notOwner) return problem('forbidden', 'You stopped being an owner of this account while this request ran, so nothing was changed. Ask an owner of the account.');
  return problem('unauthorized', 'accessTokenHash' in caller
    ? 'The access token was revoked while this request ran (the client secret was rotated meanwhile): nothing was changed. Get a new token from POST /oauth/token with the current client secret.'
    : 'Your session ended while this request ran (signed out, or removed from the account): nothing was changed. Sign in again.');
}
