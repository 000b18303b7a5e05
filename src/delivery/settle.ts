// Turns what one attempt produced into what the history records and what happens next. The only place that
// branches on a SendOutcome; pure (clock and random are inputs).
import { nextRetryDelay, parseRetryAfter } from '../domain/retry-schedule.ts';
import type { RetryPolicy } from '../domain/retry-schedule.ts';
import type { Settlement } from '../store/store.ts';
import type { SendOutcome } from './send.ts';

export type AttemptResult = {
  statusCode: number | null;
  error: string | null;
  errorDetail: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
};

export type Verdict = {
  result: AttemptResult;
  settlement: Settlement;
  /** Set when this one answer is enough to disable the webhook (410 Gone, a host that does not exist). */
  disableReason: string | null;
};

export type SettleInput = { outcome: SendOutcome; url: string; attemptsDone: number; maxAttempts: number; now: number };

export function settle(policy: RetryPolicy, input: SettleInput, random: () => number): Verdict {
  const { outcome } = input;
  const retryOrFail = (retryAfterMs: number | null): Settlement => {
    const delay = nextRetryDelay(policy, input.attemptsDone, input.maxAttempts, random, retryAfterMs);
    return delay === null ? { kind: 'failed' } : { kind: 'retry', at: input.now + delay };
  };
  switch (outcome.kind) {
    case 'response': {
      const { status, headers, body, durationMs } = outcome.response;
      const result = { statusCode: status, error: null, errorDetail: null, responseHeaders: headers, responseBody: body, durationMs: Math.round(durationMs) };
      if (status >= 200 && status < 300) return { result, settlement: { kind: 'delivered' }, disableReason: null };
      // 410 Gone is the receiver saying "stop" (Standard Webhooks): disable now rather than retry into it
      if (status === 410) return { result, settlement: retryOrFail(null), disableReason: 'the receiver answered 410 Gone' };
      const asksToWait = status === 429 || status === 503;
      const redirect = status >= 300 && status < 400 ? `redirect to ${headers.location ?? '(no location)'} not followed` : null;
      return { result: { ...result, errorDetail: redirect }, settlement: retryOrFail(asksToWait ? parseRetryAfter(headers['retry-after'], input.now) : null), disableReason: null };
    }
    case 'network_error': {
      const result = {
        statusCode: outcome.partial?.status ?? null,
        error: outcome.cause,
        errorDetail: outcome.detail,
        responseHeaders: outcome.partial?.headers ?? {},
        responseBody: outcome.partial?.body ?? '',
        durationMs: Math.round(outcome.durationMs),
      };
      // only NXDOMAIN disables: a lookup that timed out or failed transiently (dns) is retried like any other failure
      const disableReason = outcome.cause === 'dns_not_found' ? `the host of ${safeHost(input.url)} does not exist (DNS)` : null;
      return { result, settlement: retryOrFail(null), disableReason };
    }
  }
}

function safeHost(url: string): string {
  try { return new URL(url).host; } catch { return 'the URL'; }
}
