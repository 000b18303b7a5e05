// Delivery history: filtered list with cursor pagination, one delivery with payload and attempts, manual resend.
// Each route parses, calls its use case (src/history/) and maps the answer.
import { asDeliveryId, type DeliveryId } from '../../domain/ids.ts';
import { searchKey } from '../../domain/sale-facts.ts';
import { readDeliveryDetail } from '../../history/delivery-detail.ts';
import { readHistoryPage } from '../../history/history-page.ts';
import { resendDelivery } from '../../history/resend-delivery.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { presentAttempt, presentDelivery, presentSale, urlSeenBy } from '../present.ts';
import { notFound, problem } from '../problems.ts';
import { deliveryDetail, deliveryPage, deliverySummary } from '../responses.ts';
import { deliveriesQuery, deliveryParams } from '../schemas.ts';

const tags = ['History'];

const pageToken = {
  encode: (id: DeliveryId): string => Buffer.from(JSON.stringify({ after: id })).toString('base64url'),
  // the token is the client's to send back: what it names is checked as any id is, by the account-scoped query
  decode: (token: string): DeliveryId => {
    try {
      const after = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown }).after;
      if (typeof after === 'string') return asDeliveryId(after);
    } catch { /* reported below */ }
    throw problem('validation_failed', 'page_token is not one this API issued; use next_page_token from the previous page.', [{ path: 'query.page_token', message: 'invalid page token' }]);
  },
};

export function deliveryRoutes(deps: ApiDeps): ZodRoutes {
  return async (app) => {
    app.get('/deliveries', { schema: {
      summary: 'Delivery history, newest first, with cursor pagination; each row with its sale\'s buyer, product and amount', tags, querystring: deliveriesQuery, response: { 200: deliveryPage }, errors: ['not_found'],
      description: '`q` finds one sale: the buyer\'s e-mail or name, the transaction or the product (id or name), from the start of any word, in any case and without accents.',
      examples: [
        { name: 'failed', summary: 'Failed deliveries of one event since a date', query: { status: 'failed', event: 'PURCHASE_APPROVED', from: '2026-01-01T00:00:00Z', limit: 20 } },
        { name: 'find_a_sale', summary: 'Every delivery of one buyer\'s sales', query: { q: 'maria.silva@example.com' } },
      ],
    } }, async (request) => {
      const query = request.query;
      // a webhook the account does not have is a 404, as on its own routes, not an empty page that looks like "no deliveries"
      if (query.webhook_id !== undefined && !await deps.store.getWebhook(request.accountId, query.webhook_id)) throw notFound('webhook', query.webhook_id);
      const search = query.q === undefined ? '' : searchKey(query.q);
      const page = await readHistoryPage(deps.store, request.accountId, {
        webhookId: query.webhook_id, event: query.event, status: query.status, transaction: query.transaction, search: search === '' ? undefined : search,
        from: query.from, to: query.to, test: query.test, after: query.page_token === undefined ? undefined : pageToken.decode(query.page_token), limit: query.limit,
      });
      return {
        items: page.rows.map((row) => ({ ...presentDelivery(row.delivery), ...presentSale(row.sale) })),
        next_page_token: page.nextAfter === null ? null : pageToken.encode(page.nextAfter),
      };
    });

    app.get('/deliveries/:id', { schema: {
      summary: 'One delivery: what was sent (hottok masked) and every attempt', tags, params: deliveryParams, response: { 200: deliveryDetail }, errors: ['not_found'],
    } }, async (request) => {
      const { id } = request.params;
      const view = await readDeliveryDetail(deps.store, request.accountId, id);
      if (!view) throw notFound('delivery', id);
      const { method, url, contentType, headers, body } = view.request;
      return {
        ...presentDelivery(view.delivery),
        ...presentSale(view.sale),
        request: { method, url: url === null ? null : urlSeenBy(request.role)(url), content_type: contentType, headers, body },
        payload: view.payload,
        attempt_history: view.attempts.map((attempt) => presentAttempt(attempt, request.role)),
      };
    });

    app.post('/deliveries/:id/resend', { schema: {
      summary: 'Resend a delivery: a new cycle of attempts, the same event id and body', tags, params: deliveryParams, response: { 202: deliverySummary },
      errors: ['not_found', 'conflict', 'webhook_disabled', 'delivery_in_flight'],
    } }, async (request, reply) => {
      const { id } = request.params;
      const result = await resendDelivery({ store: deps.store, defaultMaxAttempts: deps.config.retrySchedule.length, wake: deps.wake }, request.accountId, id, deps.clock());
      switch (result.kind) {
        case 'not_found': throw notFound('delivery', id);
        case 'no_click_id': throw problem('conflict', 'This conversion has no click id (the sale carries none where the webhook\'s click_id_from looks): there is nothing to attribute it to, so nothing to resend.');
        case 'no_test_event_code': throw problem('conflict', 'This is a test of a Meta postback whose webhook has no Test Events code now (postback.test_event_code): without it Meta would count the test as a real purchase. Set the code from Events Manager\'s Test events tab (PUT /api/v1/webhooks/:id/test-event-code), then resend.');
        case 'event_too_old': {
          const days = Math.floor(result.maxAgeMs / 86_400_000);
          throw problem('conflict', `This conversion's event is from ${new Date(result.eventTime).toISOString()}: ${result.network} refuses events more than ${days} days old (their event_time), so it cannot be sent again.`);
        }
        case 'already_reported': throw problem('conflict', 'This conversion repeats a sale its webhook already reported to the network (another delivery of the same transaction and event): sending it would count the sale twice. Resend that delivery instead if it failed.');
        case 'webhook_disabled':
          throw problem('webhook_disabled', 'The webhook configuration of this delivery is disabled: enable it, or recover it (POST /api/v1/webhooks/:id/recover), to send again.');
        case 'in_flight': {
          // the attempt ends by its deadline, and its lease with it: the client may try again then
          const seconds = Math.max(1, Math.ceil((result.until - deps.clock()) / 1000));
          void reply.header('retry-after', String(seconds));
          throw problem('delivery_in_flight', `An attempt of this delivery is running now; resend it once that attempt has settled (within ${seconds} s). A resend now would be settled by that attempt's outcome.`);
        }
        case 'resent': {
          // a resend can grant access again (a members area re-reads the sale): who sent which sale again is kept
          const { delivery } = result;
          request.audit = { action: 'delivery.resent', targetType: 'delivery', targetId: id, targetName: delivery.transaction ?? delivery.event, detail: { webhook_id: delivery.webhookId, event: delivery.event } };
          return reply.code(202).send(presentDelivery(delivery));
        }
      }
    });
  };
}
