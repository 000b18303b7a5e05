// Failed authentications (a token request with a wrong Client ID or secret, a wrong sign-in) are limited by where
// they come from, per address and for all addresses together, never by the client or email they name: charging the
// named client let anyone who knew a Client ID lock its owner out (560 bad requests naming it made the owner's own
// calls answer 429), while random ids each got a budget of their own and a scrypt check every time.
// Each attempt is charged BEFORE its secret is checked and refunded when it succeeds, so a burst of concurrent
// guesses cannot all slip in ahead of their failures being counted, and no scrypt runs past the limit.
// A charge whose check is still running is not a failure yet, though: an attempt that finds the budget spent by
// checks in flight WAITS for them to settle (at most maxWaitMs) instead of being refused, and only a budget spent by
// settled failures answers 429. So 40 concurrent token requests with the right secret all get one (they used to get
// 20 × 429), while 60 concurrent guesses still get 20 secret checks and 40 × 429.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { addressKey } from './client-address.ts';
import { createFailureThrottle } from './failure-throttle.ts';
import { problem } from './problems.ts';

export type AuthFailures = {
  /**
   * Charges one failure to the request's address and to everyone, or throws a 429 problem (with Retry-After) when
   * either has none left in this minute. Call before any secret is checked; call `succeeded` if it then matches.
   * Any other end of the request (its response, or its connection closing) settles the charge as a failure.
   */
  charge(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  succeeded(request: FastifyRequest): void;
};

const windowMs = 60_000;
const everyone = '*';
// a scrypt check takes ~50 ms (the thread pool runs 4 at once), but seconds on a loaded 2-core machine, where 5 s
// refused a burst of 40 correct requests: an attempt still blocked after 30 s is refused (429, Retry-After: 1); the
// checks it waits for end sooner unless the store hangs
const defaultMaxWaitMs = 30_000;

type Attempt = { address: string; checking: boolean };

export function createAuthFailures(config: Pick<Config, 'authFailuresPerAddress' | 'authFailuresGlobal'>, clock: () => number, options: { maxWaitMs?: number } = {}): AuthFailures {
  const maxWaitMs = options.maxWaitMs ?? defaultMaxWaitMs;
  const byAddress = createFailureThrottle({ maxFailures: config.authFailuresPerAddress, windowMs, clock });
  const overall = createFailureThrottle({ maxFailures: config.authFailuresGlobal, windowMs, clock });
  const checking = createCounts();
  const settled = createSignal();
  const attempts = new WeakMap<FastifyRequest, Attempt>();

  /** 'check' now, 'wait' for checks in flight, or the 429 to answer: a budget spent with nothing left in flight. */
  const verdict = (address: string, reply: FastifyReply): 'check' | 'wait' | Error => {
    const addressWaitMs = byAddress.retryAfterMs(address);
    const overallWaitMs = overall.retryAfterMs(everyone);
    if (addressWaitMs === 0 && overallWaitMs === 0) return 'check';
    const addressSpent = addressWaitMs > 0 && checking.of(address) === 0;
    const overallSpent = overallWaitMs > 0 && checking.of(everyone) === 0;
    if (!addressSpent && !overallSpent) return 'wait';
    // fails closed for everyone past the global limit: new tokens and sign-ins wait a minute at most, while the
    // scrypt work an attack with many addresses could force would otherwise slow every request of the API
    const seconds = Math.ceil(Math.max(addressWaitMs, overallWaitMs) / 1000);
    void reply.header('retry-after', String(seconds));
    return problem('rate_limited', addressSpent
      ? `Too many failed authentications from your address (POSTBACK_AUTH_FAILURES per minute); try again in ${seconds} s, with the right Client ID and Client Secret (or email and password).`
      : `Too many failed authentications on this server just now (POSTBACK_AUTH_FAILURES_GLOBAL per minute); try again in ${seconds} s.`);
  };

  const settle = (attempt: Attempt) => {
    if (!attempt.checking) return;
    attempt.checking = false;
    checking.remove(attempt.address);
    checking.remove(everyone);
    settled.notify();
  };

  return {
    async charge(request, reply) {
      const address = addressKey(request.ip);
      const giveUpAt = performance.now() + maxWaitMs;
      for (let next = verdict(address, reply); next !== 'check'; next = verdict(address, reply)) {
        if (next instanceof Error) throw next;
        if (!(await settled.next(giveUpAt - performance.now()))) {
          void reply.header('retry-after', '1');
          throw problem('rate_limited', 'Too many authentications in progress from your address or on this server; try again in 1 s.');
        }
      }
      byAddress.failed(address);
      overall.failed(everyone);
      checking.add(address);
      checking.add(everyone);
      const attempt: Attempt = { address, checking: true };
      attempts.set(request, attempt);
      // not `succeeded` by the end of the request: the charge stays, a failure (also when the client went away)
      reply.raw.once('close', () => settle(attempt));
    },
    succeeded(request) {
      const attempt = attempts.get(request);
      if (!attempt) return;
      attempts.delete(request);
      byAddress.forgive(attempt.address);
      overall.forgive(everyone);
      // one settled as a failure already (its client went away) frees a slot by this refund all the same
      if (attempt.checking) settle(attempt); else settled.notify();
    },
  };
}

/** Checks in flight per key; keys at zero are dropped, so the map holds only addresses with a check running. */
function createCounts() {
  const counts = new Map<string, number>();
  return {
    of: (key: string) => counts.get(key) ?? 0,
    add: (key: string) => { counts.set(key, (counts.get(key) ?? 0) + 1); },
    remove: (key: string) => {
      const count = (counts.get(key) ?? 0) - 1;
      if (count > 0) counts.set(key, count); else counts.delete(key);
    },
  };
}

/** `next(ms)` resolves true when a check settles, false after ms; waiters wake in arrival order. */
function createSignal() {
  const waiting = new Set<() => void>();
  return {
    next(timeoutMs: number): Promise<boolean> {
      if (timeoutMs <= 0) return Promise.resolve(false);
      return new Promise((resolve) => {
        const wake = () => { clearTimeout(timer); resolve(true); };
        const timer = setTimeout(() => { waiting.delete(wake); resolve(false); }, timeoutMs);
        timer.unref();
        waiting.add(wake);
      });
    },
    notify() {
      const woken = [...waiting];
      waiting.clear();
      for (const wake of woken) wake();
    },
  };
}
