// Password reset tokens (../password-resets.ts).
import type { DatabaseSync } from 'node:sqlite';
import { toResetUser } from '../password-resets.ts';
import type { PasswordResetsStore } from '../password-resets.ts';
import { writeTransaction } from './database.ts';

export function sqlitePasswordResets(db: DatabaseSync): PasswordResetsStore {
  const sweep = db.prepare('DELETE FROM password_resets WHERE expires_at <= ?');
  const insert = db.prepare('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, ?)');
  const select = db.prepare('SELECT r.user_id, u.email, u.account_id FROM password_resets r JOIN users u ON u.id = r.user_id WHERE r.token_hash = ? AND r.expires_at > ?');
  const setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const dropResets = db.prepare('DELETE FROM password_resets WHERE user_id = ?');
  const dropSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  return {
    async createPasswordReset(reset, now) {
      return writeTransaction(db, () => { sweep.run(now); insert.run(reset.tokenHash, reset.userId, reset.expiresAt); });
    },
    async consumePasswordReset(tokenHash, passwordHash, now) {
      return writeTransaction(db, () => {
        const row = select.get(tokenHash, now);
        if (!row) return null;
        const user = toResetUser(row);
        setPassword.run(passwordHash, user.userId);
        dropResets.run(user.userId);
        dropSessions.run(user.userId);
        return user;
      });
    },
  };
}
