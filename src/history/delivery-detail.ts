// One delivery as the history shows it: what was sent (re-rendered, with the hottok and a postback's credentials
// masked), its sale, and every attempt. A postback's URL is the one its latest attempt went to, as recorded: it is
// rendered under its webhook's settings of the moment it goes out, and re-rendering it now would show goals and
// click ids that the owner configured later.
import { maskConversionSecrets } from '../delivery/conversion/render-conversion.ts';
import { lastSentUrl } from '../delivery/conversion/sent-url.ts';
import { renderRequest } from '../delivery/render.ts';
import type { RenderedRequest } from '../delivery/render.ts';
import { maskSecrets, maskSecretsInHeaders } from '../delivery/mask-secrets.ts';
import { maskHottok } from '../delivery/request-headers.ts';
import type { SaleFacts } from '../domain/sale-facts.ts';
import type { Attempt, DeliverySummary, Store } from '../store/store.ts';
import { saleOfEvent } from './sale-of-event.ts';
import type { AccountId, DeliveryId } from '../domain/ids.ts';

export type SentRequest = {
  method: RenderedRequest['method'] | null;
  url: string | null;
  contentType: string | null;
  /** The latest attempt's headers; each attempt has its own (timestamps and signatures differ). */
  headers: Record<string, string> | null;
  body: string | null;
};
export type DeliveryView = { delivery: DeliverySummary; sale: SaleFacts; request: SentRequest; payload: unknown; attempts: Attempt[] };

/** The sent payload as data: the parsed JSON (2.0.0, POST postbacks), the form's fields (1.0.0), a GET postback's query. */
function payloadOf(rendered: RenderedRequest): unknown {
  if (rendered.method === 'GET') return Object.fromEntries(new URL(rendered.url).searchParams);
  if (rendered.contentType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(rendered.body));
  return rendered.contentType === 'application/json' ? JSON.parse(rendered.body) as unknown : rendered.body;
}

/** Null when the account has no delivery with this id. */
export async function readDeliveryDetail(store: Pick<Store, 'getDelivery' | 'getWebhook' | 'getAccount'>, accountId: AccountId, deliveryId: DeliveryId): Promise<DeliveryView | null> {
  const detail = await store.getDelivery(accountId, deliveryId);
  if (!detail) return null;
  const webhook = await store.getWebhook(accountId, detail.delivery.webhookId);
  // the history never shows the hottok in clear: a body that carries it is rendered with it masked, like the header
  const account = await store.getAccount(accountId);
  // fails open: a body that cannot be rendered (its attempts were recorded as internal_error) leaves the rest of
  // the history readable, with no body, rather than hiding the delivery behind a 500.
  // Deleting a webhook deletes its deliveries, so it is there; a postback's credentials are masked like the hottok.
  const postback = webhook?.postback ?? null;
  const secrets = [account?.hottok ?? '', ...Object.values(postback?.secrets ?? {})];
  const rendered: RenderedRequest | null = (() => {
    try {
      const sent = renderRequest(detail.event, detail.delivery, maskHottok(account?.hottok ?? ''), { url: webhook?.url ?? '', postback });
      // only a postback never sent shows its render under the settings of now (a JSON body is not recorded: it is
      // rendered again, under them, beside the URL it went to)
      return postback ? { ...sent, url: lastSentUrl(detail.attempts) ?? maskConversionSecrets(sent.url, postback), body: maskConversionSecrets(sent.body, postback) } : sent;
    } catch { return null; }
  })();
  return {
    delivery: detail.delivery,
    sale: saleOfEvent(detail.event.event, detail.event.data),
    request: {
      method: rendered?.method ?? null,
      url: webhook && rendered ? rendered.url : null,
      contentType: rendered?.contentType ?? null,
      headers: detail.attempts.at(-1)?.requestHeaders ?? null,
      body: rendered?.body ?? null,
    },
    payload: rendered ? payloadOf(rendered) : null,
    // recorded with the secrets it carried masked (attempt.ts); masked again here for attempts recorded before that
    attempts: detail.attempts.map((attempt) => ({ ...attempt, responseBody: maskSecrets(attempt.responseBody, secrets), responseHeaders: maskSecretsInHeaders(attempt.responseHeaders, secrets) })),
  };
}
