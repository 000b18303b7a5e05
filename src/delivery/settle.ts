// Turns what one attempt produced into what happens next: an attempt to record (what the history keeps, the
// delivery's settlement), or nothing to record (we cut it short). The only place that branches on an
// AttemptOutcome; pure (clock and random are inputs).
import { networkRefused } from '../domain/conversion.ts';
import { receiverAbort } from '../domain/delivery.ts';
import { dnsDisabled, goneDisabled } from '../domain/disabled-reason.ts';
import { nextRetryDelay, parseRetryAfter } from '../domain/retry-schedule.ts';
import type { RetryPolicy } from '../domain/retry-schedule.ts';
import type { Settlement } from '../store/store.ts';
import type { ReceiverResponse, SendOutcome } from './send.ts';

export type AttemptResult = {
  statusCode: number | null;
  error: string | null;
  errorDetail: string | null;
  responseHeaders: Record<string, string>;
  responseBody: string;
  durationMs: number;
};

export type Verdict =
  | {
    kind: 'record';
    result: AttemptResult;
    settlement: Settlement;
    /** Set when this one answer is enough to disable the webhook (410 Gone, a host that does not exist). */
    disableReason: string | null;
  }
  /** Our shutdown cut the attempt short: the receiver did not fail, so nothing is recorded and the lease goes back. */
  | { kind: 'give_back' };

/**
 * What one attempt produced: the sender's outcome, or `internal_error` when the attempt threw inside Postback before
 * or while sending (a render error, a stored URL the sender cannot use, any bug of ours). Such an attempt is a
 * failed attempt like any other (it counts toward max_attempts and ends `failed`), so no delivery is ever left to
 * expire and be reclaimed forever without a record.
 */
export type AttemptOutcome = SendOutcome | { kind: 'internal_error'; detail: string; durationMs: number }
  /**
   * An ad network's answer that no retry can change, by that network's own rule (its preset's refusalIn: Meta's Graph
   * API errors), with `reason` in its words. Only a conversion postback's attempt has one (attempt.ts).
   */
  | { kind: 'refused'; response: ReceiverResponse; reason: string };

export type SettleInput = { outcome: AttemptOutcome; url: string; attemptsDone: number; maxAttempts: number; now: number };

/** The response header by which a receiver refuses one delivery for good (Svix's convention): `webhook-delivery: abort`. */
export const abortHeader = 'webhook-delivery';

export function settle(policy: RetryPolicy, input: SettleInput, random: () => number): Verdict {
  const { outcome } = input;
  const retryOrFail = (retryAfterMs: number | null, neutral = false): Settlement => {
    const delay = nextRetryDelay(policy, input.attemptsDone, input.maxAttempts, random, retryAfterMs);
    const settlement: Settlement = delay === null ? { kind: 'failed' } : { kind: 'retry', at: input.now + delay };
    return neutral ? { ...settlement, neutral } : settlement;
  };
  switch (outcome.kind) {
    case 'response': {
      const { status, headers, body, durationMs } = outcome.response;
      const result = { statusCode: status, error: null, errorDetail: null, responseHeaders: headers, responseBody: body, durationMs: Math.round(durationMs) };
      // the receiver refuses this one event for good: no more retries, and its webhook is no less healthy for it (a
      // 3xx or 5xx cannot abort: those are failures of the receiver, retried as ever)
      if (headers[abortHeader]?.trim().toLowerCase() === 'abort' && ((status >= 200 && status < 300) || (status >= 400 && status < 500))) {
        return {
          kind: 'record', result: { ...result, error: receiverAbort, errorDetail: `the receiver answered ${status} with "${abortHeader}: abort": no more attempts` },
          settlement: { kind: 'failed', neutral: true }, disableReason: null,
        };
      }
      if (status >= 200 && status < 300) return { kind: 'record', result, settlement: { kind: 'delivered' }, disableReason: null };
      // 410 Gone is the receiver saying "stop" (Standard Webhooks): disable now rather than retry into it
      if (status === 410) return { kind: 'record', result, settlement: retryOrFail(null), disableReason: goneDisabled };
      const asksToWait = status === 429 || status === 503;
      const redirect = status >= 300 && status < 400 ? `redirect to ${headers.location ?? '(no location)'} not followed` : null;
      return { kind: 'record', result: { ...result, errorDetail: redirect }, settlement: retryOrFail(asksToWait ? parseRetryAfter(headers['retry-after'], input.now) : null), disableReason: null };
    }
    case 'refused': {
      const { status, headers, body, durationMs } = outcome.response;
      // failed now, not retried: a bad access token or an invalid parameter is answered the same on every attempt. It
      // counts against the webhook's health, unlike a receiver's abort: most such errors (the token) fail every sale
      return {
        kind: 'record', result: { statusCode: status, error: networkRefused, errorDetail: outcome.reason, responseHeaders: headers, responseBody: body, durationMs: Math.round(durationMs) },
        settlement: { kind: 'failed' }, disableReason: null,
      };
    }
    case 'network_error': {
      // we cut it short (stop()'s grace ended), the receiver did not fail: another worker sends it at once
      if (outcome.cause === 'aborted') return { kind: 'give_back' };
      const result = {
        statusCode: outcome.partial?.status ?? null,
        error: outcome.cause,
        errorDetail: outcome.detail,
        responseHeaders: outcome.partial?.headers ?? {},
        responseBody: outcome.partial?.body ?? '',
        durationMs: Math.round(outcome.durationMs),
      };
      // only NXDOMAIN disables: a lookup that timed out or failed transiently (dns) is retried like any other failure
      const disableReason = outcome.cause === 'dns_not_found' ? dnsDisabled(safeHost(input.url)) : null;
      return { kind: 'record', result, settlement: retryOrFail(null), disableReason };
    }
    case 'internal_error': {
      const result = { statusCode: null, error: 'internal_error', errorDetail: outcome.detail, responseHeaders: {}, responseBody: '', durationMs: Math.round(outcome.durationMs) };
      // our failure says nothing about the receiver: its webhook's health is not moved (nor disabled) by it
      return { kind: 'record', result, settlement: retryOrFail(null, true), disableReason: null };
    }
  }
}

function safeHost(url: string): string {
  try { return new URL(url).host; } catch { return 'the URL'; }
}
