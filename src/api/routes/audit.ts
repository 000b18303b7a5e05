// GET /api/v1/audit?before=&limit=: the account's audit log, newest first (who created, changed, disabled, rotated
// or revealed what, and when); `next_before` pages on.
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { auditQuery } from '../schemas.ts';
import { auditPage } from '../team-responses.ts';

export function auditRoutes(deps: Pick<ApiDeps, 'store'>): ZodRoutes {
  return async (app) => {
    app.get('/audit', { schema: {
      summary: 'The audit log, newest first: who created, changed, disabled, rotated or revealed what, and when', tags: ['Team'],
      querystring: auditQuery, response: { 200: auditPage },
      examples: [{ name: 'latest', summary: 'The latest 20 entries', query: { limit: 20 } }],
    } }, async (request) => {
      const { before, limit } = request.query;
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
