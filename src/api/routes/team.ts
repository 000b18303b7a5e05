// The team: GET /api/v1/team (members with their roles, invitations waiting), POST /api/v1/team/invitations
// {email, role} (a link to join, shown once: only its hash is kept; it expires after 7 days),
// DELETE /api/v1/team/invitations/:id, PATCH /api/v1/team/members/:id {role}, DELETE /api/v1/team/members/:id.
// An account always keeps an owner: the last one can be neither demoted nor removed.
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { normalizeEmail } from '../../accounts/user-credentials.ts';
import { randomToken, sha256Hex } from '../../security/secrets.ts';
import type { Role, User } from '../../store/store.ts';
import type { Invitation } from '../../store/team.ts';
import type { ApiDeps } from '../api-deps.ts';
import { actorOf } from '../audit-hook.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { notFound, problem } from '../problems.ts';
import { noContent } from '../responses.ts';
import { idParams, invitationBody, memberRoleBody } from '../schemas.ts';
import { issuedInvitation, memberResponse, teamResponse } from '../team-responses.ts';
import type { AccountId } from '../../domain/ids.ts';

const tags = ['Team'];

const invitationTtlMs = 7 * 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const presentMember = (user: User, request: FastifyRequest) => ({ id: user.id, email: user.email, role: user.role, created_at: iso(user.createdAt), you: request.session?.userId === user.id });
const presentInvitation = (invitation: Invitation) => ({ id: invitation.id, email: invitation.email, role: invitation.role, invited_by: invitation.invitedBy, expires_at: iso(invitation.expiresAt) });

export function teamRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  /** Refuses a change that would leave the account without an owner. */
  const keepAnOwner = async (accountId: AccountId, userId: string, nextRole: Role | null) => {
    const users = await deps.store.listUsers(accountId);
    const user = users.find((item) => item.id === userId);
    if (!user) throw notFound('member', userId);
    if (user.role === 'owner' && nextRole !== 'owner' && users.filter((item) => item.role === 'owner').length === 1) {
      throw problem('conflict', 'This is the account\'s only owner: make another member an owner first.');
    }
    return user;
  };
  return async (app) => {
    app.get('/team', { schema: { summary: 'The team: members with their roles, and the invitations waiting', tags, response: { 200: teamResponse } } }, async (request) => ({
      members: (await deps.store.listUsers(request.accountId)).map((user) => presentMember(user, request)),
      invitations: (await deps.store.listInvitations(request.accountId, deps.clock())).map(presentInvitation),
    }));
    app.post('/team/invitations', { schema: {
      summary: 'Invite someone by e-mail with a role: the link to join is in the answer, once (owners only)', tags, body: invitationBody,
      response: { 201: issuedInvitation }, errors: ['conflict'],
      examples: [{ name: 'developer', summary: 'A developer who sets up the receivers', body: { email: 'dev@example.com', role: 'developer' } }],
    } }, async (request, reply) => {
      const body = request.body;
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
    app.delete('/team/invitations/:id', { schema: {
      summary: 'Withdraw an invitation (owners only)', tags, params: idParams, response: { 204: noContent }, errors: ['not_found'],
    } }, async (request, reply) => {
      const { id } = request.params;
      if (!await deps.store.deleteInvitation(request.accountId, id)) throw notFound('invitation', id);
      request.audit = { action: 'member.invitation_revoked', targetType: 'member', targetId: id };
      return reply.code(204).send();
    });
    app.patch('/team/members/:id', { schema: {
      summary: 'Change a member\'s role (owners only; the account keeps an owner)', tags, params: idParams, body: memberRoleBody,
      response: { 200: memberResponse }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'viewer', summary: 'Read only, no secrets', body: { role: 'viewer' } }],
    } }, async (request) => {
      const { id } = request.params;
      const { role } = request.body;
      const before = await keepAnOwner(request.accountId, id, role);
      const changed = await deps.store.setUserRole(request.accountId, id, role);
      if (!changed) throw notFound('member', id);
      request.audit = { action: 'member.role_changed', targetType: 'member', targetId: id, targetName: changed.email, detail: { from: before.role, to: role } };
      return presentMember(changed, request);
    });
    app.delete('/team/members/:id', { schema: {
      summary: 'Remove a member: their sessions end (owners only; the account keeps an owner)', tags, params: idParams,
      response: { 204: noContent }, errors: ['not_found', 'conflict'],
    } }, async (request, reply) => {
      const { id } = request.params;
      const member = await keepAnOwner(request.accountId, id, null);
      if (!await deps.store.removeUser(request.accountId, id)) throw notFound('member', id);
      request.audit = { action: 'member.removed', targetType: 'member', targetId: id, targetName: member.email, detail: { role: member.role } };
      return reply.code(204).send();
    });
  };
}
