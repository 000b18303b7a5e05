// When the next attempt of a delivery happens. Pure: the random source is an input.

export type RetryPolicy = {
  /** schedule[i] is the delay before attempt i + 1; the first is normally 0 (immediately). */
  schedule: readonly number[];
  /** Spread applied to each retry delay: 0.2 means a uniform ±20 %. */
  jitter: number;
  /** Upper bound on a receiver's Retry-After that we honour. */
  retryAfterMaxMs: number;
};

/**
 * Delay before the next attempt after `attemptsDone` attempts of this cycle failed, or null when the cycle's
 * `maxAttempts` are spent. Attempts past the end of the schedule reuse its last delay.
 */
export function nextRetryDelay(policy: RetryPolicy, attemptsDone: number, maxAttempts: number, random: () => number, retryAfterMs: number | null = null): number | null {
  if (attemptsDone >= maxAttempts) return null;
  const base = policy.schedule[Math.min(attemptsDone, policy.schedule.length - 1)] ?? 0;
  const jittered = Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
  // a receiver asking for more time gets it, up to the bound; asking for less never speeds up our schedule
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.retryAfterMaxMs));
}

/** Parses a Retry-After header (delta seconds or an HTTP date) into milliseconds from `now`; null when absent or malformed. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  // fails open to our own schedule: a malformed header is ignored rather than trusted
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
