// Probes and metrics: GET /healthz (the process answers), GET /readyz (it may take traffic: database, schema,
// dispatcher, not shutting down), GET /metrics (Prometheus). Served on the API port and on POSTBACK_METRICS_PORT
// (ops-server.ts).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Readiness } from '../health/readiness.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { sha256Hex } from '../security/secrets.ts';
import { postbackVersion } from '../version.ts';
import type { ZodRoutes } from './openapi/zod-compilers.ts';
import { problem } from './problems.ts';

export type OperationsDeps = {
  readiness: Readiness;
  metrics: Metrics;
  role: string;
  /** POSTBACK_METRICS_TOKEN; empty: /metrics is served only where `serveMetricsOpen` says so. */
  metricsToken: string;
  /** True on the operators' own port: without a token, /metrics is open there and nowhere else. */
  serveMetricsOpen: boolean;
};

const tags = ['Operations'];
const liveness = z.looseObject({ status: z.literal('ok'), version: z.string(), role: z.string() });
const check = z.looseObject({ ok: z.boolean(), detail: z.string() });
const readinessReport = z.looseObject({ ready: z.boolean(), checks: z.record(z.string(), check).meta({ description: 'database, migrations, writes, and dispatcher where one runs; shutdown alone while the process drains before it stops' }) });

export function operationsRoutes(deps: OperationsDeps): ZodRoutes {
  return async (app) => {
    const alive = async () => ({ status: 'ok' as const, version: postbackVersion, role: deps.role });
    const livenessSchema = { tags, security: 'open' as const, response: { 200: liveness } };
    app.get('/healthz', { schema: { ...livenessSchema, summary: 'Liveness: the process answers (no database access)' } }, alive);
    // the probe of earlier versions, kept so existing load balancer checks keep working
    app.get('/health', { schema: { ...livenessSchema, summary: 'Liveness, at its old path (same as /healthz)' } }, alive);
    app.get('/readyz', { schema: {
      summary: 'Readiness: the database answers, the schema is this build\'s, the dispatcher\'s loop turned recently', tags, security: 'open',
      description: '503 while any check fails, and from the first SIGTERM on (the drain, POSTBACK_SHUTDOWN_DRAIN, while requests are still served); a load balancer or orchestrator stops sending traffic (or work) here until it passes.',
      response: { 200: readinessReport, 503: readinessReport },
    } }, async (_request, reply) => {
      const report = await deps.readiness.check();
      void reply.header('cache-control', 'no-store');
      return reply.code(report.ready ? 200 : 503).send(report);
    });
    if (deps.metricsToken === '' && !deps.serveMetricsOpen) return;
    app.get('/metrics', { schema: {
      summary: 'Prometheus metrics of this process', tags, security: deps.metricsToken === '' ? 'open' : 'metrics',
      rawResponses: { 200: { contentType: 'text/plain', description: 'Prometheus text exposition format' } },
    } }, async (request, reply) => {
      requireMetricsToken(request, deps.metricsToken);
      const { contentType, body } = await deps.metrics.scrape();
      return reply.type(contentType).send(body);
    });
  };
}

/** Fails closed: with a token set, anything but that exact bearer token is a 401. */
function requireMetricsToken(request: FastifyRequest, token: string): void {
  if (token === '') return;
  const sent = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const same = timingSafeEqual(Buffer.from(sha256Hex(sent), 'hex'), Buffer.from(sha256Hex(token), 'hex'));
  if (!same) throw problem('unauthorized', 'Send Authorization: Bearer <POSTBACK_METRICS_TOKEN> to read the metrics.');
}
