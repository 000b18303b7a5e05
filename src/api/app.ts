// The HTTP API: one Fastify app, thin routes, errors turned into problem+json in one place.
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Probe } from '../delivery/probe.ts';
import type { AddressPolicy } from '../security/ssrf-guard.ts';
import type { HandOff, Store } from '../store/store.ts';
import { postbackVersion } from '../version.ts';
import { requireBearer } from './auth.ts';
import { dashboardRoutes } from './dashboard.ts';
import { Problem, problem } from './problems.ts';
import { accountRoutes } from './routes/account.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { eventRoutes } from './routes/events.ts';
import { hookRoutes } from './routes/hooks.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { affiliationRoutes } from './routes/affiliations.ts';
import { membersAreaRoutes } from './routes/members-area.ts';
import { productRoutes } from './routes/products.ts';
import { purchaseRoutes } from './routes/purchases.ts';
import { currentSessionRoutes, signInRoutes } from './routes/session.ts';
import { setupRoutes } from './routes/setup.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { checkoutRoutes } from '../tracking/checkout/checkout-routes.ts';
import { carrierScriptRoute } from '../tracking/script-route.ts';
import { offerRoutes } from './routes/offers.ts';
import { trackingRoutes } from './routes/tracking.ts';

export type ApiDeps = {
  store: Store;
  config: Pick<Config, 'maxEventBytes' | 'tokenTtlMs' | 'retrySchedule' | 'secretOverlapMs' | 'rateLimitPerMinute' | 'sessionTtlMs' | 'loginAttempts' | 'webDir' | 'checkoutDemo'>;
  logger: Logger;
  /** Hint to a dispatcher in this process that deliveries are due. */
  wake: () => void;
  /** That dispatcher's hand-off for a publish of the account (null without one, or while it is busy). */
  offer: (accountId: string) => HandOff | null;
  clock: () => number;
  /** The SSRF guard's registration-time URL check (webhook create and change). */
  addressPolicy: Pick<AddressPolicy, 'checkUrl'>;
  /** One GET through the guarded client: the members-area check's "does it answer over https". */
  probe: Probe;
};

declare module 'fastify' {
  interface FastifyRequest {
    accountId: string;
    /** The API client a bearer token (or token request) belongs to: the rate limit's key. */
    clientId: string;
    rawBody: string | undefined;
  }
}

export type Api = { app: FastifyInstance; /** Every registered route as "METHOD /path" (the isolation suite checks it covers them all). */ routes: string[] };

export async function buildApi(deps: ApiDeps): Promise<Api> {
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: deps.config.maxEventBytes, return503OnClosing: true,
    // one log line per request would be noise at thousands of events/s; errors are logged by the handler below
    logController: new LogController({ disableRequestLogging: true }) });
  const routes: string[] = [];
  app.addHook('onRoute', (route) => { for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`); });
  app.decorateRequest('accountId', '');
  app.decorateRequest('clientId', '');
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('session', null);
  // keeps the exact body text: idempotency compares requests by it. Prototype poisoning is rejected by the default parser.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    parseJson(request, text, done);
  });
  // JSON only: anything else is a clear 415 (form bodies are accepted by the token endpoint alone)
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof Problem ? error : fromFastifyError(error, deps.config.maxEventBytes);
    if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    if (known.code === 'unauthorized') void reply.header('www-authenticate', 'Bearer realm="postback"');
    void reply.code(known.status).type('application/problem+json').send(known.body(request.url));
  });
  app.setNotFoundHandler((request, reply) => {
    const missing = problem('not_found', `No route ${request.method} ${request.url.split('?')[0]}. See the README for the API.`);
    void reply.code(404).type('application/problem+json').send(missing.body(request.url));
  });
  app.addHook('onSend', async (_request, reply) => {
    // an API for machines: nothing may be sniffed, framed or referred; CORS stays closed (no Access-Control-* headers)
    void reply.header('x-content-type-options', 'nosniff').header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  });
  if (deps.config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: deps.config.rateLimitPerMinute,
      timeWindow: 60_000,
      // preHandler: after authentication, so the key is the API client, not an address shared by many
      hook: 'preHandler',
      keyGenerator: (request) => request.clientId !== '' ? `client:${request.clientId}` : `address:${request.ip}`,
      errorResponseBuilder: (_request, context) => problem('rate_limited', `Over ${context.max} requests per minute for this client; retry after ${context.after}.`),
    });
  }
  app.get('/health', async () => ({ status: 'ok', version: postbackVersion }));
  await app.register(oauthRoutes(deps));
  // the dashboard's open routes (sign in, first-run set-up) sit beside the authenticated ones, outside the auth hook
  await app.register(async (open) => {
    await open.register(signInRoutes(deps));
    await open.register(setupRoutes(deps));
  }, { prefix: '/api/v1' });
  await app.register(async (api) => {
    api.addHook('onRequest', requireBearer(deps));
    await api.register(accountRoutes(deps));
    await api.register(currentSessionRoutes(deps));
    await api.register(catalogRoutes());
    await api.register(productRoutes(deps));
    await api.register(membersAreaRoutes(deps));
    await api.register(affiliationRoutes(deps));
    await api.register(webhookRoutes(deps));
    await api.register(hookRoutes(deps));
    await api.register(eventRoutes(deps));
    await api.register(purchaseRoutes(deps));
    await api.register(deliveryRoutes(deps));
    await api.register(offerRoutes(deps));
    await api.register(trackingRoutes(deps));
  }, { prefix: '/api/v1' });
  // public, for producers' landing pages on any origin
  await app.register(carrierScriptRoute());
  await app.register(checkoutRoutes(deps));
  await app.register(dashboardRoutes(deps.config));
  return { app, routes };
}

function fromFastifyError(error: FastifyError, maxBytes: number): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', `The body exceeds ${maxBytes} bytes (POSTBACK_MAX_EVENT_BYTES).`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformed_json', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('bad_request', 'Content-Length does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return problem('malformed_json', `The body is not valid JSON: ${error.message}`);
  if (error.statusCode === 400 && /prototype|constructor/i.test(error.message)) return problem('bad_request', 'The body contains a forbidden property (__proto__ or constructor).');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return problem('bad_request', error.message);
  return problem('internal', 'Something went wrong on our side; the request was not applied. Try again, and report it if it persists.');
}
