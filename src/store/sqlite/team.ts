// An account's users and roles, and its invitations (see ../team.ts).
import type { DatabaseSync } from 'node:sqlite';
import { toInvitation, toUser } from '../team.ts';
import type { TeamStore } from '../team.ts';

export function sqliteTeam(db: DatabaseSync): TeamStore {
  const selectUsers = db.prepare('SELECT * FROM users WHERE account_id = ? ORDER BY created_at, id');
  const updateRole = db.prepare('UPDATE users SET role = ? WHERE account_id = ? AND id = ? RETURNING *');
  // the user's sessions go with it (sessions.user_id ON DELETE CASCADE): it is signed out everywhere at once
  const deleteUser = db.prepare('DELETE FROM users WHERE account_id = ? AND id = ?');
  const insertInvitation = db.prepare(`INSERT INTO invitations (id, account_id, email, role, token_hash, invited_by, expires_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectInvitations = db.prepare('SELECT * FROM invitations WHERE account_id = ? AND expires_at > ? ORDER BY created_at, id');
  const deleteInvitation = db.prepare('DELETE FROM invitations WHERE account_id = ? AND id = ?');
  const selectByToken = db.prepare('SELECT * FROM invitations WHERE token_hash = ? AND expires_at > ?');
  const takeByToken = db.prepare('DELETE FROM invitations WHERE token_hash = ? AND expires_at > ? RETURNING *');
  return {
    async listUsers(accountId) { return selectUsers.all(accountId).map(toUser); },
    async setUserRole(accountId, userId, role) {
      const row = updateRole.get(role, accountId, userId);
      return row ? toUser(row) : null;
    },
    async removeUser(accountId, userId) { return deleteUser.run(accountId, userId).changes === 1; },
    async createInvitation(i) { insertInvitation.run(i.id, i.accountId, i.email, i.role, i.tokenHash, i.invitedBy, i.expiresAt, i.createdAt); },
    async listInvitations(accountId, now) { return selectInvitations.all(accountId, now).map(toInvitation); },
    async deleteInvitation(accountId, id) { return deleteInvitation.run(accountId, id).changes === 1; },
    async findInvitation(tokenHash, now) {
      const row = selectByToken.get(tokenHash, now);
      return row ? toInvitation(row) : null;
    },
    async takeInvitation(tokenHash, now) {
      const row = takeByToken.get(tokenHash, now);
      return row ? toInvitation(row) : null;
    },
  };
}
