// Whether the caller of a change that creates or changes access (../credential-holder.ts) still holds its
// credential, read inside that change's write transaction: BEGIN IMMEDIATE holds the file's write lock, so no
// rotation, removal, demotion or sign-out, of this process or another, commits between this check and the change.
import type { DatabaseSync } from 'node:sqlite';
import type { AccountId } from '../../domain/ids.ts';
import type { CallerRevoked, CredentialHolder } from '../credential-holder.ts';

export type CallerCheck = (accountId: AccountId, caller: CredentialHolder, now: number) => CallerRevoked | null;

/**
 * Null while `caller` holds its credential in the account at `now`: its access token unexpired and not revoked, or its
 * session unexpired and its user an owner; else why not. Call it inside the change's transaction, before it writes.
 * Fails closed: an unknown, expired, revoked or foreign credential is cut off.
 */
export function callerCheck(db: DatabaseSync): CallerCheck {
  const selectLiveToken = db.prepare('SELECT 1 FROM access_tokens WHERE token_hash = ? AND account_id = ? AND expires_at > ?');
  const selectSessionRole = db.prepare(`SELECT u.role FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ? AND s.account_id = ? AND s.expires_at > ?`);
  return (accountId, caller, now) => {
    if ('accessTokenHash' in caller) return selectLiveToken.get(caller.accessTokenHash, accountId, now) !== undefined ? null : { kind: 'caller_revoked', notOwner: false };
    const role = (selectSessionRole.get(caller.sessionTokenHash, accountId, now) as { role: string } | undefined)?.role;
    return role === 'owner' ? null : { kind: 'caller_revoked', notOwner: role !== undefined };
  };
}
