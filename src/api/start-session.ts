// Signing a user in: a random session token goes to the browser as a cookie, only its SHA-256 to the store.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken, sha256Hex } from '../security/secrets.ts';
import type { Store, User } from '../store/store.ts';
import { sessionCookie } from './session-cookie.ts';

export type SessionDeps = { store: Pick<Store, 'createSession'>; clock: () => number; config: { sessionTtlMs: number } };

export async function startSession(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply, user: Pick<User, 'id' | 'accountId'>): Promise<{ csrfToken: string; expiresAt: number }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const now = deps.clock();
  const expiresAt = now + deps.config.sessionTtlMs;
  await deps.store.createSession({ tokenHash: sha256Hex(token), userId: user.id, accountId: user.accountId, csrfToken, expiresAt }, now);
  void reply.header('set-cookie', sessionCookie(request, token, deps.config.sessionTtlMs)).header('cache-control', 'no-store');
  return { csrfToken, expiresAt };
}
