// The members area's HTTP app: the receiver (POST /), the students' and the admin's pages, the JSON API, and one
// stylesheet. Bodies are kept as the exact text received: the signature is over those bytes.
import { STATUS_CODES } from 'node:http';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { networkMatcher } from '../security/ssrf-guard.ts';
import { decisionsRoutes } from './api/decisions-routes.ts';
import type { DecisionsDeps } from './api/decisions-routes.ts';
import { stylesheet } from './pages/layout.ts';
import { problemReply } from './problem-reply.ts';
import { adminRoutes } from './pages/admin-routes.ts';
import type { AdminDeps } from './pages/admin-routes.ts';
import { studentRoutes } from './pages/student-routes.ts';
import type { StudentDeps } from './pages/student-routes.ts';
import { receiveRoutes } from './receive/receive-route.ts';
import type { ReceiveDeps } from './receive/receive-route.ts';

export type MembersAppDeps = ReceiveDeps & StudentDeps & AdminDeps & DecisionsDeps & {
  config: ReceiveDeps['config'] & StudentDeps['config'] & AdminDeps['config'] & DecisionsDeps['config'] & { trustedProxies: readonly string[] };
  logger: Logger;
  https: { key: Buffer; cert: Buffer } | null;
};

// pages load only their own stylesheet and post only to themselves; a course's own content may embed https media
const pagePolicy = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; media-src https:; frame-src https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export async function buildMembersApp(deps: MembersAppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), bodyLimit: 256 * 1024, ...(deps.https ? { https: deps.https } : {}),
    // as the API (src/api/app.ts): X-Forwarded-For/-Proto believed only from POSTBACK_TRUSTED_PROXIES, so the sign-in
    // throttles count each student behind the proxy apart and its https makes the cookies Secure
    trustProxy: networkMatcher(deps.config.trustedProxies) }) as unknown as FastifyInstance;
  app.decorateRequest('rawBody', undefined);
  app.removeAllContentTypeParsers();
  const keepText = (parse: (text: string) => unknown) => (request: { rawBody: string | undefined }, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    try { done(null, parse(text)); } catch { done(Object.assign(new Error('The body is not valid JSON.'), { statusCode: 400 })); }
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, keepText((text) => JSON.parse(text)));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, keepText((text) => Object.fromEntries(new URLSearchParams(text))));
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('content-security-policy', pagePolicy);
  });
  // every error as problem+json, as the receiver's own refusals; ours (5xx) without their message, which is internal
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    const detail = status === 500 ? 'Something went wrong on our side. Try again, and report it if it persists.' : error.message;
    return problemReply(reply, status, STATUS_CODES[status] ?? 'Error', detail);
  });
  app.get('/members.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet));
  await app.register(receiveRoutes(deps));
  await app.register(studentRoutes(deps));
  await app.register(adminRoutes(deps));
  await app.register(decisionsRoutes(deps));
  return app;
}
