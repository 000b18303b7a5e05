// Dashboard users and their sign-in sessions.
import type { DatabaseSync } from 'node:sqlite';
import { toSession } from '../rows.ts';
import type { Store } from '../store.ts';
import { toUser } from '../team.ts';
import { writeTransaction } from './database.ts';
import { whenUnlocked } from './lock-wait.ts';

type UsersPart = Pick<Store, 'countAccounts' | 'createUser' | 'findUserByEmail' | 'createSession' | 'findSession' | 'deleteSession'>;

/** The statements set-up shares (accounts.ts setUpFirstAccount). */
export const usersSql = {
  countAccounts: 'SELECT COUNT(*) AS n FROM accounts',
  insertUser: 'INSERT INTO users (id, account_id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
};

export function sqliteUsers(db: DatabaseSync): UsersPart {
  const countAccounts = db.prepare(usersSql.countAccounts);
  const insertUser = db.prepare(usersSql.insertUser);
  const selectUser = db.prepare('SELECT * FROM users WHERE email = ?');
  const sweepSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, user_id, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?)');
  const selectSession = db.prepare(`SELECT s.*, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`);
  const removeSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');

  return {
    async countAccounts() {
      return Number(countAccounts.get()?.n ?? 0);
    },
    async createUser(user) {
      return whenUnlocked(() => {
        const result = insertUser.run(user.id, user.accountId, user.email, user.passwordHash, user.role ?? 'owner', user.createdAt);
        return result.changes === 1 ? 'created' : 'email_taken';
      });
    },
    async findUserByEmail(email) {
      const row = selectUser.get(email);
      return row ? toUser(row) : null;
    },
    async createSession(session, now) {
      return writeTransaction(db, () => {
        sweepSessions.run(now);
        insertSession.run(session.tokenHash, session.userId, session.accountId, session.csrfToken, session.expiresAt);
      });
    },
    async findSession(tokenHash, now) {
      const row = selectSession.get(tokenHash, now);
      return row ? toSession(row) : null;
    },
    async deleteSession(tokenHash) {
      return whenUnlocked(() => { removeSession.run(tokenHash); });
    },
  };
}
