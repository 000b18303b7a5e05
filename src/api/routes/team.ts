// The team: GET /api/v1/team (members with their roles, invitations waiting), POST /api/v1/team/invitations
// {email, role} (a link to join, shown once: only its hash is kept; it expires after 7 days),
// DELETE /api/v1/team/invitations/:id, PATCH /api/v1/team/members/:id {role}, DELETE /api/v1/team/members/:id.
// An account always keeps an owner: the last one can be neither demoted nor removed (the store checks it in the same
// transaction as the change, ../../store/team.ts). A member removed, or an owner demoted, loses the invitations it sent.
// Inviting, changing a role and removing check the caller in that transaction too: one cut off while the request ran
// (its token revoked by a rotation; its user removed or signed out: 401; demoted: 403) changes nothing.
// Anyone may be invited: whether an e-mail already signs in (to any account) is not told here, where any owner could
// ask it of any address; joining says it, to the invitation's holder (invitations.ts).
import type { FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import { normalizeEmail } from '../../accounts/user-credentials.ts';
import { randomToken, sha256Hex } from '../../security/secrets.ts';
import type { CallerRevoked, CredentialHolder, User } from '../../store/store.ts';
import type { Invitation, MemberRefusal } from '../../store/team.ts';
import type { ApiDeps } from '../api-deps.ts';
import { actorOf } from '../audit-hook.ts';
import { callerCutOff, credentialOf } from '../auth.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { notFound, problem } from '../problems.ts';
import { noContent } from '../responses.ts';
import { idParams, invitationBody, memberRoleBody } from '../schemas.ts';
import { issuedInvitation, memberResponse, teamResponse } from '../team-responses.ts';

const tags = ['Team'];

const invitationTtlMs = 7 * 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const presentMember = (user: User, request: FastifyRequest) => ({ id: user.id, email: user.email, role: user.role, created_at: iso(user.createdAt), you: request.session?.userId === user.id });
const presentInvitation = (invitation: Invitation) => ({ id: invitation.id, email: invitation.email, role: invitation.role, invited_by: invitation.invitedBy, expires_at: iso(invitation.expiresAt) });

/** What the API says when the store refused a change to a member (its caller cut off meanwhile: credential-holder.ts). */
const refusal = (refused: MemberRefusal | CallerRevoked, userId: string, caller: CredentialHolder) => {
  if (refused.kind === 'caller_revoked') return callerCutOff(caller, refused);
  return refused.kind === 'not_found' ? notFound('member', userId) : problem('conflict', 'This is the account\'s only owner: make another member an owner first.');
};

/** What the removal's documentation warns of: the account-wide credentials a removed member may have seen are not per user. */
const removalDescription = 'The member\'s sessions end at once, and the invitations it sent are withdrawn. API access is not per user: '
  + 'a removed owner may have seen the Client Secret and the hottok, a removed developer the hottok. Rotate them if that matters '
  + '(POST /api/v1/account/rotate-client-secret, POST /api/v1/account/rotate-hottok): the old Client Secret\'s tokens keep acting as an owner until then.';

export function teamRoutes(deps: Pick<ApiDeps, 'store' | 'clock'>): ZodRoutes {
  return async (app) => {
    app.get('/team', { schema: { summary: 'The team: members with their roles, and the invitations waiting', tags, response: { 200: teamResponse } } }, async (request) => ({
      members: (await deps.store.listUsers(request.accountId)).map((user) => presentMember(user, request)),
      invitations: (await deps.store.listInvitations(request.accountId, deps.clock())).map(presentInvitation),
    }));
    app.post('/team/invitations', { schema: {
      summary: 'Invite someone by e-mail with a role: the link to join is in the answer, once (owners only)', tags, body: invitationBody,
      response: { 201: issuedInvitation },
      description: 'Inviting an e-mail that has an invitation waiting replaces it (its link no longer joins). Any e-mail may be invited: whether it already signs in to Postback is not told here. Users are one per e-mail on the whole server, each in one account, so an e-mail that already signs in cannot join: accepting says so (409), and the invitation stays.',
      examples: [{ name: 'developer', summary: 'A developer who sets up the receivers', body: { email: 'dev@example.com', role: 'developer' } }],
    } }, async (request, reply) => {
      const body = request.body;
      const email = normalizeEmail(body.email);
      const token = randomToken(32);
      const now = deps.clock();
      const invitation: Invitation = { id: uuidv7(), accountId: request.accountId, email, role: body.role, tokenHash: sha256Hex(token), invitedBy: actorOf(request), invitedByUserId: request.session?.userId ?? null, expiresAt: now + invitationTtlMs, createdAt: now };
      // inviting the same e-mail again (a lost link, another role) replaces the invitation waiting for it: one link
      // per person, the latest, so a forgotten older one cannot join with a role no longer meant
      const caller = credentialOf(request);
      const invited = await deps.store.invite(invitation, caller, now);
      // fails closed: its token revoked, or its user demoted or removed, while this request ran (checked when it began)
      if (invited.kind === 'caller_revoked') throw callerCutOff(caller, invited);
      const { replaced } = invited;
      request.audit = { action: 'member.invited', targetType: 'member', targetId: invitation.id, targetName: email, detail: { role: body.role, ...(replaced.length > 0 ? { replaces: replaced.map((waiting) => waiting.id) } : {}) } };
      // the link is shown once, here: only its hash is kept
      return reply.code(201).send({ ...presentInvitation(invitation), invite_path: `/invite/${token}` });
    });
    app.delete('/team/invitations/:id', { schema: {
      summary: 'Withdraw an invitation (owners only)', tags, params: idParams, response: { 204: noContent }, errors: ['not_found'],
    } }, async (request, reply) => {
      const { id } = request.params;
      const withdrawn = await deps.store.deleteInvitation(request.accountId, id);
      if (!withdrawn) throw notFound('invitation', id);
      request.audit = { action: 'member.invitation_revoked', targetType: 'member', targetId: id, targetName: withdrawn.email, detail: { role: withdrawn.role } };
      return reply.code(204).send();
    });
    app.patch('/team/members/:id', { schema: {
      summary: 'Change a member\'s role (owners only; the account keeps an owner)', tags, params: idParams, body: memberRoleBody,
      response: { 200: memberResponse }, errors: ['not_found', 'conflict'], description: 'An owner made something else loses the invitations it sent.',
      examples: [{ name: 'viewer', summary: 'Read only, no secrets', body: { role: 'viewer' } }],
    } }, async (request) => {
      const { id } = request.params;
      const { role } = request.body;
      const caller = credentialOf(request);
      const changed = await deps.store.setUserRole(request.accountId, id, role, caller, deps.clock());
      if (changed.kind !== 'changed') throw refusal(changed, id, caller);
      const { before, after } = changed;
      // the same role again changed nothing: nothing to record
      if (before.role !== after.role) request.audit = { action: 'member.role_changed', targetType: 'member', targetId: id, targetName: after.email, detail: { from: before.role, to: role } };
      return presentMember(after, request);
    });
    app.delete('/team/members/:id', { schema: {
      summary: 'Remove a member: their sessions end (owners only; the account keeps an owner)', tags, params: idParams, description: removalDescription,
      response: { 204: noContent }, errors: ['not_found', 'conflict'],
    } }, async (request, reply) => {
      const { id } = request.params;
      const caller = credentialOf(request);
      const removed = await deps.store.removeUser(request.accountId, id, caller, deps.clock());
      if (removed.kind !== 'removed') throw refusal(removed, id, caller);
      const member = removed.before;
      request.audit = { action: 'member.removed', targetType: 'member', targetId: id, targetName: member.email, detail: { role: member.role } };
      return reply.code(204).send();
    });
  };
}
