// An account's users and roles, and its invitations (see ../team.ts). A change that must keep an owner locks the
// account's owners (and the user changed) before it checks: two API processes demoting or removing two owners at
// once take the locks in one order (by id), the second waits for the first, then reads what the first left. Each
// change checks its caller (caller-check.ts) after its own locks: an owner's session then reads the row it already
// holds, and no two changes wait for each other's caller rows in a cycle.
import type pg from 'pg';
import { ownerRule, toInvitation, toUser } from '../team.ts';
import type { TeamStore } from '../team.ts';
import { callerCutOff } from './caller-check.ts';
import { inTransaction } from './database.ts';

const sql = {
  selectUsers: 'SELECT * FROM users WHERE account_id = $1 ORDER BY created_at, id',
  // READ COMMITTED re-reads a row that a transaction it waited for changed: an owner demoted or removed meanwhile is
  // not counted. An owner added meanwhile (an invitation taken) is not seen either, which can only refuse, never let
  // the last owner go
  lockOwnersAnd: "SELECT * FROM users WHERE account_id = $1 AND (role = 'owner' OR id = $2) ORDER BY id FOR UPDATE",
  updateRole: 'UPDATE users SET role = $1 WHERE account_id = $2 AND id = $3 RETURNING *',
  // the user's sessions and the invitations it sent go with it (sessions.user_id, invitations.invited_by_user_id:
  // ON DELETE CASCADE): it is signed out everywhere at once, and nobody joins on its word any more
  deleteUser: 'DELETE FROM users WHERE account_id = $1 AND id = $2',
  deleteSentBy: 'DELETE FROM invitations WHERE account_id = $1 AND invited_by_user_id = $2',
  insertInvitation: `INSERT INTO invitations (id, account_id, email, role, token_hash, invited_by, invited_by_user_id, expires_at, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
  // invitations to one e-mail, one at a time (a lock of the transaction's, on nothing else)
  lockInvitee: "SELECT pg_advisory_xact_lock(hashtextextended('postback.invite:' || $1 || ':' || $2, 0))",
  deleteInvitationsTo: 'DELETE FROM invitations WHERE account_id = $1 AND email = $2 RETURNING *',
  selectInvitations: 'SELECT * FROM invitations WHERE account_id = $1 AND expires_at > $2 ORDER BY created_at, id',
  deleteInvitation: 'DELETE FROM invitations WHERE account_id = $1 AND id = $2 RETURNING *',
  selectByToken: 'SELECT * FROM invitations WHERE token_hash = $1 AND expires_at > $2',
  // locked while its user is made: a second request with the same token waits, then finds it gone
  lockByToken: 'SELECT * FROM invitations WHERE token_hash = $1 AND expires_at > $2 FOR UPDATE',
  deleteByToken: 'DELETE FROM invitations WHERE token_hash = $1',
  // the unique index is on lower(email): an address that signs in anywhere makes no second user
  insertUser: 'INSERT INTO users (id, account_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
};

export function postgresTeam(pool: pg.Pool): TeamStore {
  const one = async (text: string, values: unknown[]) => (await pool.query(text, values)).rows[0] as Record<string, unknown> | undefined;
  return {
    async listUsers(accountId) { return (await pool.query(sql.selectUsers, [accountId])).rows.map(toUser); },
    async setUserRole(accountId, userId, role, caller, now) {
      return inTransaction(pool, async (db) => {
        const locked = (await db.query(sql.lockOwnersAnd, [accountId, userId])).rows.map(toUser);
        const cutOff = await callerCutOff(db, accountId, caller, now);
        if (cutOff) return cutOff;
        const refused = ownerRule(locked, userId, role);
        if (refused) return refused;
        const before = locked.find((user) => user.id === userId)!;
        if (before.role === role) return { kind: 'changed' as const, before, after: before };
        const after = toUser((await db.query(sql.updateRole, [role, accountId, userId])).rows[0]);
        if (before.role === 'owner') await db.query(sql.deleteSentBy, [accountId, userId]);
        return { kind: 'changed' as const, before, after };
      });
    },
    async removeUser(accountId, userId, caller, now) {
      return inTransaction(pool, async (db) => {
        const locked = (await db.query(sql.lockOwnersAnd, [accountId, userId])).rows.map(toUser);
        const cutOff = await callerCutOff(db, accountId, caller, now);
        if (cutOff) return cutOff;
        const refused = ownerRule(locked, userId, null);
        if (refused) return refused;
        await db.query(sql.deleteUser, [accountId, userId]);
        return { kind: 'removed' as const, before: locked.find((user) => user.id === userId)! };
      });
    },
    async invite(i, caller, now) {
      return inTransaction(pool, async (db) => {
        await db.query(sql.lockInvitee, [i.accountId, i.email]);
        // after the wait for another invitation to this e-mail: a demotion, removal or rotation that committed meanwhile
        // is seen, and one that starts now waits for this invitation (which it then withdraws, for an owner's)
        const cutOff = await callerCutOff(db, i.accountId, caller, now);
        if (cutOff) return cutOff;
        const replaced = (await db.query(sql.deleteInvitationsTo, [i.accountId, i.email])).rows.map(toInvitation).filter((waiting) => waiting.expiresAt > now);
        await db.query(sql.insertInvitation, [i.id, i.accountId, i.email, i.role, i.tokenHash, i.invitedBy, i.invitedByUserId, i.expiresAt, i.createdAt]);
        return { kind: 'invited' as const, replaced };
      });
    },
    async listInvitations(accountId, now) { return (await pool.query(sql.selectInvitations, [accountId, now])).rows.map(toInvitation); },
    async deleteInvitation(accountId, id) {
      const row = await one(sql.deleteInvitation, [accountId, id]);
      return row ? toInvitation(row) : null;
    },
    async findInvitation(tokenHash, now) {
      const row = await one(sql.selectByToken, [tokenHash, now]);
      return row ? toInvitation(row) : null;
    },
    async joinByInvitation(tokenHash, user, now) {
      return inTransaction(pool, async (db) => {
        const row = (await db.query(sql.lockByToken, [tokenHash, now])).rows[0];
        if (!row) return { kind: 'gone' as const };
        const invitation = toInvitation(row);
        const joined = { ...user, accountId: invitation.accountId, email: invitation.email, role: invitation.role };
        const inserted = await db.query(sql.insertUser, [joined.id, joined.accountId, joined.email, joined.passwordHash, joined.role, joined.createdAt]);
        if (inserted.rowCount === 0) return { kind: 'email_taken' as const, invitation };
        await db.query(sql.deleteByToken, [tokenHash]);
        return { kind: 'joined' as const, invitation, user: joined };
      });
    },
  };
}
