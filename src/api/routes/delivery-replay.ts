// POST /api/v1/deliveries/:id/replay {url}: a one-off copy of a delivery to another URL, answered inline and recorded
// in the audit log (src/history/replay-delivery.ts sends it, and says why the API process may).
import { replayDelivery } from '../../history/replay-delivery.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { notFound, problem } from '../problems.ts';
import { replayResult } from '../responses.ts';
import { deliveryParams, replayBody } from '../schemas.ts';

export function deliveryReplayRoutes(deps: ApiDeps): ZodRoutes {
  return async (app) => {
    app.post('/deliveries/:id/replay', { schema: {
      summary: 'Send a delivery once to another URL (the same body, freshly signed): the answer comes back here', tags: ['History'],
      description: 'Nothing is queued, retried or added to the delivery\'s history; the send is recorded in the audit log. The URL passes the same address checks as a webhook\'s.',
      params: deliveryParams, body: replayBody, response: { 200: replayResult }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'staging', summary: 'To a staging receiver', body: { url: 'https://staging.example.com/hotmart' } }],
    } }, async (request) => {
      const { id } = request.params;
      const { url } = request.body;
      // fails closed: a private or loopback target is refused here, and again at connect (the client's address check)
      const verdict = deps.addressPolicy.checkUrl(url);
      if (!verdict.ok) throw problem('validation_failed', `Invalid body: body.url: ${verdict.reason}`, [{ path: 'body.url', message: verdict.reason }]);
      const result = await replayDelivery({ store: deps.store, outbound: deps.outbound, clock: deps.clock,
        limits: { deadlineMs: deps.config.attemptDeadlineMs, maxKeptBytes: deps.config.maxKeptResponseBytes, maxResponseBytes: deps.config.maxResponseBytes } }, request.accountId, id, url);
      if (result.kind === 'not_found') throw notFound('delivery', id);
      if (result.kind === 'conversion') throw problem('conflict', 'A conversion postback cannot be sent to another URL: it is rendered from its own URL template.');
      const { delivery, outcome } = result;
      const answer = outcome.kind === 'response'
        ? { status_code: outcome.response.status, error: null, error_detail: null, duration_ms: Math.round(outcome.response.durationMs), response_headers: outcome.response.headers, response_body: outcome.response.body }
        : { status_code: null, error: outcome.cause, error_detail: outcome.detail, duration_ms: Math.round(outcome.durationMs), response_headers: {}, response_body: '' };
      request.audit = { action: 'delivery.replayed', targetType: 'delivery', targetId: id, targetName: delivery.transaction ?? delivery.event,
        detail: { url: displayUrl(url), status_code: answer.status_code, error: answer.error } };
      return { url: displayUrl(url), ...answer };
    });
  };
}
