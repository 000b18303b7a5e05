// When a webhook is disabled automatically. Pure: the clock is an input.
import { streakDisabled } from './disabled-reason.ts';
import type { Webhook, WebhookHealth } from './webhook.ts';

export type HealthRule = {
  /** Failed attempts in a row (with no success between) before disabling... */
  failures: number;
  /** ...and the least time since the first failure of that streak. Both must hold. */
  afterMs: number;
};

/**
 * The sustained-failure rule: disable once a webhook has failed `failures` attempts in a row AND has been failing
 * for at least `afterMs`. Needing both keeps a burst (many events in one bad minute) or a single slow retry from
 * cutting buyers off; the defaults (50 failures over 3 days) sit between Convoy's breaker and Svix's 5 days.
 */
export function judgeSustainedFailure(rule: HealthRule, health: WebhookHealth, now: number): string | null {
  if (health.failingSince === null || health.failureStreak < rule.failures) return null;
  if (now - health.failingSince < rule.afterMs) return null;
  return streakDisabled(health.failureStreak, health.failingSince);
}

/**
 * When the trouble that disabled a webhook began: its failure streak's first failure, or its disable when it never
 * failed (its owner's). A recovery's default start is the oldest sale left unsent since then (Store.firstRecoverable):
 * starting at the disable, as the dashboard did, left out every sale made before it, those whose attempts the streak
 * spent among them, and their buyers without what they bought.
 */
export function troubleBegan(webhook: Pick<Webhook, 'failingSince' | 'disabledAt'>, now: number): number {
  return webhook.failingSince ?? webhook.disabledAt ?? now;
}
