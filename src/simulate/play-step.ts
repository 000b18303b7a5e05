// Sends one step of a journey through the public API and says what came of it. Only run-simulation.ts branches on the
// outcome: a 429 is waited out and a 401 renews the token, each followed by the same step again.
import { fetchFailureCause } from './fetch-failure.ts';
import type { Step } from './traffic-plan.ts';

export type StepOutcome =
  | { kind: 'sent' }
  /** Over the server's request budget (POSTBACK_RATE_LIMIT): the step was not taken, and may be sent again after `retryAfterMs`. */
  | { kind: 'rate_limited'; retryAfterMs: number; reason: string }
  /** The token expired (POSTBACK_TOKEN_TTL) or was revoked: the step was not taken. */
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'failed'; reason: string };

/**
 * How long one step may take, its answer included. Fails closed: a server that takes the request and never answers
 * costs a worker this much, not the rest of the run (and a Ctrl-C waits no longer for it).
 */
export const stepTimeoutMs = 30_000;

/** Without a usable Retry-After, a second; Postback's own limiter always sends one (the seconds left in its minute). */
const defaultRetryAfterMs = 1000;

export async function playStep(baseUrl: string, token: string, step: Step): Promise<StepOutcome> {
  const [path, body] = step.kind === 'create' ? ['/api/v1/purchases', { status: step.status, data: step.data }]
    : step.kind === 'move' ? [`/api/v1/purchases/${step.transaction}/status`, { status: step.status, ...(step.purchase ? { purchase: step.purchase } : {}) }]
    : ['/api/v1/events', { event: step.event, data: step.data }];
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
      signal: AbortSignal.timeout(stepTimeoutMs),
    });
    if (response.ok) { await response.body?.cancel(); return { kind: 'sent' }; }
    const problem = await response.json().catch(() => ({})) as { detail?: string };
    const reason = `${response.status} ${problem.detail ?? ''}`.trim();
    if (response.status === 429) return { kind: 'rate_limited', retryAfterMs: retryAfterMs(response.headers.get('retry-after')), reason };
    if (response.status === 401) return { kind: 'unauthorized', reason };
    return { kind: 'failed', reason };
  } catch (error) {
    return { kind: 'failed', reason: (error as Error).name === 'TimeoutError' ? `no answer within ${stepTimeoutMs / 1000} s` : `cannot reach ${baseUrl} (${fetchFailureCause(error)})` };
  }
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return defaultRetryAfterMs;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? defaultRetryAfterMs : Math.max(0, at - now);
}
