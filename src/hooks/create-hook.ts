// A REST hook is a webhook row in the flat `hook` format, marked with its trigger: fan-out, history, retries, signing,
// health and isolation are the webhooks' own.
//
// Subscribing again with the target, trigger and products of an enabled hook answers that hook instead of adding a
// second one (Zapier retries a subscribe that timed out after Postback had made the hook, and a Zap turned on again
// after its unsubscribe failed subscribes again): Zapier does not dedupe instant triggers, so a second hook would run
// the Zap twice for every sale. The store decides it in one step, so two subscribes racing on two processes make one.
import { uuidv7 } from 'uuidv7';
import { hookFormat } from '../delivery/render-flat.ts';
import { newSigningSecret } from '../security/secrets.ts';
import type { ProductScope, Store, Webhook } from '../store/store.ts';
import { triggerEvents } from './triggers.ts';
import type { HookTrigger } from './triggers.ts';
import { type AccountId, asWebhookId } from '../domain/ids.ts';

export type NewHook = { targetUrl: string; trigger: HookTrigger; products: ProductScope; name: string | undefined };

/** `created: false`: the account's enabled hook that already had this subscription, unchanged (its secret is its own). */
export async function subscribeHook(store: Pick<Store, 'subscribeHook'>, accountId: AccountId, hook: NewHook, now: number): Promise<{ created: boolean; webhook: Webhook }> {
  return store.subscribeHook(accountId, asWebhookId(uuidv7()), {
    name: hook.name ?? `REST hook: ${hook.trigger}`, url: hook.targetUrl, events: [...triggerEvents(hook.trigger)], products: hook.products,
    version: hookFormat, maxAttempts: null, enabled: true, hookTrigger: hook.trigger, secret: newSigningSecret(),
  }, now);
}
