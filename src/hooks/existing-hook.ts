// The hook an automation tool already subscribed for the same target, trigger and products, so that subscribing
// again (Zapier retries a subscribe that timed out after Postback had made the hook; a Zap turned on again after its
// unsubscribe failed) answers that hook instead of adding a second one: Zapier does not dedupe instant triggers, so a
// second hook would run the Zap twice for every sale. Two subscribes racing within the same moment can still both
// create (nothing locks the account between the read and the insert); tools retry one after the other.
import type { ProductScope, Store, Webhook } from '../store/store.ts';
import type { NewHook } from './create-hook.ts';
import type { AccountId } from '../domain/ids.ts';

/**
 * An enabled hook of the account with this exact target URL and trigger and the same product scope (a set: order
 * does not matter), or null. A disabled one does not count: it receives nothing, so handing it back would leave the
 * tool subscribed to silence; a new hook is made beside it.
 */
export async function existingHook(store: Pick<Store, 'listWebhooks'>, accountId: AccountId, hook: Pick<NewHook, 'targetUrl' | 'trigger' | 'products'>): Promise<Webhook | null> {
  const webhooks = await store.listWebhooks(accountId);
  return webhooks.find((webhook) => webhook.enabled && webhook.hookTrigger === hook.trigger && webhook.url === hook.targetUrl && sameScope(webhook.products, hook.products)) ?? null;
}

function sameScope(a: ProductScope, b: ProductScope): boolean {
  if (a === 'all' || b === 'all') return a === b;
  const ids = new Set(a);
  return ids.size === new Set(b).size && b.every((id) => ids.has(id));
}
