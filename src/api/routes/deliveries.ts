// Delivery history: filtered list with cursor pagination, one delivery with payload and attempts, manual resend.
import type { FastifyPluginAsync } from 'fastify';
import { noClickId } from '../../domain/conversion.ts';
import { maskConversionSecrets } from '../../delivery/conversion/render-conversion.ts';
import { renderRequest } from '../../delivery/render.ts';
import type { RenderedRequest } from '../../delivery/render.ts';
import { maskHottok } from '../../delivery/request-headers.ts';
import type { ApiDeps } from '../app.ts';
import { parseInput } from '../parse-input.ts';
import { presentAttempt, presentDelivery } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { deliveriesQuery, idParams } from '../schemas.ts';

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

export function deliveryRoutes(deps: ApiDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/deliveries', async (request) => {
      const query = parseInput(deliveriesQuery, request.query, 'query');
      const items = await deps.store.listDeliveries(request.accountId, {
        webhookId: query.webhook_id, event: query.event, status: query.status, transaction: query.transaction,
        from: query.from, to: query.to, after: query.page_token === undefined ? undefined : pageToken.decode(query.page_token), limit: query.limit + 1,
      });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      return { items: page.map(presentDelivery), next_page_token: items.length > query.limit && last ? pageToken.encode(last.id) : null };
    });

    app.get('/deliveries/:id', async (request) => {
      const { id } = parseInput(idParams, request.params, 'params');
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

    app.post('/deliveries/:id/resend', async (request, reply) => {
      const { id } = parseInput(idParams, request.params, 'params');
      const detail = await deps.store.getDelivery(request.accountId, id);
      if (!detail) throw notFound('delivery', id);
      if (detail.delivery.status === 'skipped' && detail.delivery.lastError === noClickId) {
        throw problem('conflict', 'This conversion was skipped because the sale has no click id: there is nothing to attribute it to, so nothing to resend.');
      }
      const webhook = await deps.store.getWebhook(request.accountId, detail.delivery.webhookId);
      const resent = await deps.store.resendDelivery(request.accountId, id, deps.clock(), webhook?.maxAttempts ?? deps.config.retrySchedule.length);
      if (!resent) throw notFound('delivery', id);
      deps.wake();
      return reply.code(202).send(presentDelivery(resent));
    });
  };
}
