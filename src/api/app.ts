// The HTTP API: one Fastify app, thin routes, errors turned into problem+json in one place.
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { type AccountId, asAccountId } from '../domain/ids.ts';
import type { ApiDeps } from './api-deps.ts';
import { auditHook } from './audit-hook.ts';
import { enforceRole } from './roles.ts';
import { requireBearer } from './auth.ts';
import { createAuthFailures } from './auth-failures.ts';
import { capConnectionsPerAddress, requestTimeouts } from './connection-limits.ts';
import { dashboardRoutes } from './dashboard.ts';
import { registerJsonParser } from './json-body.ts';
import { answerWithProblems, apiBodies, clientErrorHandler, longestPathParameter, routerErrorHandler } from './problem-response.ts';
import { markPublicPage, registerRateLimit } from './rate-limit.ts';
import { collectRoutes, documentSecurity, hideFromDocument } from './openapi/collect-routes.ts';
import { docsRoutes } from './openapi/docs-routes.ts';
import { zodSerializerCompiler, zodValidatorCompiler } from './openapi/zod-compilers.ts';
import { networkMatcher } from '../security/ssrf-guard.ts';
import { answerWhileShuttingDown } from './shutting-down.ts';
import { operationsRoutes } from './operations-routes.ts';
import { accountRoutes } from './routes/account.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { noticeRoutes } from './routes/notices.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { deliveryReplayRoutes } from './routes/delivery-replay.ts';
import { eventRoutes } from './routes/events.ts';
import { hookRoutes } from './routes/hooks.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { affiliationRoutes } from './routes/affiliations.ts';
import { membersAreaRoutes } from './routes/members-area.ts';
import { productRoutes } from './routes/products.ts';
import { purchaseRoutes } from './routes/purchases.ts';
import { currentSessionRoutes, signInRoutes } from './routes/session.ts';
import { setupRoutes } from './routes/setup.ts';
import { statsRoutes } from './routes/stats.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { teamRoutes } from './routes/team.ts';
import { auditRoutes } from './routes/audit.ts';
import { passwordResetRoutes } from './routes/password-reset.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { webhookSecretRoutes } from './routes/webhook-secrets.ts';
import { webhookTestRoutes } from './routes/webhook-tests.ts';
import { checkoutRoutes } from '../tracking/checkout/checkout-routes.ts';
import { carrierScriptRoute } from '../tracking/script-route.ts';
import { offerRoutes } from './routes/offers.ts';
import { trackingRoutes } from './routes/tracking.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated account (auth.ts, session-auth.ts: read from the store's token or session row). */
    accountId: AccountId;
    /** The API client a bearer token or session authenticated (empty when none did): the rate limit's key. */
    clientId: string;
    rawBody: string | undefined;
  }
}

export type Api = { app: FastifyInstance; /** Every registered route as "METHOD /path" (the isolation suite checks it covers them all). */ routes: string[] };

export async function buildApi(deps: ApiDeps): Promise<Api> {
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: deps.config.maxEventBytes,
    // off: shutting-down.ts answers a request that reaches a closing listener, as a problem with Retry-After
    return503OnClosing: false,
    // one log line per request would be noise at thousands of events/s; errors are logged where they are answered (problem-response.ts)
    logController: new LogController({ disableRequestLogging: true }),
    ...requestTimeouts(deps.config),
    routerOptions: { maxParamLength: longestPathParameter },
    frameworkErrors: routerErrorHandler,
    clientErrorHandler: clientErrorHandler(deps.config.requestTimeoutMs),
    // request.ip and request.protocol believe X-Forwarded-For/-Proto only from POSTBACK_TRUSTED_PROXIES (the checkout's
    // buyer IP reads the same list): a client's own header never moves it out of a per-address limit
    trustProxy: networkMatcher(deps.config.trustedProxies) });
  capConnectionsPerAddress(app.server, deps.config);
  answerWhileShuttingDown(app, deps.operations.readiness.draining);
  const routes: string[] = [];
  app.addHook('onRoute', (route) => { for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`); });
  // every route's zod schemas validate its request and its response, and describe it in GET /openapi.json
  const documented = collectRoutes(app);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  deps.operations.metrics.http.hook(app);
  // the empty id, naming no account, until authentication (auth.ts, session-auth.ts) sets the one its token or session names
  app.decorateRequest('accountId', asAccountId(''));
  app.decorateRequest('clientId', '');
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('session', null);
  app.decorateRequest('audit', null);
  // fails closed: until authentication says otherwise, a request may only read
  app.decorateRequest('role', 'viewer');
  app.decorateRequest('authFailure', null);
  registerJsonParser(app);
  // JSON only: anything else is a clear 415 (form bodies are accepted by the token endpoint alone)
  app.removeContentTypeParser('text/plain');
  answerWithProblems(app, apiBodies(deps.config.maxEventBytes));
  await registerRateLimit(app, deps.config);
  const authFailures = createAuthFailures(deps.config, deps.clock);
  await app.register(operationsRoutes({ ...deps.operations, serveMetricsOpen: false }));
  await app.register(docsRoutes(documented, { rateLimited: deps.config.rateLimitPerMinute > 0 }));
  await app.register(oauthRoutes({ ...deps, authFailures }));
  // the dashboard's open routes (sign in, first-run set-up) sit beside the authenticated ones, outside the auth hook
  await app.register(async (open) => {
    open.addHook('onRoute', documentSecurity('open'));
    await open.register(signInRoutes({ ...deps, authFailures }));
    await open.register(setupRoutes(deps));
    await open.register(invitationRoutes(deps));
    await open.register(passwordResetRoutes(deps));
  }, { prefix: '/api/v1' });
  await app.register(async (api) => {
    const bearer = requireBearer(deps);
    api.addHook('onRequest', bearer.onRequest);
    api.addHook('preParsing', bearer.preParsing);
    api.addHook('preHandler', enforceRole);
    api.addHook('onSend', auditHook(deps));
    api.addHook('onRoute', documentSecurity('account'));
    await api.register(accountRoutes(deps));
    await api.register(currentSessionRoutes(deps));
    await api.register(catalogRoutes());
    await api.register(productRoutes(deps));
    await api.register(membersAreaRoutes(deps));
    await api.register(affiliationRoutes(deps));
    await api.register(webhookRoutes(deps));
    await api.register(webhookTestRoutes(deps));
    await api.register(webhookSecretRoutes(deps));
    await api.register(hookRoutes(deps));
    await api.register(eventRoutes(deps));
    await api.register(purchaseRoutes(deps));
    await api.register(deliveryRoutes(deps));
    await api.register(deliveryReplayRoutes(deps));
    await api.register(statsRoutes(deps));
    await api.register(teamRoutes(deps));
    await api.register(auditRoutes(deps));
    await api.register(offerRoutes(deps));
    await api.register(trackingRoutes(deps));
    await api.register(noticeRoutes(deps));
  }, { prefix: '/api/v1' });
  // pages and files, not API (kept out of GET /openapi.json): the carrier script and the hosted checkout are public,
  // for producers' landing pages on any origin; then the dashboard
  await app.register(async (pages) => {
    pages.addHook('onRoute', hideFromDocument);
    pages.addHook('onRoute', markPublicPage);
    await pages.register(carrierScriptRoute());
    await pages.register(checkoutRoutes(deps));
    await pages.register(dashboardRoutes(deps.config));
  });
  return { app, routes };
}
