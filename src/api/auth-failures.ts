// Failed authentications (a token request with a wrong Client ID or secret, a wrong sign-in) are limited by where
// they come from, per address and for all addresses together, never by the client or email they name: charging the
// named client let anyone who knew a Client ID lock its owner out (560 bad requests naming it made the owner's own
// calls answer 429), while random ids each got a budget of their own and a scrypt check every time.
// Each attempt is charged BEFORE its secret is checked and refunded when it succeeds, so a burst of concurrent
// guesses cannot all slip in ahead of their failures being counted, and no scrypt runs past the limit.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { addressKey } from './client-address.ts';
import { createFailureThrottle } from './failure-throttle.ts';
import { problem } from './problems.ts';

export type AuthFailures = {
  /**
   * Charges one failure to the request's address and to everyone, or throws a 429 problem (with Retry-After) when
   * either has none left in this minute. Call before any secret is checked; call `succeeded` if it then matches.
   */
  charge(request: FastifyRequest, reply: FastifyReply): void;
  succeeded(request: FastifyRequest): void;
};

const windowMs = 60_000;
const everyone = '*';

export function createAuthFailures(config: Pick<Config, 'authFailuresPerAddress' | 'authFailuresGlobal'>, clock: () => number): AuthFailures {
  const byAddress = createFailureThrottle({ maxFailures: config.authFailuresPerAddress, windowMs, clock });
  const overall = createFailureThrottle({ maxFailures: config.authFailuresGlobal, windowMs, clock });
  return {
    charge(request, reply) {
      const address = addressKey(request.ip);
      const addressWaitMs = byAddress.retryAfterMs(address);
      // fails closed for everyone past the global limit: new tokens and sign-ins wait a minute at most, while the
      // scrypt work an attack with many addresses could force would otherwise slow every request of the API
      const waitMs = Math.max(addressWaitMs, overall.retryAfterMs(everyone));
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        void reply.header('retry-after', String(seconds));
        throw problem('rate_limited', addressWaitMs > 0
          ? `Too many failed authentications from your address (POSTBACK_AUTH_FAILURES per minute); try again in ${seconds} s, with the right Client ID and Client Secret (or email and password).`
          : `Too many failed authentications on this server just now (POSTBACK_AUTH_FAILURES_GLOBAL per minute); try again in ${seconds} s.`);
      }
      byAddress.failed(address);
      overall.failed(everyone);
    },
    succeeded(request) {
      byAddress.forgive(addressKey(request.ip));
      overall.forgive(everyone);
    },
  };
}
