// Failures counted per key in a fixed window: failed sign-ins per email and address (session.ts), failed
// authentications per address and for everyone (auth-failures.ts). Counted per process (like the API rate limit);
// several API processes each allow the configured number.

export type FailureThrottle = {
  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number;
  failed(key: string): void;
  /** Clears the key's window: a correct password ends the guessing it limited. */
  succeeded(key: string): void;
  /** Takes back one failure of the key: an attempt charged before it was checked, that then succeeded. */
  forgive(key: string): void;
};

// bounds the memory an attacker spraying emails can take: past it, expired windows are swept, then the oldest dropped
const maxTrackedKeys = 10_000;

export function createFailureThrottle(options: { maxFailures: number; windowMs: number; clock: () => number }): FailureThrottle {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const current = (key: string) => {
    const window = windows.get(key);
    if (window && window.endsAt <= options.clock()) { windows.delete(key); return undefined; }
    return window;
  };
  const makeRoom = () => {
    if (windows.size < maxTrackedKeys) return;
    const now = options.clock();
    for (const [key, window] of windows) if (window.endsAt <= now) windows.delete(key);
    // fails open for the dropped key only (it may try again sooner); the alternative is unbounded memory
    for (const key of windows.keys()) { if (windows.size < maxTrackedKeys) break; windows.delete(key); }
  };
  return {
    retryAfterMs(key) {
      const window = current(key);
      return window && window.failures >= options.maxFailures ? window.endsAt - options.clock() : 0;
    },
    failed(key) {
      const window = current(key);
      if (window) { window.failures += 1; return; }
      makeRoom();
      windows.set(key, { failures: 1, endsAt: options.clock() + options.windowMs });
    },
    succeeded(key) {
      windows.delete(key);
    },
    forgive(key) {
      const window = current(key);
      if (window && window.failures > 0) window.failures -= 1;
    },
  };
}
