// Password reset tokens (../password-resets.ts).
import type pg from 'pg';
import { toResetUser } from '../password-resets.ts';
import type { PasswordResetsStore } from '../password-resets.ts';
import { inTransaction } from './database.ts';

const sql = {
  sweep: 'DELETE FROM password_resets WHERE expires_at <= $1',
  insert: 'INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)',
  // DELETE ... RETURNING takes the token: two requests racing with one token cannot both use it
  take: 'DELETE FROM password_resets r USING users u WHERE u.id = r.user_id AND r.token_hash = $1 AND r.expires_at > $2 RETURNING r.user_id, u.email, u.account_id',
  setPassword: 'UPDATE users SET password_hash = $1 WHERE id = $2',
  dropResets: 'DELETE FROM password_resets WHERE user_id = $1',
  dropSessions: 'DELETE FROM sessions WHERE user_id = $1',
};

export function postgresPasswordResets(pool: pg.Pool): PasswordResetsStore {
  return {
    async createPasswordReset(reset, now) {
      await inTransaction(pool, async (db) => {
        await db.query(sql.sweep, [now]);
        await db.query(sql.insert, [reset.tokenHash, reset.userId, reset.expiresAt]);
      });
    },
    async consumePasswordReset(tokenHash, passwordHash, now) {
      return inTransaction(pool, async (db) => {
        const row = (await db.query(sql.take, [tokenHash, now])).rows[0];
        if (!row) return null;
        const user = toResetUser(row);
        await db.query(sql.setPassword, [passwordHash, user.userId]);
        await db.query(sql.dropResets, [user.userId]);
        await db.query(sql.dropSessions, [user.userId]);
        return user;
      });
    },
  };
}
