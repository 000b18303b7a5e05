// Joining a team (open routes, outside the auth hook): GET /api/v1/invitations/:token says who the invitation is for
// and to which account; POST /api/v1/invitations/:token/accept {password} makes the user with the invited role,
// takes the invitation (once) and signs the new user in. An unknown, used or expired token is the same 404.
// Users are one per e-mail on the whole server, each in one account: an invited e-mail that already signs in cannot
// join. That is told here, to whoever holds the link (the invite route tells no owner whether an address signs in),
// the invitation stays as it was, and the inviting account's audit log records the refusal.
import { uuidv7 } from 'uuidv7';
import { hashSecret, sha256Hex } from '../../security/secrets.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { problem } from '../problems.ts';
import { sessionResponse } from '../responses.ts';
import { acceptInvitationBody, invitationParams } from '../schemas.ts';
import { invitationInfo } from '../team-responses.ts';
import { startSession } from '../start-session.ts';
import { presentSession } from './session.ts';

const gone = () => problem('not_found', 'This invitation is unknown, already used or expired: ask for a new one.');
const emailTaken = () => problem('conflict', 'This e-mail already belongs to a Postback user, and a user belongs to one account only, so it cannot join this one. '
  + 'Ask whoever invited you to invite another e-mail of yours; this invitation stays valid until then.');

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
      description: '409 `conflict` when the invited e-mail already signs in to Postback (a user belongs to one account): nothing changes, the invitation stays.',
      params: invitationParams, body: acceptInvitationBody, response: { 201: sessionResponse }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'join', summary: 'Choose a password', body: { password: 'a long password for the new member' } }],
    } }, async (request, reply) => {
      const { token } = request.params;
      const { password } = request.body;
      const now = deps.clock();
      // an unknown token costs no password hash (scrypt is slow on purpose)
      if (!await deps.store.findInvitation(sha256Hex(token), now)) throw gone();
      const joining = await deps.store.joinByInvitation(sha256Hex(token), { id: uuidv7(), passwordHash: await hashSecret(password), createdAt: now }, now);
      if (joining.kind === 'gone') throw gone();
      const { invitation } = joining;
      const audit = { id: uuidv7(), accountId: invitation.accountId, at: now, actor: invitation.email, targetType: 'member', targetName: invitation.email };
      if (joining.kind === 'email_taken') {
        // fails open: the answer says what happened whether or not the log could be written
        await deps.store.recordAudit({ ...audit, action: 'member.join_refused', targetId: invitation.id, detail: { role: invitation.role, reason: 'email_taken', invited_by: invitation.invitedBy } })
          .catch((error: unknown) => request.log.error({ err: error, action: 'member.join_refused' }, 'audit entry not recorded'));
        throw emailTaken();
      }
      const { user } = joining;
      const session = await startSession(deps, request, reply, user);
      await deps.store.recordAudit({ ...audit, action: 'member.joined', targetId: user.id, detail: { role: invitation.role, invited_by: invitation.invitedBy } });
      const account = await deps.store.getAccount(invitation.accountId);
      return reply.code(201).send(presentSession(account!, { id: user.id, email: user.email }, session.csrfToken, session.expiresAt, user.role));
    });
  };
}
