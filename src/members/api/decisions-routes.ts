// The tiny JSON API for a custom area that keeps its own accounts and asks this one what to do (Bearer
// POSTBACK_MEMBERS_API_TOKEN): GET /api/access?email= (one student's courses now) and GET /api/decisions?after=SEQ
// (every change of access, in order, to poll). A live decision with `until` ends by itself at that time.
import type { FastifyPluginAsync } from 'fastify';
import { accessAt } from '../access/decide-access.ts';
import type { MembersConfig } from '../members-config.ts';
import { normalizeEmail } from '../receive/notification.ts';
import { sameSecret } from '../receive/verify-sender.ts';
import type { MembersStore } from '../store/members-store.ts';

export type DecisionsDeps = { store: MembersStore; config: Pick<MembersConfig, 'apiToken'>; clock: () => number };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function decisionsRoutes(deps: DecisionsDeps): FastifyPluginAsync {
  return async (app) => {
    // fails closed: without a token there is no API
    if (deps.config.apiToken === '') return;
    app.addHook('onRequest', async (request, reply) => {
      const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (given === undefined || !sameSecret(given, deps.config.apiToken)) {
        return reply.code(401).header('www-authenticate', 'Bearer').type('application/problem+json')
          .send({ status: 401, title: 'Unauthorized', detail: 'Send Authorization: Bearer <POSTBACK_MEMBERS_API_TOKEN>.' });
      }
    });
    app.get('/api/access', async (request, reply) => {
      const email = normalizeEmail((request.query as { email?: string }).email);
      if (email === null) return reply.code(400).type('application/problem+json').send({ status: 400, title: 'Bad request', detail: 'Expected ?email=' });
      const now = deps.clock();
      return {
        email,
        courses: deps.store.enrolmentsOf(email).map((enrolment) => ({
          product_id: enrolment.productId, product_name: enrolment.productName, access: accessAt(enrolment, now), until: iso(enrolment.until),
          reason: enrolment.reason, decided_by: enrolment.decidedBy,
        })),
      };
    });
    app.get('/api/decisions', async (request) => {
      const query = request.query as { after?: string; limit?: string };
      const after = Math.max(0, Math.floor(Number(query.after ?? 0)) || 0);
      const limit = Math.min(500, Math.max(1, Math.floor(Number(query.limit ?? 100)) || 100));
      const items = deps.store.decisionsAfter(after, limit).map((entry) => ({
        seq: entry.seq, email: entry.email, product_id: entry.productId, access: entry.access, until: iso(entry.until), reason: entry.reason, decided_at: iso(entry.decidedAt),
      }));
      return { items, next_after: items.at(-1)?.seq ?? after };
    });
  };
}
