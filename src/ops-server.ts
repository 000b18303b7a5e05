// The operators' listener (POSTBACK_METRICS_PORT): /metrics, /healthz and /readyz on a port of their own, for every
// role. A worker has no API port, so this is how it is probed and scraped; an api process keeps its probes off the
// public port's rate limit and logs. Nothing of the API is reachable here.
import type { AddressInfo } from 'node:net';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { zodSerializerCompiler, zodValidatorCompiler } from './api/openapi/zod-compilers.ts';
import { operationsRoutes } from './api/operations-routes.ts';
import type { OperationsDeps } from './api/operations-routes.ts';
import { Problem, problem } from './api/problems.ts';
import { answerWhileShuttingDown } from './api/shutting-down.ts';

export type OpsServer = { url: string; close(): Promise<void> };

export async function startOpsServer(options: { port: number; host: string; logger: Logger; operations: Omit<OperationsDeps, 'serveMetricsOpen'> }): Promise<OpsServer> {
  // return503OnClosing off: shutting-down.ts answers a request that reaches the closing listener, as a problem
  const app = Fastify({ loggerInstance: options.logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), return503OnClosing: false });
  answerWhileShuttingDown(app, options.operations.readiness.draining);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    const known = error instanceof Problem ? error : problem('internal', 'The probe failed; see the process log.');
    if (known.status >= 500) request.log.error({ err: error }, 'operations request failed');
    void reply.code(known.status).type('application/problem+json').send(known.body(request.url));
  });
  await app.register(operationsRoutes({ ...options.operations, serveMetricsOpen: true }));
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address() as AddressInfo;
  return { url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`, close: () => app.close() };
}
