// A webhook configuration ("segmentation"), what fan-out reads of it (its routing) and its health: the domain's types,
// which fan-out.ts and webhook-health.ts judge and the Store contract (src/store/store.ts) persists.
import type { ConversionConfig } from './conversion.ts';
import type { AccountId, WebhookId } from './ids.ts';

export type ProductScope = 'all' | string[];

/** Whether two scopes name the same products (a list is a set: its order does not matter). */
export function sameProductScope(a: ProductScope, b: ProductScope): boolean {
  if (a === 'all' || b === 'all') return a === b;
  const ids = new Set(a);
  return ids.size === new Set(b).size && b.every((id) => ids.has(id));
}

/**
 * The enabled REST hook among `webhooks` that a subscription with this target URL, trigger and products would repeat.
 * A disabled one does not count: it receives nothing, so handing it back would leave the tool subscribed to silence.
 */
export function subscribedHook<T extends Pick<Webhook, 'enabled' | 'hookTrigger' | 'url' | 'products'>>(webhooks: readonly T[], hook: { url: string; hookTrigger: string; products: ProductScope }): T | null {
  return webhooks.find((webhook) => webhook.enabled && webhook.hookTrigger === hook.hookTrigger && webhook.url === hook.url && sameProductScope(webhook.products, hook.products)) ?? null;
}
export type Webhook = {
  id: WebhookId;
  accountId: AccountId;
  name: string;
  url: string;
  events: string[];
  products: ProductScope;
  version: string;
  maxAttempts: number | null;
  /** 2.0.0 bodies carry the hottok at the top level too (as Hotmart's test posts do), for receivers that read only that. */
  hottokInBody: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: number | null;
  /** The current signing secret (`whsec_`), decrypted. */
  secret: string;
  /** Rotated-out secrets that keep signing until `expiresAt`. */
  previousSecrets: { secret: string; expiresAt: number }[];
  failureStreak: number;
  failingSince: number | null;
  /** The REST-hook trigger it was subscribed to through POST /api/v1/hooks; null for a webhook configured by hand. */
  hookTrigger: string | null;
  /** Attempts in a row that timed out (the circuit breaker counts them; any other outcome resets it). */
  timeoutStreak: number;
  /** Set while the webhook's circuit is open: it gets one (probing) attempt at a time until one succeeds. */
  circuitOpenedAt: number | null;
  /** The conversion template of a `postback` webhook (its `url` is the URL template); null for every other version. */
  postback: ConversionConfig | null;
  createdAt: number;
  updatedAt: number;
};
/** `hottokInBody` is off when absent; `hookTrigger` is set for a webhook subscribed through POST /api/v1/hooks. */
export type NewWebhook = Pick<Webhook, 'name' | 'url' | 'events' | 'products' | 'version' | 'maxAttempts' | 'enabled' | 'secret'>
  & { hottokInBody?: boolean; hookTrigger?: string | null } & Partial<Pick<Webhook, 'postback'>>;
export type WebhookPatch = Partial<Pick<Webhook, 'name' | 'url' | 'events' | 'products' | 'version' | 'maxAttempts' | 'hottokInBody' | 'enabled' | 'postback'>>;
/** What fan-out reads of a webhook: its routing, never its secrets (publishing opens none). */
export type WebhookRoute = Pick<Webhook, 'id' | 'events' | 'products' | 'version' | 'maxAttempts' | 'hottokInBody' | 'enabled'>
  & { postback: Pick<ConversionConfig, 'click_id_required' | 'click_id_from'> | null };

export type WebhookHealth = Pick<Webhook, 'failureStreak' | 'failingSince' | 'enabled'>;
/** Given the webhook's health after this attempt was counted, returns a reason to disable it, or null. */
export type HealthJudge = (health: WebhookHealth) => string | null;
