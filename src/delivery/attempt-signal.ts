// One attempt's abort signal: its deadline or the dispatcher's shutdown, whichever comes first, and which one it was.
// Not AbortSignal.timeout + AbortSignal.any: that timer cannot be cleared, so every attempt's deadline still fired
// (seconds after a 2 ms answer), built a DOMException and woke the combined signal's listeners, and AbortSignal.any
// tracks each source weakly; in the benchmark's profile that was ~4 % of the dispatcher's CPU for nothing.
import type { AbortedBy } from './classify-failure.ts';

export type AttemptSignal = {
  signal: AbortSignal;
  /** Why the signal fired, if it did. */
  abortedBy(): AbortedBy;
  /** Clears the deadline and the shutdown listener: call it when the attempt is over, whatever its outcome. */
  dispose(): void;
};

export function attemptSignal(deadlineMs: number, shutdown?: AbortSignal): AttemptSignal {
  const controller = new AbortController();
  let cause: AbortedBy;
  const abort = (by: 'deadline' | 'shutdown') => {
    if (cause !== undefined) return;
    cause = by;
    controller.abort(by === 'deadline' ? new DOMException(`attempt deadline of ${deadlineMs} ms exceeded`, 'TimeoutError') : shutdown!.reason);
  };
  const onShutdown = () => abort('shutdown');
  const timer = setTimeout(() => abort('deadline'), deadlineMs);
  timer.unref();
  if (shutdown?.aborted) abort('shutdown');
  else shutdown?.addEventListener('abort', onShutdown, { once: true });
  return {
    signal: controller.signal,
    abortedBy: () => cause,
    dispose() {
      clearTimeout(timer);
      shutdown?.removeEventListener('abort', onShutdown);
    },
  };
}
