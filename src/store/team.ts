// The team contract: an account's dashboard users with their roles, and invitations to join it. An invitation is
// taken once, by the holder of its token (kept only as a hash), before it expires; taking it is what makes the user.
import { type AccountId, asAccountId } from '../domain/ids.ts';
import type { Role, User } from '../domain/account.ts';

export type Invitation = { id: string; accountId: AccountId; email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: number; createdAt: number };

export type TeamStore = {
  listUsers(accountId: AccountId): Promise<User[]>;
  /** null: no such user in the account. */
  setUserRole(accountId: AccountId, userId: string, role: Role): Promise<User | null>;
  /** Removes the user and its sessions; false: no such user in the account. */
  removeUser(accountId: AccountId, userId: string): Promise<boolean>;
  createInvitation(invitation: Invitation): Promise<void>;
  /** The account's invitations that have not expired, oldest first. */
  listInvitations(accountId: AccountId, now: number): Promise<Invitation[]>;
  deleteInvitation(accountId: AccountId, invitationId: string): Promise<boolean>;
  /** Reads an unexpired invitation by its token's hash, without using it (the accept page shows who it is for). */
  findInvitation(tokenHash: string, now: number): Promise<Invitation | null>;
  /** Deletes and returns the unexpired invitation with this token hash: each one is taken at most once. */
  takeInvitation(tokenHash: string, now: number): Promise<Invitation | null>;
};

export function toInvitation(row: Record<string, unknown>): Invitation {
  return {
    id: String(row.id), accountId: asAccountId(String(row.account_id)), email: String(row.email), role: String(row.role) as Role, tokenHash: String(row.token_hash),
    invitedBy: String(row.invited_by), expiresAt: Number(row.expires_at), createdAt: Number(row.created_at),
  };
}

export function toUser(row: Record<string, unknown>): User {
  return { id: String(row.id), accountId: asAccountId(String(row.account_id)), email: String(row.email), passwordHash: String(row.password_hash), role: String(row.role) as Role, createdAt: Number(row.created_at) };
}
