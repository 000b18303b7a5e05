// Dashboard password resets: a one-time, expiring token (only its SHA-256 is kept) that sets a new password and ends
// every session of its user, in one transaction. The users and roles model is the accounts' business (users.ts):
// this adds only the tokens.
import { type AccountId, asAccountId } from '../domain/ids.ts';

export const toResetUser = (row: Record<string, unknown>) => ({ userId: String(row.user_id), email: String(row.email), accountId: asAccountId(String(row.account_id)) });

export type PasswordResetsStore = {
  /** Keeps a reset token for `userId` until `expiresAt`, and sweeps the ones that expired before `now`. */
  createPasswordReset(reset: { tokenHash: string; userId: string; expiresAt: number }, now: number): Promise<void>;
  /**
   * If the token is known and unexpired: sets the password hash, deletes every reset token and every session of the
   * user, and returns who the user is (the audit log names it, in its account). Otherwise changes nothing and returns
   * null. A token works once.
   */
  consumePasswordReset(tokenHash: string, passwordHash: string, now: number): Promise<{ userId: string; email: string; accountId: AccountId } | null>;
};
