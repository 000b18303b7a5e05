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
import { createLogger } from './logging.ts';
import { createAddressPolicy } from './security/ssrf-guard.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export type RunningServer = {
  /** Base URL of the API, e.g. http://127.0.0.1:8080 (null for a worker-only process). */
  url: string | null;
  /** The API's routes as "METHOD /path" (empty for a worker-only process). */
  routes: string[];
  store: Store;
  close(): Promise<void>;
  /** close(), with the dispatcher's grace cut short: in-flight attempts are aborted now and their leases released. */
  halt(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // the SSRF guard: on by default, only POSTBACK_ALLOW_NETWORKS opens non-public addresses (built first: a bad entry throws before anything opens)
  const addressPolicy = createAddressPolicy(config.allowNetworks);
  const store = await openStore(config, logger);
  const client = createHttpClient({ connections: config.concurrency, checkAddress: addressPolicy.checkAddress });
  const clock = Date.now;
  const dispatcher: Dispatcher | null = config.role === 'api' ? null : startDispatcher({ store, client, config, logger: logger.child({ role: 'dispatcher' }), clock });
  // deliveries made due by other processes (PostgreSQL NOTIFY) wake this dispatcher; without it, it polls
  const stopListening = dispatcher ? store.onDue?.(() => dispatcher.wake()) : undefined;
  const retention: RetentionJob | null = config.role === 'api' ? null : startRetentionJob({ store, config, logger: logger.child({ role: 'retention' }), clock });
  let api: Api | null = null;
  let url: string | null = null;
  let closing: Promise<void> | null = null;
  // close() runs every step even when one fails. The API (no new work), the retention job and the dispatcher (finish
  // or release within its grace) stop side by side, so a request or a purge waiting on a slow database cannot eat the
  // dispatcher's grace; then the I/O they all used.
  const close = () => {
    closing ??= (async () => {
      const run = (step: () => unknown) => Promise.resolve().then(step).catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
      await Promise.all([() => api?.app.close(), () => stopListening?.(), () => retention?.stop(), () => dispatcher?.stop()].map(run));
      for (const step of [() => client.close(), () => store.close()]) await run(step);
    })();
    return closing;
  };
  if (config.role !== 'worker') {
    try {
      // the members-area check's probe shares the guarded client (and its SSRF check) and the attempt deadline
      const probe = createProbe(client, config.attemptDeadlineMs);
      api = await buildApi({ store, config, logger, wake: () => dispatcher?.wake(), offer: (accountId) => dispatcher?.offer(accountId) ?? null, clock, addressPolicy, probe });
      await api.app.listen({ port: config.port, host: config.host });
    } catch (error) {
      // e.g. the port is taken: what was started (dispatcher, store connections) is stopped before the error surfaces
      await close();
      throw error;
    }
    const address = api.app.server.address() as AddressInfo;
    url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  }
  const halt = () => {
    void dispatcher?.halt();
    return close();
  };
  return { url, routes: api?.routes ?? [], store, close, halt, [Symbol.asyncDispose]: close };
}
