// GET /api/v1/audit?before=&limit=: the account's audit log, newest first (who created, changed, disabled, rotated
// or revealed what, and when); `next_before` pages on.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { auditQuery } from '../schemas.ts';

export function auditRoutes(deps: Pick<ApiDeps, 'store'>): FastifyPluginAsync {
  return async (app) => {
    app.get('/audit', async (request) => {
      const { before, limit } = parseInput(auditQuery, request.query, 'query');
      const entries = await deps.store.listAudit(request.accountId, { before, limit: limit + 1 });
      const page = entries.slice(0, limit);
      return {
        items: page.map((entry) => ({
          id: entry.id, at: new Date(entry.at).toISOString(), actor: entry.actor, action: entry.action,
          target: { type: entry.targetType, id: entry.targetId, name: entry.targetName }, detail: entry.detail,
        })),
        next_before: entries.length > limit ? page.at(-1)!.id : null,
      };
    });
  };
}
