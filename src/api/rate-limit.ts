// The API's request budget (POSTBACK_RATE_LIMIT per minute, Hotmart's 500 by default; 0: off). Counted per process.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Config } from '../config.ts';
import { addressKey } from './client-address.ts';
import { problem } from './problems.ts';

export async function registerRateLimit(app: FastifyInstance, config: Pick<Config, 'rateLimitPerMinute'>): Promise<void> {
  if (config.rateLimitPerMinute === 0) return;
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // onRequest, as a route-level hook: after authentication (auth.ts), before the body is read. A call counts
    // against its client only when it authenticated; token requests, sign-ins and bad tokens, against the address
    // (charging the client a request names let anyone who knew a Client ID spend its owner's budget)
    hook: 'onRequest',
    // pages read by visitors of producers' sites (the carrier script, the hosted checkout's pages, the dashboard's
    // files), many of them behind one proxy's address: not API calls. A checkout's POST, which records an order, counts
    allowList: (request) => (request.method === 'GET' || request.method === 'HEAD') && (request.routeOptions.config as PageConfig).publicPage === true,
    keyGenerator: (request) => request.clientId !== '' ? `client:${request.clientId}` : `address:${addressKey(request.ip)}`,
    errorResponseBuilder: (request, context) => problem('rate_limited', request.clientId !== ''
      ? `Over ${context.max} requests per minute for this client; retry after ${context.after}.`
      : `Over ${context.max} unauthenticated requests per minute from your address; retry after ${context.after}.`),
  });
}

type PageConfig = { publicPage?: boolean };

/** An onRoute hook for a scope of public pages: their GETs are outside the API's request budget. */
export function markPublicPage(options: RouteOptions): void {
  options.config = { ...options.config, publicPage: true } as RouteOptions['config'];
}
