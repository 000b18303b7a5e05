// Recovering a webhook after a disable: on again, and what failed or was skipped since a time sent again, each with a
// fresh attempt budget (the webhook's own, or the retry schedule's length).
import type { Store, Webhook } from '../store/store.ts';
import type { AccountId, WebhookId } from '../domain/ids.ts';

export type RecoverDeps = {
  store: Pick<Store, 'getWebhook' | 'recoverWebhook'>;
  defaultMaxAttempts: number;
  /** Hint to a dispatcher in this process that deliveries are due. */
  wake: () => void;
};

/** The webhook before (for the audit log's name) and after, and how many deliveries went back to pending; null: no such webhook. */
export async function recoverWebhook(deps: RecoverDeps, accountId: AccountId, webhookId: WebhookId, since: number, now: number)
  : Promise<{ before: Webhook; webhook: Webhook; requeued: number } | null> {
  const before = await deps.store.getWebhook(accountId, webhookId);
  if (!before) return null;
  const recovered = await deps.store.recoverWebhook(accountId, webhookId, since, now, before.maxAttempts ?? deps.defaultMaxAttempts);
  if (!recovered) return null;
  if (recovered.requeued > 0) deps.wake();
  return { before, ...recovered };
}
