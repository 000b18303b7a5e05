// What a dispatcher tells whoever watches it (metrics, readiness), through one optional seam in DispatcherDeps.
// Observers only hear: they never change what the dispatcher does, and a throwing observer is our bug.
import type { ClaimedDelivery, RecordResult } from '../store/store.ts';
import type { AttemptResult } from './settle.ts';

export type RecordedAttempt = {
  claimed: ClaimedDelivery;
  result: AttemptResult;
  recorded: RecordResult;
  /** When the attempt was recorded (epoch ms). */
  now: number;
};

export type DispatcherObserver = {
  /** The loop went round once (claimed, or found nothing to claim): readiness reads it as "alive". */
  turned(now: number): void;
  /** A claim (every one, empty ones too) or an adoption at publish (`hand_off`, the metric's label) gave the dispatcher this many deliveries. */
  claimed(count: number, via: 'claim' | 'hand_off'): void;
  /** An attempt was recorded (or found its lease lost). */
  recorded(attempt: RecordedAttempt): void;
};
