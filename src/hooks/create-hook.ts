// A REST hook is a webhook row in the flat `hook` format, marked with its trigger: fan-out, history, retries, signing,
// health and isolation are the webhooks' own.
import { hookFormat } from '../delivery/render-flat.ts';
import type { ProductScope, Store } from '../store/store.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import type { WebhookAndSecret } from '../webhooks/create-webhook.ts';
import { triggerEvents } from './triggers.ts';
import type { HookTrigger } from './triggers.ts';
import type { AccountId } from '../domain/ids.ts';

export type NewHook = { targetUrl: string; trigger: HookTrigger; products: ProductScope; name: string | undefined };

/** The signing secret is returned once, here, as for a webhook. */
export async function createHook(store: Pick<Store, 'createWebhook'>, accountId: AccountId, hook: NewHook, now: number): Promise<WebhookAndSecret> {
  return createWebhook(store, accountId, {
    name: hook.name ?? `REST hook: ${hook.trigger}`, url: hook.targetUrl, events: [...triggerEvents(hook.trigger)], products: hook.products,
    version: hookFormat, maxAttempts: null, enabled: true, hookTrigger: hook.trigger,
  }, now);
}
