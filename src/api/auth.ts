// Bearer authentication for /api/v1: the token's account becomes request.accountId, which every route passes to the store.
// The dashboard's cookie session is the alternative (src/api/session-auth.ts), used only when no Authorization header is sent.
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../security/secrets.ts';
import type { Store } from '../store/store.ts';
import { problem } from './problems.ts';
import { readSessionCookie } from './session-cookie.ts';
import { sessionAuthenticator } from './session-auth.ts';

export function requireBearer(deps: { store: Pick<Store, 'findAccessToken' | 'findSession'>; clock: () => number }) {
  const viaSession = sessionAuthenticator(deps);
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization ?? '';
    // an Authorization header, when present, always decides alone: a bad bearer token never falls back to a cookie
    const sessionToken = header === '' ? readSessionCookie(request.headers.cookie) : undefined;
    if (sessionToken !== undefined) return viaSession(request, sessionToken);
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
    // fails closed: no token, a malformed header or an unknown/expired token are all the same 401
    if (!match?.[1]) throw problem('unauthorized', 'Send Authorization: Bearer <access_token>; get a token from POST /oauth/token.');
    const owner = await deps.store.findAccessToken(sha256Hex(match[1]), deps.clock());
    if (!owner) throw problem('unauthorized', 'The access token is unknown or expired; get a new one from POST /oauth/token.');
    request.accountId = owner.accountId;
    request.clientId = owner.clientId;
  };
}
