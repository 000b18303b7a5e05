// The students' side: sign in (rate-limited per e-mail and address, scrypt hashes, the same work for an unknown
// e-mail), "forgot password" (a one-time link by e-mail, sent through the outbox; using it ends the student's
// sessions), and the courses, shown only while access is live. Access is read at each request, so a refund closes an
// open session's course at once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { FailureThrottle } from '../../api/failure-throttle.ts';
import { hashSecret, randomToken, sha256Hex, verifySecret } from '../../security/secrets.ts';
import { accessAt } from '../access/decide-access.ts';
import type { MembersConfig } from '../members-config.ts';
import { normalizeEmail } from '../receive/notification.ts';
import type { MembersStore } from '../store/members-store.ts';
import { trustedHtml } from './html.ts';
import { pageMessages } from './page-messages.ts';
import { pickLanguage } from '../../domain/page-language.ts';
import { currentSession, endSession, startSession } from './sessions.ts';
import type { SessionDeps } from './sessions.ts';
import { closedPage, coursePage, coursesPage, forgotPage, resetPage, signInPage } from './student-pages.ts';

export type StudentDeps = SessionDeps & {
  store: MembersStore;
  config: Pick<MembersConfig, 'courseDir'>;
  throttle: FailureThrottle;
  /** Hash compared against when the e-mail is unknown: a wrong e-mail costs the same scrypt work as a wrong password. */
  decoyHash: string;
  mailQueued: () => void;
};

type Form = Record<string, string | undefined>;
const sendPage = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);

export function studentRoutes(deps: StudentDeps): FastifyPluginAsync {
  const { store } = deps;
  // pages speak the browser's language (the reader at the screen); mails speak the buyer's (from the checkout)
  const languageOf = (request: FastifyRequest) => pickLanguage(request.headers['accept-language']);
  const liveCourses = (email: string) => store.enrolmentsOf(email).filter((enrolment) => accessAt(enrolment, deps.clock()) === 'live');
  const throttled = (reply: FastifyReply, key: string, language: ReturnType<typeof languageOf>, render: typeof signInPage) => {
    const wait = deps.throttle.retryAfterMs(key);
    if (wait <= 0) return false;
    void sendPage(reply.header('retry-after', String(Math.ceil(wait / 1000))), 429, render(language, { kind: 'error', text: pageMessages[language].tooMany(Math.ceil(wait / 60_000)) }));
    return true;
  };

  return async (app) => {
    app.get('/', async (request, reply) => {
      const email = currentSession(deps, request, 'student');
      if (email && liveCourses(email).length > 0) return reply.redirect('/courses', 303);
      const language = languageOf(request);
      const done = (request.query as Form).done === 'password';
      return sendPage(reply, 200, signInPage(language, done ? { kind: 'info', text: pageMessages[language].resetDone } : null));
    });
    app.post('/sign-in', async (request, reply) => {
      const form = request.body as Form;
      const email = normalizeEmail(form.email) ?? '';
      const language = languageOf(request);
      const key = `${email}|${request.ip}`;
      if (throttled(reply, key, language, (lang, notice) => signInPage(lang, notice, email))) return reply;
      const student = email ? store.getStudent(email) : null;
      const matches = await verifySecret(String(form.password ?? '').slice(0, 256), student?.passwordHash ?? deps.decoyHash);
      if (!student?.passwordHash || !matches) {
        deps.throttle.failed(key);
        return sendPage(reply, 401, signInPage(language, { kind: 'error', text: pageMessages[language].wrongCredentials }, email));
      }
      deps.throttle.succeeded(key);
      // the right password is not enough: without a live course there is nothing to sign in to
      if (liveCourses(email).length === 0) return sendPage(reply, 403, signInPage(language, { kind: 'error', text: pageMessages[language].accessEnded }, email));
      startSession(deps, request, reply, 'student', email);
      return reply.redirect('/courses', 303);
    });
    app.post('/sign-out', async (request, reply) => {
      endSession(deps, request, reply, 'student');
      return reply.redirect('/', 303);
    });
    app.get('/courses', async (request, reply) => {
      const email = currentSession(deps, request, 'student');
      if (!email) return reply.redirect('/', 303);
      const language = languageOf(request);
      const courses = liveCourses(email);
      return courses.length === 0 ? sendPage(reply, 403, closedPage(language, pageMessages[language].accessEnded)) : sendPage(reply, 200, coursesPage(language, courses));
    });
    app.get('/courses/:productId', async (request, reply) => {
      const email = currentSession(deps, request, 'student');
      if (!email) return reply.redirect('/', 303);
      const language = languageOf(request);
      const { productId } = request.params as { productId: string };
      const course = liveCourses(email).find((enrolment) => enrolment.productId === productId);
      if (!course) return sendPage(reply, 403, closedPage(language, pageMessages[language].courseClosed));
      return sendPage(reply, 200, coursePage(language, course.productName, await courseContent(deps.config.courseDir, productId)));
    });
    app.get('/forgot', async (request, reply) => sendPage(reply, 200, forgotPage(languageOf(request))));
    app.post('/forgot', async (request, reply) => {
      const email = normalizeEmail((request.body as Form).email) ?? '';
      const language = languageOf(request);
      const key = `forgot|${email}|${request.ip}`;
      if (throttled(reply, key, language, forgotPage)) return reply;
      // every request counts: the limit bounds the mails one address can make us send
      deps.throttle.failed(key);
      if (store.getStudent(email)) {
        store.enqueueMail({ id: uuidv7(), kind: 'password_reset', email, productId: null, createdAt: deps.clock() });
        deps.mailQueued();
      }
      // the same answer whether or not the e-mail is a student's: this page tells nobody who bought
      return sendPage(reply, 200, forgotPage(language, { kind: 'info', text: pageMessages[language].forgotSent }));
    });
    app.get('/reset', async (request, reply) => {
      const token = String((request.query as Form).token ?? '');
      const email = store.resetTokenEmail(sha256Hex(token), deps.clock());
      const language = languageOf(request);
      return email ? sendPage(reply, 200, resetPage(language, token)) : sendPage(reply, 410, resetPage(language, null, { kind: 'error', text: pageMessages[language].resetInvalid }));
    });
    app.post('/reset', async (request, reply) => {
      const form = request.body as Form;
      const token = String(form.token ?? '');
      const password = String(form.password ?? '');
      const language = languageOf(request);
      if (password.length < 8 || password.length > 256) return sendPage(reply, 422, resetPage(language, token, { kind: 'error', text: pageMessages[language].passwordTooShort }));
      const gone = () => sendPage(reply, 410, resetPage(language, null, { kind: 'error', text: pageMessages[language].resetInvalid }));
      // the link first, the scrypt only for a live one: this route has no throttle, and a dead or made-up token must
      // cost no more than a lookup
      if (!store.resetTokenEmail(sha256Hex(token), deps.clock())) return gone();
      const hash = await hashSecret(password);
      // the token is taken when the password is saved (a parallel use of the same link gets 410), and the student's
      // sessions end with it: someone who knew the old password is signed out, as the dashboard's reset does
      if (!store.resetPassword(sha256Hex(token), hash, deps.clock())) return gone();
      return reply.redirect('/?done=password', 303);
    });
  };
}

/** The course's content file (<product id>.html in POSTBACK_MEMBERS_COURSE_DIR), or null for the placeholder. */
async function courseContent(courseDir: string, productId: string) {
  if (courseDir === '' || !/^[A-Za-z0-9_-]{1,64}$/.test(productId)) return null;
  try {
    return trustedHtml(await readFile(join(courseDir, `${productId}.html`), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export const newDecoyHash = () => hashSecret(randomToken(24));
