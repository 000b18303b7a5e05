// The team: GET /api/v1/team (members with their roles, invitations waiting), POST /api/v1/team/invitations
// {email, role} (a link to join, shown once: only its hash is kept; it expires after 7 days),
// DELETE /api/v1/team/invitations/:id, PATCH /api/v1/team/members/:id {role}, DELETE /api/v1/team/members/:id.
// An account always keeps an owner: the last one can be neither demoted nor removed.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { normalizeEmail } from '../../accounts/user-credentials.ts';
import { randomToken, sha256Hex } from '../../security/secrets.ts';
import type { Role, User } from '../../store/store.ts';
import type { Invitation } from '../../store/team.ts';
import type { ApiDeps } from '../app.ts';
import { actorOf } from '../audit-hook.ts';
import { parseInput } from '../parse-input.ts';
import { notFound, problem } from '../problems.ts';
import { idParams, invitationBody, memberRoleBody } from '../schemas.ts';

const invitationTtlMs = 7 * 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const presentMember = (user: User, request: FastifyRequest) => ({ id: user.id, email: user.email, role: user.role, created_at: iso(user.createdAt), you: request.session?.userId === user.id });
const presentInvitation = (invitation: Invitation) => ({ id: invitation.id, email: invitation.email, role: invitation.role, invited_by: invitation.invitedBy, expires_at: iso(invitation.expiresAt) });

export function teamRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): FastifyPluginAsync {
  /** Refuses a change that would leave the account without an owner. */
  const keepAnOwner = async (accountId: string, userId: string, nextRole: Role | null) => {
    const users = await deps.store.listUsers(accountId);
    const user = users.find((item) => item.id === userId);
    if (!user) throw notFound('member', userId);
    if (user.role === 'owner' && nextRole !== 'owner' && users.filter((item) => item.role === 'owner').length === 1) {
      throw problem('conflict', 'This is the account\'s only owner: make another member an owner first.');
    }
    return user;
  };
  return async (app) => {
    app.get('/team', async (request) => ({
      members: (await deps.store.listUsers(request.accountId)).map((user) => presentMember(user, request)),
      invitations: (await deps.store.listInvitations(request.accountId, deps.clock())).map(presentInvitation),
    }));
    app.post('/team/invitations', async (request, reply) => {
      const body = parseInput(invitationBody, request.body, 'body');
      const email = normalizeEmail(body.email);
      // fails closed: an address that already signs in (to any account) cannot be invited; e-mails are unique
      if (await deps.store.findUserByEmail(email)) {
        throw problem('conflict', 'A user with this email already exists.', [{ path: 'body.email', message: 'this email already signs in to Postback' }]);
      }
      const token = randomToken(32);
      const now = deps.clock();
      const invitation: Invitation = { id: uuidv7(), accountId: request.accountId, email, role: body.role, tokenHash: sha256Hex(token), invitedBy: actorOf(request), expiresAt: now + invitationTtlMs, createdAt: now };
      await deps.store.createInvitation(invitation);
      request.audit = { action: 'member.invited', targetType: 'member', targetId: invitation.id, targetName: email, detail: { role: body.role } };
      // the link is shown once, here: only its hash is kept
      return reply.code(201).send({ ...presentInvitation(invitation), invite_path: `/invite/${token}` });
    });
    app.delete('/team/invitations/:id', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      if (!await deps.store.deleteInvitation(request.accountId, id)) throw notFound('invitation', id);
      request.audit = { action: 'member.invitation_revoked', targetType: 'member', targetId: id };
      return reply.code(204).send();
    });
    app.patch('/team/members/:id', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const { role } = parseInput(memberRoleBody, request.body, 'body');
      const before = await keepAnOwner(request.accountId, id, role);
      const changed = await deps.store.setUserRole(request.accountId, id, role);
      if (!changed) throw notFound('member', id);
      request.audit = { action: 'member.role_changed', targetType: 'member', targetId: id, targetName: changed.email, detail: { from: before.role, to: role } };
      return presentMember(changed, request);
    });
    app.delete('/team/members/:id', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const member = await keepAnOwner(request.accountId, id, null);
      if (!await deps.store.removeUser(request.accountId, id)) throw notFound('member', id);
      request.audit = { action: 'member.removed', targetType: 'member', targetId: id, targetName: member.email, detail: { role: member.role } };
      return reply.code(204).send();
    });
  };
}
