// The API's requests as Prometheus series: by method, route template (never the raw URL: ids would make a series
// each) and status code, and publishes by outcome.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** What a publish's answer means, from its status code. */
function publishOutcome(status: number): string {
  if (status === 202) return 'accepted';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 413 || status === 415 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'error' : 'other';
}

export type HttpMetrics = { hook(app: FastifyInstance): void };

export function httpMetrics(registry: Registry): HttpMetrics {
  const registers = [registry];
  const requests = new Counter({ name: 'postback_http_requests_total', help: 'API requests answered, by method, route template and status code', labelNames: ['method', 'route', 'status'], registers });
  const duration = new Histogram({ name: 'postback_http_request_duration_seconds', help: 'Time to answer an API request, by method and route template', labelNames: ['method', 'route'], buckets: durationBuckets, registers });
  const publishes = new Counter({ name: 'postback_publishes_total', help: 'POST /api/v1/events answers by outcome (accepted, invalid, conflict, unauthorized, rate_limited, error)', labelNames: ['outcome'], registers });
  for (const outcome of ['accepted', 'invalid', 'conflict']) publishes.inc({ outcome }, 0);
  return {
    hook(app) {
      app.addHook('onResponse', async (request, reply) => {
        // a URL that matched no route keeps one label, whatever was asked
        const route = request.routeOptions.url ?? 'unmatched';
        const method = request.method;
        requests.inc({ method, route, status: String(reply.statusCode) });
        duration.observe({ method, route }, reply.elapsedTime / 1000);
        if (method === 'POST' && route === '/api/v1/events') publishes.inc({ outcome: publishOutcome(reply.statusCode) });
      });
    },
  };
}
