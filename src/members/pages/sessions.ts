// Sign-in sessions of students and of the admin, each its own HttpOnly cookie holding a random token (only its
// SHA-256 is stored). SameSite=Lax: a link from the e-mail still opens the area, and no other site can post with it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, sha256Hex } from '../../security/secrets.ts';
import type { SessionRole } from '../store/members-records.ts';
import type { MembersStore } from '../store/members-store.ts';

const cookieOf: Record<SessionRole, string> = { student: 'members_session', admin: 'members_admin' };

export type SessionDeps = { store: MembersStore; ttlMs: number; clock: () => number };

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    // fails closed: anything but a token of ours is no cookie
    if (key === name && /^[A-Za-z0-9_-]{20,100}$/.test(value.join('='))) return value.join('=');
  }
  return undefined;
}

const secure = (request: FastifyRequest) => (request.protocol === 'https' ? '; Secure' : '');

export function startSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply, role: SessionRole, email: string): void {
  const token = randomToken(32);
  const now = deps.clock();
  deps.store.createSession(sha256Hex(token), role, email, now + deps.ttlMs, now);
  void reply.header('set-cookie', `${cookieOf[role]}=${token}; Path=/; Max-Age=${Math.floor(deps.ttlMs / 1000)}; HttpOnly; SameSite=Lax${secure(request)}`);
}

/** The signed-in e-mail for `role`, or null. */
export function currentSession(deps: SessionDeps, request: FastifyRequest, role: SessionRole): string | null {
  const token = readCookie(request, cookieOf[role]);
  if (token === undefined) return null;
  const session = deps.store.findSession(sha256Hex(token), deps.clock());
  return session && session.role === role ? session.email : null;
}

export function endSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply, role: SessionRole): void {
  const token = readCookie(request, cookieOf[role]);
  if (token !== undefined) deps.store.deleteSession(sha256Hex(token));
  void reply.header('set-cookie', `${cookieOf[role]}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure(request)}`);
}
