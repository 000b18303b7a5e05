// Delivery history: filtered list with cursor pagination, one delivery with payload and attempts, manual resend.
import { noClickId } from '../../domain/conversion.ts';
import { maskConversionSecrets } from '../../delivery/conversion/render-conversion.ts';
import { renderRequest } from '../../delivery/render.ts';
import type { RenderedRequest } from '../../delivery/render.ts';
import { maskHottok } from '../../delivery/request-headers.ts';
import { saleFactsOf, searchKey } from '../../domain/sale-facts.ts';
import type { DeliverySummary } from '../../store/store.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentAttempt, presentDelivery, presentSale } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { deliveryDetail, deliveryPage, deliverySummary } from '../responses.ts';
import { deliveriesQuery, idParams } from '../schemas.ts';

const tags = ['History'];

const pageToken = {
  encode: (id: string): string => Buffer.from(JSON.stringify({ after: id })).toString('base64url'),
  decode: (token: string): string => {
    try {
      const after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown }).after;
      if (typeof after === 'string') return after;
    } catch { /* reported below */ }
    throw problem('validation_failed', 'page_token is not one this API issued; use next_page_token from the previous page.', [{ path: 'query.page_token', message: 'invalid page token' }]);
  },
};

/** The sent payload as data: the parsed JSON (2.0.0, POST postbacks), the form's fields (1.0.0), a GET postback's query. */
function payloadOf(rendered: RenderedRequest): unknown {
  if (rendered.method === 'GET') return Object.fromEntries(new URL(rendered.url).searchParams);
  if (rendered.contentType === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(rendered.body));
  return rendered.contentType === 'application/json' ? JSON.parse(rendered.body) as unknown : rendered.body;
}

/** What the data of an event says about its sale; an unreadable text says nothing (fails soft: the row still lists). */
function factsFrom(event: string, data: string | undefined) {
  try {
    return saleFactsOf(event, data === undefined ? null : JSON.parse(data));
  } catch {
    return saleFactsOf(event, null);
  }
}

export function deliveryRoutes(deps: ApiDeps): ZodRoutes {
  /** Each delivery with its sale's buyer, product and amount, read from the events in one query. */
  const withSales = async (accountId: string, deliveries: DeliverySummary[]) => {
    const data = await deps.store.getEventData(accountId, deliveries.map((delivery) => delivery.eventId));
    return deliveries.map((delivery) => ({ ...presentDelivery(delivery), ...presentSale(factsFrom(delivery.event, data.get(delivery.eventId))) }));
  };
  return async (app) => {
    app.get('/deliveries', { schema: {
      summary: 'Delivery history, newest first, with cursor pagination; each row with its sale\'s buyer, product and amount', tags, querystring: deliveriesQuery, response: { 200: deliveryPage },
      description: '`q` finds one sale: the buyer\'s e-mail or name, the transaction or the product (id or name), from the start of any word, in any case and without accents.',
      examples: [
        { name: 'failed', summary: 'Failed deliveries of one event since a date', query: { status: 'failed', event: 'PURCHASE_APPROVED', from: '2026-01-01T00:00:00Z', limit: 20 } },
        { name: 'find_a_sale', summary: 'Every delivery of one buyer\'s sales', query: { q: 'maria.silva@example.com' } },
      ],
    } }, async (request) => {
      const query = request.query;
      const search = query.q === undefined ? '' : searchKey(query.q);
      const items = await deps.store.listDeliveries(request.accountId, {
        webhookId: query.webhook_id, event: query.event, status: query.status, transaction: query.transaction, search: search === '' ? undefined : search,
        from: query.from, to: query.to, after: query.page_token === undefined ? undefined : pageToken.decode(query.page_token), limit: query.limit + 1,
      });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      return { items: await withSales(request.accountId, page), next_page_token: items.length > query.limit && last ? pageToken.encode(last.id) : null };
    });

    app.get('/deliveries/:id', { schema: {
      summary: 'One delivery: what was sent (hottok masked) and every attempt', tags, params: idParams, response: { 200: deliveryDetail }, errors: ['not_found'],
    } }, async (request) => {
      const { id } = request.params;
      const detail = await deps.store.getDelivery(request.accountId, id);
      if (!detail) throw notFound('delivery', id);
      const webhook = await deps.store.getWebhook(request.accountId, detail.delivery.webhookId);
      // the history never shows the hottok in clear: a body that carries it is rendered with it masked, like the header
      const account = await deps.store.getAccount(request.accountId);
      // fails open: a body that cannot be rendered (its attempts were recorded as internal_error) leaves the rest of
      // the history readable, with no body, rather than hiding the delivery behind a 500.
      // Deleting a webhook deletes its deliveries, so it is there; a postback's credentials are masked like the hottok.
      const postback = webhook?.postback ?? null;
      const rendered: RenderedRequest | null = (() => {
        try {
          const sent = renderRequest(detail.event, detail.delivery, maskHottok(account?.hottok ?? ''), { url: webhook?.url ?? '', postback });
          return postback ? { ...sent, url: maskConversionSecrets(sent.url, postback), body: maskConversionSecrets(sent.body, postback) } : sent;
        } catch { return null; }
      })();
      const lastAttempt = detail.attempts.at(-1);
      return {
        ...presentDelivery(detail.delivery),
        ...presentSale(factsFrom(detail.event.event, detail.event.data)),
        request: {
          method: rendered?.method ?? null,
          url: webhook && rendered ? rendered.url : null,
          content_type: rendered?.contentType ?? null,
          // the latest attempt's headers; each attempt below has its own (timestamps and signatures differ)
          headers: lastAttempt?.requestHeaders ?? null,
          body: rendered?.body ?? null,
        },
        payload: rendered ? payloadOf(rendered) : null,
        attempt_history: detail.attempts.map(presentAttempt),
      };
    });

    app.post('/deliveries/:id/resend', { schema: {
      summary: 'Resend a delivery: a new cycle of attempts, the same event id and body', tags, params: idParams, response: { 202: deliverySummary },
      errors: ['not_found', 'conflict', 'webhook_disabled'],
    } }, async (request, reply) => {
      const { id } = request.params;
      const detail = await deps.store.getDelivery(request.accountId, id);
      if (!detail) throw notFound('delivery', id);
      if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) {
        throw problem('conflict', 'This conversion was skipped because the sale has no click id: there is nothing to attribute it to, so nothing to resend.');
      }
      const webhook = await deps.store.getWebhook(request.accountId, detail.delivery.webhookId);
      // fails closed: a disabled configuration means "do not post"; a resend must not post behind its back
      if (webhook && !webhook.enabled) {
        throw problem('webhook_disabled', 'The webhook configuration of this delivery is disabled: enable it, or recover it (POST /api/v1/webhooks/:id/recover), to send again.');
      }
      const resent = await deps.store.resendDelivery(request.accountId, id, deps.clock(), webhook?.maxAttempts ?? deps.config.retrySchedule.length);
      if (!resent) throw notFound('delivery', id);
      deps.wake();
      return reply.code(202).send(presentDelivery(resent));
    });
  };
}
