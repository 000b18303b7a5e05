// The admin side, behind its own password (POSTBACK_MEMBERS_ADMIN_PASSWORD; rate-limited like the students' sign-in):
// the overview page, and "send now" for a mail waiting in the outbox.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FailureThrottle } from '../../api/failure-throttle.ts';
import type { MembersConfig } from '../members-config.ts';
import { sameSecret } from '../receive/verify-sender.ts';
import type { MembersStore } from '../store/members-store.ts';
import { adminPage, adminSignInPage } from './admin-pages.ts';
import { pageMessages } from './page-messages.ts';
import { pickLanguage } from '../../domain/page-language.ts';
import { currentSession, endSession, startSession } from './sessions.ts';
import type { SessionDeps } from './sessions.ts';

export type AdminDeps = SessionDeps & { store: MembersStore; config: Pick<MembersConfig, 'adminPassword'>; throttle: FailureThrottle; mailQueued: () => void };

const sendPage = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

export function adminRoutes(deps: AdminDeps): FastifyPluginAsync {
  const { store } = deps;
  const language = (request: FastifyRequest) => pickLanguage(request.headers['accept-language']);
  return async (app) => {
    // fails closed: without a configured password there is no admin page at all
    if (deps.config.adminPassword === '') return;
    app.get('/admin', async (request, reply) => {
      if (!currentSession(deps, request, 'admin')) return sendPage(reply, 200, adminSignInPage(language(request)));
      const enrolments = store.allEnrolments();
      const events = new Map(store.eventsByIds([...new Set(enrolments.flatMap((enrolment) => enrolment.decidedBy))]).map((event) => [event.eventId, event]));
      const students = new Map(store.listStudents().map((student) => [student.email, student]));
      return sendPage(reply, 200, adminPage(language(request), { now: deps.clock(), students, enrolments, events, mails: store.recentMails(200), recent: store.recentEvents(100) }));
    });
    app.post('/admin/sign-in', async (request, reply) => {
      const key = `admin|${request.ip}`;
      const wait = deps.throttle.retryAfterMs(key);
      const t = pageMessages[language(request)];
      if (wait > 0) return sendPage(reply, 429, adminSignInPage(language(request), { kind: 'error', text: t.tooMany(Math.ceil(wait / 60_000)) }));
      if (!sameSecret(String((request.body as Record<string, unknown>).password ?? ''), deps.config.adminPassword)) {
        deps.throttle.failed(key);
        return sendPage(reply, 401, adminSignInPage(language(request), { kind: 'error', text: t.wrongCredentials }));
      }
      deps.throttle.succeeded(key);
      startSession(deps, request, reply, 'admin', 'admin');
      return reply.redirect('/admin', 303);
    });
    app.post('/admin/sign-out', async (request, reply) => {
      endSession(deps, request, reply, 'admin');
      return reply.redirect('/admin', 303);
    });
    app.post('/admin/mail/:id/send-now', async (request, reply) => {
      if (!currentSession(deps, request, 'admin')) return reply.redirect('/admin', 303);
      if (store.sendMailNow((request.params as { id: string }).id, deps.clock())) deps.mailQueued();
      return reply.redirect('/admin', 303);
    });
  };
}
