// A one-off copy of a delivery to another URL, for a developer checking a receiver (a tunnel, a staging server): the
// same body and headers an attempt sends, freshly signed, through the dispatcher's own SSRF-guarded client and
// deadline. Nothing is queued, retried or recorded in the delivery's history (the API's audit log records it).
//
// Decision: this is the one place the API process sends HTTP itself (DESIGN keeps delivery in the dispatcher). A
// replay is interactive and disposable: nothing is queued, retried or promised, so it needs none of the dispatcher's
// durability, and answering inline is its point. It is bounded by the attempt deadline and the API's rate limit.
import type { HttpClient } from '../delivery/http-client.ts';
import { renderBody } from '../delivery/render.ts';
import { maskSecrets, maskSecretsInHeaders } from '../delivery/mask-secrets.ts';
import { requestHeaders } from '../delivery/request-headers.ts';
import { send } from '../delivery/send.ts';
import type { SendLimits, SendOutcome } from '../delivery/send.ts';
import { conversionVersion } from '../domain/conversion.ts';
import type { DeliverySummary, Store } from '../store/store.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

export type ReplayDeps = {
  store: Pick<Store, 'getDelivery' | 'getWebhook' | 'getAccount'>;
  /** The guarded outbound client (the dispatcher's). */
  outbound: HttpClient;
  limits: SendLimits;
  clock: () => number;
};

export type ReplayResult =
  | { kind: 'sent'; delivery: DeliverySummary; outcome: SendOutcome }
  | { kind: 'not_found' }
  /** A conversion postback is a GET rendered from the ad network's templates: there is no body to send elsewhere. */
  | { kind: 'conversion' };

/** `url` has passed the registration-time address check; the client checks the address again at connect. */
export async function replayDelivery(deps: ReplayDeps, accountId: AccountId, deliveryId: DeliveryId, url: string): Promise<ReplayResult> {
  const detail = await deps.store.getDelivery(accountId, deliveryId);
  if (!detail) return { kind: 'not_found' };
  const [webhook, account] = await Promise.all([deps.store.getWebhook(accountId, detail.delivery.webhookId), deps.store.getAccount(accountId)]);
  if (!webhook || !account) return { kind: 'not_found' };
  if (detail.delivery.version === conversionVersion) return { kind: 'conversion' };
  const now = deps.clock();
  const rendered = renderBody(detail.event, detail.delivery, account.hottok);
  const secrets = [webhook.secret, ...webhook.previousSecrets.filter((previous) => previous.expiresAt > now).map((previous) => previous.secret)];
  const headers = requestHeaders({ messageId: detail.event.id, body: rendered.body, contentType: rendered.contentType, secrets, hottok: account.hottok, timestampSeconds: Math.floor(now / 1000), test: detail.event.isTest });
  const outcome = await send(deps.outbound, { url, headers, body: rendered.body }, deps.limits);
  // an echoing receiver's answer is shown with the hottok masked, as the history shows it
  if (outcome.kind !== 'response') return { kind: 'sent', delivery: detail.delivery, outcome };
  const response = { ...outcome.response, headers: maskSecretsInHeaders(outcome.response.headers, [account.hottok]), body: maskSecrets(outcome.response.body, [account.hottok]) };
  return { kind: 'sent', delivery: detail.delivery, outcome: { kind: 'response', response } };
}
