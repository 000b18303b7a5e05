// The audit log's one writer: a route that changes something notes what (`request.audit`), and this hook records
// it, with who did it, once the change has succeeded (a 2xx about to be sent). It runs before the answer leaves, so
// a client that reads the log right after sees its own change. A failed write is logged and the answer still goes
// (fails open: the change itself is already committed, and an operator hears about the gap at error level).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { Store } from '../store/store.ts';
import type { AccountId } from '../domain/ids.ts';

/**
 * `alsoFor`: the same entry in another account's log too, for a change that belongs to both (an affiliation ended by
 * either party), under an actor that names the acting account (`account:<name>`), never its user's e-mail.
 */
export type AuditNote = {
  action: string; targetType: string; targetId?: string | null; targetName?: string | null; detail?: Record<string, unknown>;
  alsoFor?: { accountId: AccountId; actor: string };
};

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a route that changed something (several notes for one request that changed several things); recorded
     *  by the audit hook when the answer is a success. */
    audit: AuditNote | readonly AuditNote[] | null;
  }
}

/** Who acted: the dashboard user's e-mail, else the API client. */
export const actorOf = (request: FastifyRequest): string => request.session?.email ?? `client:${request.clientId}`;

export function auditHook(deps: { store: Pick<Store, 'recordAudit'>; clock: () => number }) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (request.audit === null || reply.statusCode >= 300) return payload;
    const at = deps.clock();
    for (const note of Array.isArray(request.audit) ? request.audit : [request.audit as AuditNote]) {
      try {
        const entry = { action: note.action, targetType: note.targetType, targetId: note.targetId ?? null, targetName: note.targetName ?? null, detail: note.detail ?? {} };
        await deps.store.recordAudit({ id: uuidv7(), accountId: request.accountId, at, actor: actorOf(request), ...entry });
        if (note.alsoFor) await deps.store.recordAudit({ id: uuidv7(), accountId: note.alsoFor.accountId, at, actor: note.alsoFor.actor, ...entry });
      } catch (error) {
        request.log.error({ err: error, action: note.action }, 'audit entry not recorded');
      }
    }
    return payload;
  };
}
