// Cookie sessions as the dashboard's alternative to bearer tokens, inside the same /api/v1 auth hook.
// A write authenticated by cookie must also carry the session's CSRF token in X-CSRF-Token: a cookie is sent by
// the browser on its own, a header only by our own script (SameSite=Strict is the first line, this the second).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../security/secrets.ts';
import type { Session, Store } from '../store/store.ts';
import { problem } from './problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cookie session that authenticated this request (null for bearer tokens). */
    session: (Session & { tokenHash: string }) | null;
  }
}

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Rate limits and logs key on this: one dashboard user is one client, whichever browser tab it uses. */
export const sessionClientId = (userId: string): string => `session:${userId}`;

export function sessionAuthenticator(deps: { store: Pick<Store, 'findSession'>; clock: () => number }) {
  return async (request: FastifyRequest, token: string): Promise<void> => {
    const tokenHash = sha256Hex(token);
    const session = await deps.store.findSession(tokenHash, deps.clock());
    // fails closed: an unknown, signed-out or expired session is a 401 and the dashboard shows its sign-in page
    if (!session) throw problem('unauthorized', 'Your session has ended (signed out or expired): sign in again.');
    if (!readOnlyMethods.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      throw problem('csrf_failed', 'Send the X-CSRF-Token header with the csrf_token from GET /api/v1/session on every change made with a session cookie.');
    }
    request.accountId = session.accountId;
    request.clientId = sessionClientId(session.userId);
    request.session = { ...session, tokenHash };
    request.role = session.role;
  };
}

/** Constant-time comparison; hashing first makes both sides the same length. */
function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent === '') return false;
  return timingSafeEqual(Buffer.from(sha256Hex(sent), 'hex'), Buffer.from(sha256Hex(expected), 'hex'));
}
