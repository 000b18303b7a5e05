// POST /api/v1/deliveries/:id/replay {url}: a one-off copy of a delivery to another URL, for a developer checking a
// receiver (a tunnel, a staging server): the same body and headers an attempt sends, freshly signed, through the
// dispatcher's own SSRF-guarded client and deadline. Its answer comes back inline, and it is recorded in the audit
// log; the delivery's own history and state are untouched.
//
// Decision: this is the one place the API process sends HTTP itself (DESIGN keeps delivery in the dispatcher). A
// replay is interactive and disposable: nothing is queued, retried or promised, so it needs none of the dispatcher's
// durability, and answering inline is its point. It is bounded by the attempt deadline and the API's rate limit.
import { renderBody } from '../../delivery/render.ts';
import { conversionVersion } from '../../domain/conversion.ts';
import { requestHeaders } from '../../delivery/request-headers.ts';
import { send } from '../../delivery/send.ts';
import { displayUrl } from '../../security/display-url.ts';
import type { ApiDeps } from '../api-deps.ts';
import type { ZodRoutes } from '../openapi/zod-compilers.ts';
import { notFound, problem } from '../problems.ts';
import { replayResult } from '../responses.ts';
import { idParams, replayBody } from '../schemas.ts';

export function deliveryReplayRoutes(deps: ApiDeps): ZodRoutes {
  return async (app) => {
    app.post('/deliveries/:id/replay', { schema: {
      summary: 'Send a delivery once to another URL (the same body, freshly signed): the answer comes back here', tags: ['History'],
      description: 'Nothing is queued, retried or added to the delivery\'s history; the send is recorded in the audit log. The URL passes the same address checks as a webhook\'s.',
      params: idParams, body: replayBody, response: { 200: replayResult }, errors: ['not_found', 'conflict'],
      examples: [{ name: 'staging', summary: 'To a staging receiver', body: { url: 'https://staging.example.com/hotmart' } }],
    } }, async (request) => {
      const { id } = request.params;
      const { url } = request.body;
      // fails closed: a private or loopback target is refused here, and again at connect (the client's address check)
      const verdict = deps.addressPolicy.checkUrl(url);
      if (!verdict.ok) throw problem('validation_failed', `Invalid body: body.url: ${verdict.reason}`, [{ path: 'body.url', message: verdict.reason }]);
      const detail = await deps.store.getDelivery(request.accountId, id);
      if (!detail) throw notFound('delivery', id);
      const [webhook, account] = await Promise.all([deps.store.getWebhook(request.accountId, detail.delivery.webhookId), deps.store.getAccount(request.accountId)]);
      if (!webhook || !account) throw notFound('delivery', id);
      // a conversion postback is a GET rendered from the ad network's templates: there is no body to send elsewhere
      if (detail.delivery.version === conversionVersion) throw problem('conflict', 'A conversion postback cannot be sent to another URL: it is rendered from its own URL template.');
      const now = deps.clock();
      const rendered = renderBody(detail.event, detail.delivery, account.hottok);
      const secrets = [webhook.secret, ...webhook.previousSecrets.filter((previous) => previous.expiresAt > now).map((previous) => previous.secret)];
      const headers = requestHeaders({ messageId: detail.event.id, body: rendered.body, contentType: rendered.contentType, secrets, hottok: account.hottok, timestampSeconds: Math.floor(now / 1000) });
      const outcome = await send(deps.outbound, { url, headers, body: rendered.body },
        { deadlineMs: deps.config.attemptDeadlineMs, maxKeptBytes: deps.config.maxKeptResponseBytes, maxResponseBytes: deps.config.maxResponseBytes });
      const answer = outcome.kind === 'response'
        ? { status_code: outcome.response.status, error: null, error_detail: null, duration_ms: Math.round(outcome.response.durationMs), response_headers: outcome.response.headers, response_body: outcome.response.body }
        : { status_code: null, error: outcome.cause, error_detail: outcome.detail, duration_ms: Math.round(outcome.durationMs), response_headers: {}, response_body: '' };
      request.audit = { action: 'delivery.replayed', targetType: 'delivery', targetId: id, targetName: detail.delivery.transaction ?? detail.delivery.event,
        detail: { url: displayUrl(url), status_code: answer.status_code, error: answer.error } };
      return { url: displayUrl(url), ...answer };
    });
  };
}
