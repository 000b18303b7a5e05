// Creating a webhook configuration, whoever asks (the API, a REST-hook subscription, the members-area check): a new
// time-ordered id and a fresh signing secret, which is returned once, here.
import { uuidv7 } from 'uuidv7';
import { newSigningSecret } from '../security/secrets.ts';
import type { NewWebhook, Store, Webhook } from '../store/store.ts';
import { type AccountId, asWebhookId } from '../domain/ids.ts';

export type WebhookAndSecret = { webhook: Webhook; secret: string };

export async function createWebhook(store: Pick<Store, 'createWebhook'>, accountId: AccountId, config: Omit<NewWebhook, 'secret'>, now: number): Promise<WebhookAndSecret> {
  const secret = newSigningSecret();
  const webhook = await store.createWebhook(accountId, asWebhookId(uuidv7()), { ...config, secret }, now);
  return { webhook, secret };
}
