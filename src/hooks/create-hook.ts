// A REST hook is a webhook row in the flat `hook` format, marked with its trigger: fan-out, history, retries, signing,
// health and isolation are the webhooks' own.
import { uuidv7 } from 'uuidv7';
import { hookFormat } from '../delivery/render-flat.ts';
import { newSigningSecret } from '../security/secrets.ts';
import type { ProductScope, Store, Webhook } from '../store/store.ts';
import { triggerEvents } from './triggers.ts';
import type { HookTrigger } from './triggers.ts';

export type NewHook = { targetUrl: string; trigger: HookTrigger; products: ProductScope; name: string | undefined };

/** The signing secret is returned once, here, as for a webhook. */
export async function createHook(store: Pick<Store, 'createWebhook'>, accountId: string, hook: NewHook, now: number): Promise<{ webhook: Webhook; secret: string }> {
  const secret = newSigningSecret();
  const webhook = await store.createWebhook(accountId, uuidv7(), {
    name: hook.name ?? `REST hook: ${hook.trigger}`, url: hook.targetUrl, events: [...triggerEvents(hook.trigger)], products: hook.products,
    version: hookFormat, maxAttempts: null, enabled: true, secret, hookTrigger: hook.trigger,
  }, now);
  return { webhook, secret };
}
