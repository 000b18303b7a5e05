// An account's users and roles, and its invitations (see ../team.ts). A change that must keep an owner runs in one
// write transaction (BEGIN IMMEDIATE): no other connection, of this process or another, writes between its checks
// (the rule, and its caller's credential: caller-check.ts) and its change.
import type { DatabaseSync } from 'node:sqlite';
import { ownerRule, toInvitation, toUser } from '../team.ts';
import type { TeamStore } from '../team.ts';
import { callerCheck } from './caller-check.ts';
import { writeTransaction } from './database.ts';
import { whenUnlocked } from './lock-wait.ts';

export function sqliteTeam(db: DatabaseSync): TeamStore {
  const selectUsers = db.prepare('SELECT * FROM users WHERE account_id = ? ORDER BY created_at, id');
  // what the keep-an-owner rule reads: the account's owners and the user changed
  const selectOwnersAnd = db.prepare("SELECT * FROM users WHERE account_id = ? AND (role = 'owner' OR id = ?)");
  const updateRole = db.prepare('UPDATE users SET role = ? WHERE account_id = ? AND id = ? RETURNING *');
  // the user's sessions and the invitations it sent go with it (sessions.user_id, invitations.invited_by_user_id:
  // ON DELETE CASCADE): it is signed out everywhere at once, and nobody joins on its word any more
  const deleteUser = db.prepare('DELETE FROM users WHERE account_id = ? AND id = ?');
  const deleteSentBy = db.prepare('DELETE FROM invitations WHERE account_id = ? AND invited_by_user_id = ?');
  const insertInvitation = db.prepare(`INSERT INTO invitations (id, account_id, email, role, token_hash, invited_by, invited_by_user_id, expires_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deleteInvitationsTo = db.prepare('DELETE FROM invitations WHERE account_id = ? AND email = ? RETURNING *');
  const selectInvitations = db.prepare('SELECT * FROM invitations WHERE account_id = ? AND expires_at > ? ORDER BY created_at, id');
  const deleteInvitation = db.prepare('DELETE FROM invitations WHERE account_id = ? AND id = ? RETURNING *');
  const selectByToken = db.prepare('SELECT * FROM invitations WHERE token_hash = ? AND expires_at > ?');
  const deleteByToken = db.prepare('DELETE FROM invitations WHERE token_hash = ?');
  const insertUser = db.prepare('INSERT INTO users (id, account_id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const lockedUsers = (accountId: string, userId: string) => selectOwnersAnd.all(accountId, userId).map(toUser);
  const callerCutOff = callerCheck(db);
  return {
    async listUsers(accountId) { return selectUsers.all(accountId).map(toUser); },
    async setUserRole(accountId, userId, role, caller, now) {
      return writeTransaction(db, () => {
        const cutOff = callerCutOff(accountId, caller, now);
        if (cutOff) return cutOff;
        const locked = lockedUsers(accountId, userId);
        const refused = ownerRule(locked, userId, role);
        if (refused) return refused;
        const before = locked.find((user) => user.id === userId)!;
        if (before.role === role) return { kind: 'changed' as const, before, after: before };
        const after = toUser(updateRole.get(role, accountId, userId)!);
        if (before.role === 'owner') deleteSentBy.run(accountId, userId);
        return { kind: 'changed' as const, before, after };
      });
    },
    async removeUser(accountId, userId, caller, now) {
      return writeTransaction(db, () => {
        const cutOff = callerCutOff(accountId, caller, now);
        if (cutOff) return cutOff;
        const locked = lockedUsers(accountId, userId);
        const refused = ownerRule(locked, userId, null);
        if (refused) return refused;
        deleteUser.run(accountId, userId);
        return { kind: 'removed' as const, before: locked.find((user) => user.id === userId)! };
      });
    },
    async invite(i, caller, now) {
      // BEGIN IMMEDIATE: no demotion, removal, rotation or other invitation writes between the check and the insert
      return writeTransaction(db, () => {
        const cutOff = callerCutOff(i.accountId, caller, now);
        if (cutOff) return cutOff;
        const replaced = deleteInvitationsTo.all(i.accountId, i.email).map(toInvitation).filter((waiting) => waiting.expiresAt > now);
        insertInvitation.run(i.id, i.accountId, i.email, i.role, i.tokenHash, i.invitedBy, i.invitedByUserId, i.expiresAt, i.createdAt);
        return { kind: 'invited' as const, replaced };
      });
    },
    async listInvitations(accountId, now) { return selectInvitations.all(accountId, now).map(toInvitation); },
    async deleteInvitation(accountId, id) {
      return whenUnlocked(() => {
        const row = deleteInvitation.get(accountId, id);
        return row ? toInvitation(row) : null;
      });
    },
    async findInvitation(tokenHash, now) {
      const row = selectByToken.get(tokenHash, now);
      return row ? toInvitation(row) : null;
    },
    async joinByInvitation(tokenHash, user, now) {
      return writeTransaction(db, () => {
        const row = selectByToken.get(tokenHash, now);
        if (!row) return { kind: 'gone' as const };
        const invitation = toInvitation(row);
        const joined = { ...user, accountId: invitation.accountId, email: invitation.email, role: invitation.role };
        if (insertUser.run(joined.id, joined.accountId, joined.email, joined.passwordHash, joined.role, joined.createdAt).changes === 0) return { kind: 'email_taken' as const, invitation };
        deleteByToken.run(tokenHash);
        return { kind: 'joined' as const, invitation, user: joined };
      });
    },
  };
}
