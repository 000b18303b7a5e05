// The steady rate of a simulation: open-loop pacing (request n goes out no earlier than n / rate seconds after the
// start, however long the answers take), with a pause for the server's rate limit.
import { setTimeout as sleep } from 'node:timers/promises';

export type Pacer = {
  /** Resolves when the next request may go out; false when `signal` aborted the wait (nothing may go out). */
  next(signal: AbortSignal): Promise<boolean>;
  /**
   * No request before `until` (performance.now() ms), then the rate again from there. The schedule moves rather than
   * catching up: after a 36 s wait for a 429, the requests due meanwhile would otherwise all go out at once and spend
   * the new minute's budget in a burst.
   */
  pauseUntil(until: number): void;
};

export function createPacer(rate: number, now = () => performance.now()): Pacer {
  const interval = 1000 / rate;
  let started = now();
  let issued = 0;
  return {
    async next(signal) {
      const wait = started + issued++ * interval - now();
      if (wait > 0 && !signal.aborted) await sleep(wait, undefined, { signal }).catch(() => {});
      return !signal.aborted;
    },
    pauseUntil(until) {
      const due = started + issued * interval;
      if (until > due) started += until - due;
    },
  };
}
