// Joining a team (open routes, outside the auth hook): GET /api/v1/invitations/:token says who the invitation is for
// and to which account; POST /api/v1/invitations/:token/accept {password} makes the user with the invited role,
// takes the invitation (once) and signs the new user in. An unknown, used or expired token is the same 404.
import { uuidv7 } from 'uuidv7';
import { createUser } from '../../accounts/create-user.ts';
import { sha256Hex } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { sessionResponse } from '../responses.ts';
import { acceptInvitationBody, invitationParams } from '../schemas.ts';
import { invitationInfo } from '../team-responses.ts';
import { startSession } from '../start-session.ts';
import { presentSession } from './session.ts';

const gone = () => problem('not_found', 'This invitation is unknown, already used or expired: ask for a new one.');

const tags = ['Team'];

export function invitationRoutes(deps: Pick<ApiDeps, 'store' | 'clock' | 'config'>): ZodRoutes {
  return async (app) => {
    app.get('/invitations/:token', { schema: {
      summary: 'Who an invitation link is for, with which role, to which account', tags, security: 'open', params: invitationParams,
      response: { 200: invitationInfo }, errors: ['not_found'],
    } }, async (request, reply) => {
      const { token } = request.params;
      const invitation = await deps.store.findInvitation(sha256Hex(token), deps.clock());
      if (!invitation) throw gone();
      const account = await deps.store.getAccount(invitation.accountId);
      void reply.header('cache-control', 'no-store');
      return { email: invitation.email, role: invitation.role, account_name: account?.name ?? null, expires_at: new Date(invitation.expiresAt).toISOString() };
    });
    app.post('/invitations/:token/accept', { schema: {
      summary: 'Join the team: the invited user is made with the invited role and signed in (sets the session cookie)', tags, security: 'open',
      params: invitationParams, body: acceptInvitationBody, response: { 201: sessionResponse }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'join', summary: 'Choose a password', body: { password: 'a long password for the new member' } }],
    } }, async (request, reply) => {
      const { token } = request.params;
      const { password } = request.body;
      const now = deps.clock();
      const invitation = await deps.store.takeInvitation(sha256Hex(token), now);
      if (!invitation) throw gone();
      const created = await createUser(deps.store, { accountId: invitation.accountId, email: invitation.email, password, role: invitation.role }, now);
      if (created.kind !== 'created') throw problem('conflict', 'A user with this email already exists: sign in instead.');
      const session = await startSession(deps, request, reply, created.user);
      await deps.store.recordAudit({ id: uuidv7(), accountId: invitation.accountId, at: now, actor: created.user.email, action: 'member.joined', targetType: 'member',
        targetId: created.user.id, targetName: created.user.email, detail: { role: invitation.role, invited_by: invitation.invitedBy } });
      const account = await deps.store.getAccount(invitation.accountId);
      return reply.code(201).send(presentSession(account!, { id: created.user.id, email: created.user.email }, session.csrfToken, session.expiresAt, created.user.role));
    });
  };
}
