// How the hosted checkout answers an error a route or Fastify raised. A body it cannot read (too large, not a form)
// is refused as a problem in the order form's terms: no page of ours sends one, so no buyer reads it. Anything else
// failed on our side while a buyer may be looking: a page in the buyer's language, never the API's JSON. 503 with
// Retry-After when the store cannot be reached (../../api/store-unavailable.ts: it will work again on its own), 500
// otherwise; either way the page says to send again, and what the buyer sent stays in the browser (the form, its
// hidden sck and order key) or in the link to try again. An order saved after all (the connection cut after the
// commit) is not placed twice: its form's key names it (order-key.ts).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fromFastifyError, sendProblem } from '../../api/problem-response.ts';
import type { BodyRules } from '../../api/problem-response.ts';
import { Problem } from '../../api/problems.ts';
import { isStoreUnreachable, storeRetryAfterSeconds } from '../../api/store-unavailable.ts';
import { pickLanguage } from '../../domain/page-language.ts';
import { failedPage } from './pages.ts';

type PageAnswer = (reply: FastifyReply, status: number, html: string) => FastifyReply;

/** The order form's route: a failure there means the order was not recorded. */
const orderFormRoute = '/checkout/:offer';

export function checkoutErrorHandler(page: PageAnswer, bodies: BodyRules) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const known = error instanceof Problem ? error : fromFastifyError(error, bodies);
    if (known.status < 500) { void sendProblem(reply, known, request.url); return; }
    request.log.error({ err: error }, 'request failed');
    const unreachable = isStoreUnreachable(error);
    if (unreachable) void reply.header('retry-after', String(storeRetryAfterSeconds));
    void page(reply, unreachable ? 503 : 500, failedPage(pickLanguage(request.headers['accept-language']), failedOf(request)));
  };
}

function failedOf(request: FastifyRequest): Parameters<typeof failedPage>[1] {
  if (request.method === 'GET') return { kind: 'page', retryPath: request.url };
  if (request.routeOptions.url === orderFormRoute) return { kind: 'order' };
  // a demo button (POST .../orders/:transaction/:action): its order's page shows where the order stands
  return { kind: 'page', retryPath: (request.url.split('?')[0] ?? '').replace(/\/[^/]*$/, '') };
}
