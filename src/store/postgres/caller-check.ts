// Whether the caller of a change that creates or changes access (../credential-holder.ts) still holds its
// credential, read inside that change's transaction. Each statement locks the row that cuts the caller off, FOR
// SHARE: a revocation in progress is waited for and what it left read again (READ COMMITTED re-reads a row that a
// transaction it waited for changed or deleted), and one that starts later waits for this change to commit. Either
// way the change is ordered before or after the revocation, never across it.
import type pg from 'pg';
import type { AccountId } from '../../domain/ids.ts';
import type { CallerRevoked, CredentialHolder } from '../credential-holder.ts';

const sql = {
  // a live token is deleted only by a client-secret rotation (accounts.ts revokeTokens) or with its account
  holdToken: 'SELECT 1 FROM access_tokens WHERE token_hash = $1 AND account_id = $2 AND expires_at > $3 FOR SHARE',
  // FOR SHARE OF u: a demotion or removal of the user (team.ts lockOwnersAnd, FOR UPDATE) is waited for, and the
  // user's row it left re-read (its role as the demotion left it). Only u is locked: a removal holds u and then deletes
  // the user's sessions. A sign-out deletes the session alone, unlocked: one that commits while the change runs is its
  // own user's
  holdSession: `SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.account_id = $2 AND s.expires_at > $3 FOR SHARE OF u`,
};

/**
 * Null while `caller` holds its credential in the account at `now`: its access token unexpired and not revoked, or its
 * session unexpired and its user an owner; else why not. Run inside the change's transaction, before it writes. Fails
 * closed: an unknown, expired, revoked or foreign credential is cut off.
 */
export async function callerCutOff(db: pg.ClientBase, accountId: AccountId, caller: CredentialHolder, now: number): Promise<CallerRevoked | null> {
  if ('accessTokenHash' in caller) {
    return (await db.query(sql.holdToken, [caller.accessTokenHash, accountId, now])).rowCount === 1 ? null : { kind: 'caller_revoked', notOwner: false };
  }
  const role = (await db.query<{ role: string }>(sql.holdSession, [caller.sessionTokenHash, accountId, now])).rows[0]?.role;
  return role === 'owner' ? null : { kind: 'caller_revoked', notOwner: role !== undefined };
}
