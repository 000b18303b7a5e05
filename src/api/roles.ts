// What each role may do, in one table, enforced by one hook for every authenticated route. A viewer reads (and signs
// itself out); a developer does everything but the account's credentials and its team; an owner does everything.
// API clients (bearer tokens) hold the Client Secret, the account's highest credential, and act as owners.
// Fails closed: a request whose role is unknown is a viewer, and a route missing from the table needs a developer.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../store/store.ts';
import { problem } from './problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's role in its account: a session's user's, or 'owner' for an API client. */
    role: Role;
  }
}

const rank: Record<Role, number> = { viewer: 0, developer: 1, owner: 2 };

/** Changes only owners make: the account's credentials, a signing secret shown again, and the team. */
const ownerOnly = new Set([
  'POST /api/v1/account/rotate-hottok', 'POST /api/v1/account/rotate-client-secret', 'POST /api/v1/webhooks/:id/reveal-secret',
  'POST /api/v1/team/invitations', 'DELETE /api/v1/team/invitations/:id', 'PATCH /api/v1/team/members/:id', 'DELETE /api/v1/team/members/:id',
]);
/** Changes a viewer may make: only to its own session. */
const viewerChanges = new Set(['DELETE /api/v1/session']);

export function requiredRole(method: string, route: string): Role {
  const key = `${method} ${route}`;
  if (ownerOnly.has(key)) return 'owner';
  if (method === 'GET' || method === 'HEAD' || viewerChanges.has(key)) return 'viewer';
  return 'developer';
}

export const allows = (role: Role, needed: Role): boolean => rank[role] >= rank[needed];

/** Beyond the owner-only routes: a developer route that mints a credential (a signing secret, shown once). */
const mintsCredentials = new Set(['POST /api/v1/webhooks/:id/rotate-secret']);

/**
 * Whether a bearer token must be checked against the store itself on this route, never a process's cached answer
 * (src/store/access-token-cache.ts). True for every owner-only route (credentials, a secret shown again, the team:
 * a new owner-only route gets it by default) and for routes that mint credentials. There a token revoked by
 * another process must be refused at once: within the cache's window it could otherwise mint a new client secret
 * and keep the account after every rotation. Other routes accept the documented POSTBACK_TOKEN_CACHE_TTL window.
 * Sessions are read from the store on every request anyway (src/api/session-auth.ts).
 */
export function needsUncachedToken(method: string, route: string): boolean {
  return requiredRole(method, route) === 'owner' || mintsCredentials.has(`${method} ${route}`);
}

/** preHandler of the authenticated routes. */
export async function enforceRole(request: FastifyRequest): Promise<void> {
  const needed = requiredRole(request.method, request.routeOptions.url ?? '');
  if (!allows(request.role, needed)) {
    throw problem('forbidden', `This needs the ${needed} role; you are a ${request.role} in this account. Ask an owner of the account.`);
  }
}
