// The audit contract: who did what to which thing of an account, and when. Written after a change succeeded
// (src/api/audit-hook.ts); read newest first by the dashboard's audit log. Entries are never changed.
import type { AccountId } from '../domain/ids.ts';

export type AuditEntry = {
  id: string;
  accountId: AccountId;
  at: number;
  /** Who: a dashboard user's e-mail, or `client:<client id>` for an API client. */
  actor: string;
  /** What, as a stable code: `webhook.created`, `webhook.secret_revealed`, `delivery.replayed`, ... */
  action: string;
  /** To which thing: its kind, id and (at the time) name. */
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  /** Small facts that explain it (a URL with its password masked, a count, a role): never a secret. */
  detail: Record<string, unknown>;
};

export type AuditStore = {
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Newest first; `before`: the id of the last entry of the previous page. */
  listAudit(accountId: AccountId, page: { before?: string | undefined; limit: number }): Promise<AuditEntry[]>;
};
