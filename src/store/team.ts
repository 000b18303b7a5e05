// The team contract: an account's dashboard users with their roles, and invitations to join it. An invitation is
// taken once, by the holder of its token (kept only as a hash), before it expires; taking it is what makes the user.
// An account always keeps an owner: the rule is checked in the same transaction as the change it guards (the
// account's owners locked), so two owners demoting or removing each other at once cannot both succeed. Each change
// that grants or changes access (invite, setUserRole, removeUser) checks its caller in that transaction too
// (credential-holder.ts): a token revoked, or an owner demoted, removed or signed out, while the request ran changes
// nothing ('caller_revoked').
import { type AccountId, asAccountId } from '../domain/ids.ts';
import type { Role, User } from '../domain/account.ts';
import type { CallerRevoked, CredentialHolder } from './credential-holder.ts';

/**
 * `invitedBy`: who invited, as the audit log names actors (an e-mail, or `client:<id>`). `invitedByUserId`: the
 * inviting user, null for an API client; an invitation goes with its inviter's authority (see removeUser).
 */
export type Invitation = {
  id: string; accountId: AccountId; email: string; role: Role; tokenHash: string; invitedBy: string; invitedByUserId: string | null; expiresAt: number; createdAt: number;
};

/** Why a change to a member was not made: no such user in the account, or it would leave the account without an owner. */
export type MemberRefusal = { kind: 'not_found' } | { kind: 'last_owner' };

/** What an invitation's holder gets: the new user, or why not (`email_taken` leaves the invitation as it was). */
export type Joining = { kind: 'joined'; invitation: Invitation; user: User } | { kind: 'email_taken'; invitation: Invitation } | { kind: 'gone' };

export type TeamStore = {
  listUsers(accountId: AccountId): Promise<User[]>;
  /**
   * Sets the user's role unless that leaves the account without an owner, or `caller` no longer holds its credential
   * at `now`. An owner who stops being one loses the invitations it sent (they carry authority it no longer has). The
   * same role again writes nothing.
   */
  setUserRole(accountId: AccountId, userId: string, role: Role, caller: CredentialHolder, now: number): Promise<{ kind: 'changed'; before: User; after: User } | MemberRefusal | CallerRevoked>;
  /** Removes the user, its sessions and the invitations it sent, unless it is the account's last owner or `caller` is cut off. */
  removeUser(accountId: AccountId, userId: string, caller: CredentialHolder, now: number): Promise<{ kind: 'removed'; before: User } | MemberRefusal | CallerRevoked>;
  /**
   * In one transaction: deletes the invitations waiting for the same e-mail in the account (one link per person, the
   * latest; `replaced`: those that had not expired) and stores this one, unless `caller` no longer holds its
   * credential at `now` (a token revoked; a session's user demoted or removed meanwhile: an invitation goes with its
   * inviter's authority). Invitations to one e-mail run one at a time, and an inviter's demotion or removal, or the
   * rotation that revokes its token, waits for, or is waited for by, its invite.
   */
  invite(invitation: Invitation, caller: CredentialHolder, now: number): Promise<{ kind: 'invited'; replaced: Invitation[] } | CallerRevoked>;
  /** The account's invitations that have not expired, oldest first. */
  listInvitations(accountId: AccountId, now: number): Promise<Invitation[]>;
  /** Deletes the account's invitation and returns it (to name it); null: the account has none with this id. */
  deleteInvitation(accountId: AccountId, invitationId: string): Promise<Invitation | null>;
  /** Reads an unexpired invitation by its token's hash, without using it (the accept page shows who it is for). */
  findInvitation(tokenHash: string, now: number): Promise<Invitation | null>;
  /**
   * In one transaction: makes the invited user (its e-mail, account and role are the invitation's) and deletes the
   * invitation, so each is taken at most once. An e-mail that already signs in (users are one per e-mail on the whole
   * install) changes nothing: the invitation stays, for whoever looks at what went wrong.
   */
  joinByInvitation(tokenHash: string, user: Pick<User, 'id' | 'passwordHash' | 'createdAt'>, now: number): Promise<Joining>;
};

/** The keep-an-owner rule on the rows a change locked (the account's owners and the user changed): null when it holds. */
export function ownerRule(locked: User[], userId: string, nextRole: Role | null): MemberRefusal | null {
  const user = locked.find((item) => item.id === userId);
  if (!user) return { kind: 'not_found' };
  const owners = locked.filter((item) => item.role === 'owner').length;
  return user.role === 'owner' && nextRole !== 'owner' && owners === 1 ? { kind: 'last_owner' } : null;
}

export function toInvitation(row: Record<string, unknown>): Invitation {
  return {
    id: String(row.id), accountId: asAccountId(String(row.account_id)), email: String(row.email), role: String(row.role) as Role, tokenHash: String(row.token_hash),
    invitedBy: String(row.invited_by), invitedByUserId: row.invited_by_user_id == null ? null : String(row.invited_by_user_id), expiresAt: Number(row.expires_at), createdAt: Number(row.created_at),
  };
}

export function toUser(row: Record<string, unknown>): User {
  return { id: String(row.id), accountId: asAccountId(String(row.account_id)), email: String(row.email), passwordHash: String(row.password_hash), role: String(row.role) as Role, createdAt: Number(row.created_at) };
}
