// Dashboard users and their sign-in sessions.
import type pg from 'pg';
import { toSession } from '../rows.ts';
import type { Store } from '../store.ts';
import { toUser } from '../team.ts';
import { inTransaction } from './database.ts';

type UsersPart = Pick<Store, 'countAccounts' | 'createUser' | 'findUserByEmail' | 'createSession' | 'findSession' | 'deleteSession'>;

const sql = {
  countAccounts: 'SELECT COUNT(*) AS n FROM accounts',
  // the unique index is on lower(email): one user per address in any case, like SQLite's COLLATE NOCASE
  insertUser: 'INSERT INTO users (id, account_id, email, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
  selectUser: 'SELECT * FROM users WHERE lower(email) = lower($1)',
  sweepSessions: 'DELETE FROM sessions WHERE expires_at <= $1',
  insertSession: 'INSERT INTO sessions (token_hash, user_id, account_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
  selectSession: 'SELECT s.*, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2',
  removeSession: 'DELETE FROM sessions WHERE token_hash = $1',
};

export function postgresUsers(pool: pg.Pool): UsersPart {
  return {
    async countAccounts() {
      return Number((await pool.query(sql.countAccounts)).rows[0]?.n ?? 0);
    },
    async createUser(user) {
      const result = await pool.query(sql.insertUser, [user.id, user.accountId, user.email, user.passwordHash, user.role ?? 'owner', user.createdAt]);
      return result.rowCount === 1 ? 'created' : 'email_taken';
    },
    async findUserByEmail(email) {
      const row = (await pool.query(sql.selectUser, [email])).rows[0];
      return row ? toUser(row) : null;
    },
    async createSession(session, now) {
      await inTransaction(pool, async (db) => {
        await db.query(sql.sweepSessions, [now]);
        await db.query(sql.insertSession, [session.tokenHash, session.userId, session.accountId, session.csrfToken, session.expiresAt]);
      });
    },
    async findSession(tokenHash, now) {
      const row = (await pool.query(sql.selectSession, [tokenHash, now])).rows[0];
      return row ? toSession(row) : null;
    },
    async deleteSession(tokenHash) {
      await pool.query(sql.removeSession, [tokenHash]);
    },
  };
}

/** The statements set-up shares (accounts.ts setUpFirstAccount). */
export { sql as usersSql };
