// Wiring for `postback serve`: one store, one HTTP client, the API and/or the dispatcher, as the role says.
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { buildApi } from './api/app.ts';
import type { Api } from './api/app.ts';
import type { Config } from './config.ts';
import { startDispatcher } from './delivery/dispatcher.ts';
import type { Dispatcher } from './delivery/dispatcher.ts';
import { createHttpClient } from './delivery/http-client.ts';
import { createProbe } from './delivery/probe.ts';
import { startRetentionJob } from './delivery/retention-job.ts';
import type { RetentionJob } from './delivery/retention-job.ts';
import { createHeartbeat, createReadiness } from './health/readiness.ts';
import { createLogger } from './logging.ts';
import { createMailer } from './mail/mailer.ts';
import type { Mailer } from './mail/mailer.ts';
import { createMetrics } from './metrics/metrics.ts';
import { startNotifierJob } from './notify/notifier-job.ts';
import type { NotifierJob } from './notify/notifier-job.ts';
import { startOpsServer } from './ops-server.ts';
import type { OpsServer } from './ops-server.ts';
import { createAddressPolicy } from './security/ssrf-guard.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export type RunningServer = {
  /** Base URL of the API, e.g. http://127.0.0.1:8080 (null for a worker-only process). */
  url: string | null;
  /** The API's routes as "METHOD /path" (empty for a worker-only process). */
  routes: string[];
  /** Base URL of the operators' listener (POSTBACK_METRICS_PORT), or null without one. */
  opsUrl: string | null;
  store: Store;
  /** THE mailer of this process (disabled without SMTP_URL). */
  mailer: Mailer;
  /** The drain before close(): /readyz answers not ready from now on, while everything goes on as before. */
  drain(): void;
  close(): Promise<void>;
  /** close(), with the dispatcher's grace cut short: in-flight attempts are aborted now and their leases released. */
  halt(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // the SSRF guard: on by default, only POSTBACK_ALLOW_NETWORKS opens non-public addresses (built first: a bad entry throws before anything opens)
  const addressPolicy = createAddressPolicy(config.allowNetworks);
  // fails closed: an SMTP_URL that cannot send stops start-up with what to fix, before anything is opened
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  await mailer.verify().catch((error: unknown) => { mailer.close(); throw error; });
  const store = await openStore(config, logger);
  const client = createHttpClient({ connections: config.concurrency, checkAddress: addressPolicy.checkAddress });
  const clock = Date.now;
  const metrics = createMetrics({ store, clock, role: config.role });
  const heartbeat = config.role === 'api' ? null : createHeartbeat(clock());
  // the loop turns at least every poll interval; a failing store backs off up to 30 s before it turns again
  const readiness = createReadiness({ store, heartbeat, clock, staleAfterMs: Math.max(60_000, 5 * config.pollIntervalMs), databaseTimeoutMs: 2000 });
  const operations = { readiness, metrics, role: config.role, metricsToken: config.metricsToken };
  const observer = { ...metrics.dispatcher, turned: (now: number) => heartbeat?.turned(now) };
  const dispatcher: Dispatcher | null = config.role === 'api' ? null : startDispatcher({ store, client, config, logger: logger.child({ role: 'dispatcher' }), clock, observer });
  // deliveries made due by other processes (PostgreSQL NOTIFY) wake this dispatcher; without it, it polls
  const stopListening = dispatcher ? store.onDue?.(() => dispatcher.wake()) : undefined;
  const retention: RetentionJob | null = config.role === 'api' ? null : startRetentionJob({ store, config, logger: logger.child({ role: 'retention' }), clock });
  // the dashboard's address for links in mail: the knob, else this API's own address once it listens
  const publicUrl = () => config.publicUrl || url || `http://${config.host}:${config.port}`;
  const notifier: NotifierJob | null = config.role === 'api' ? null : startNotifierJob({
    store, mailer, client, publicUrl, pollIntervalMs: config.pollIntervalMs, deadlineMs: config.attemptDeadlineMs, logger: logger.child({ role: 'notifier' }), clock, count: metrics.notices,
  });
  let api: Api | null = null;
  let ops: OpsServer | null = null;
  let url: string | null = null;
  let closing: Promise<void> | null = null;
  // close() runs every step even when one fails. The API (no new work), the retention job and the dispatcher (finish
  // or release within its grace) stop side by side, so a request or a purge waiting on a slow database cannot eat the
  // dispatcher's grace; then the I/O they all used.
  const close = () => {
    closing ??= (async () => {
      const run = (step: () => unknown) => Promise.resolve().then(step).catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
      await Promise.all([() => ops?.close(), () => api?.app.close(), () => stopListening?.(), () => retention?.stop(), () => notifier?.stop(), () => dispatcher?.stop()].map(run));
      for (const step of [() => mailer.close(), () => client.close(), () => store.close()]) await run(step);
    })();
    return closing;
  };
  try {
    if (config.role !== 'worker') {
      // the members-area check's probe shares the guarded client (and its SSRF check) and the attempt deadline
      const probe = createProbe(client, config.attemptDeadlineMs);
      api = await buildApi({ store, config, logger, wake: () => dispatcher?.wake(), adopt: dispatcher?.adopt, clock, addressPolicy, probe, outbound: client, operations, mailer, publicUrl });
      await api.app.listen({ port: config.port, host: config.host });
      const address = api.app.server.address() as AddressInfo;
      url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    }
    if (config.metricsPort !== null) ops = await startOpsServer({ port: config.metricsPort, host: config.host, logger, operations });
  } catch (error) {
    // e.g. a port is taken: what was started (dispatcher, store connections) is stopped before the error surfaces
    await close();
    throw error;
  }
  const halt = () => {
    void dispatcher?.halt();
    return close();
  };
  return { url, routes: api?.routes ?? [], opsUrl: ops?.url ?? null, store, mailer, drain: readiness.drain, close, halt, [Symbol.asyncDispose]: close };
}
