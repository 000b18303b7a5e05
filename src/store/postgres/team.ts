// An account's users and roles, and its invitations (see ../team.ts).
import type pg from 'pg';
import { toInvitation, toUser } from '../team.ts';
import type { TeamStore } from '../team.ts';

const sql = {
  selectUsers: 'SELECT * FROM users WHERE account_id = $1 ORDER BY created_at, id',
  updateRole: 'UPDATE users SET role = $1 WHERE account_id = $2 AND id = $3 RETURNING *',
  // the user's sessions go with it (sessions.user_id ON DELETE CASCADE): it is signed out everywhere at once
  deleteUser: 'DELETE FROM users WHERE account_id = $1 AND id = $2',
  insertInvitation: `INSERT INTO invitations (id, account_id, email, role, token_hash, invited_by, expires_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  selectInvitations: 'SELECT * FROM invitations WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at, id',
  deleteInvitation: 'DELETE FROM invitations WHERE account_id = $1 AND id = $2',
  selectByToken: 'SELECT * FROM invitations WHERE token_hash = $1 AND expires_at > $2',
  // one statement: two requests with the same token cannot both take it
  takeByToken: 'DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2 RETURNING *',
};

export function postgresTeam(pool: pg.Pool): TeamStore {
  const one = async (text: string, values: unknown[]) => (await pool.query(text, values)).rows[0] as Record<string, unknown> | undefined;
  return {
    async listUsers(accountId) { return (await pool.query(sql.selectUsers, [accountId])).rows.map(toUser); },
    async setUserRole(accountId, userId, role) {
      const row = await one(sql.updateRole, [role, accountId, userId]);
      return row ? toUser(row) : null;
    },
    async removeUser(accountId, userId) { return (await pool.query(sql.deleteUser, [accountId, userId])).rowCount === 1; },
    async createInvitation(i) { await pool.query(sql.insertInvitation, [i.id, i.accountId, i.email, i.role, i.tokenHash, i.invitedBy, i.expiresAt, i.createdAt]); },
    async listInvitations(accountId, now) { return (await pool.query(sql.selectInvitations, [accountId, now])).rows.map(toInvitation); },
    async deleteInvitation(accountId, id) { return (await pool.query(sql.deleteInvitation, [accountId, id])).rowCount === 1; },
    async findInvitation(tokenHash, now) {
      const row = await one(sql.selectByToken, [tokenHash, now]);
      return row ? toInvitation(row) : null;
    },
    async takeInvitation(tokenHash, now) {
      const row = await one(sql.takeByToken, [tokenHash, now]);
      return row ? toInvitation(row) : null;
    },
  };
}
