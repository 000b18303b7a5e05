// What the HTTP API is built from: the store, the config knobs it reads, and the process's collaborators.
// Its own module so that every route can name it without importing the app that registers the routes.
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { HttpClient } from '../delivery/http-client.ts';
import type { Probe } from '../delivery/probe.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { AddressPolicy } from '../security/ssrf-guard.ts';
import type { PublishResult, Store } from '../store/store.ts';
import type { OperationsDeps } from './operations-routes.ts';

export type ApiDeps = {
  store: Store;
  config: Pick<Config, 'maxEventBytes' | 'tokenTtlMs' | 'retrySchedule' | 'secretOverlapMs' | 'rateLimitPerMinute' | 'sessionTtlMs' | 'loginAttempts' | 'webDir' | 'checkoutDemo' | 'trustedProxies'
    | 'authFailuresPerAddress' | 'authFailuresGlobal' | 'requestTimeoutMs' | 'connectionsPerAddress' | 'attemptDeadlineMs' | 'maxKeptResponseBytes' | 'maxResponseBytes'>;
  logger: Logger;
  /** Hint to a dispatcher in this process that deliveries are due. */
  wake: () => void;
  /** That dispatcher, taking a publish's new deliveries (adoptions.ts); absent without one (an api-only process). */
  adopt?: (published: PublishResult) => void;
  clock: () => number;
  /** The SSRF guard's registration-time URL check (webhook create and change). */
  addressPolicy: Pick<AddressPolicy, 'checkUrl'>;
  /** The guarded outbound client (the dispatcher's), for the one-off replays a developer asks for. */
  outbound: HttpClient;
  /** One GET through the guarded client: the members-area check's "does it answer over https". */
  probe: Probe;
  /** Probes and metrics of this process (operations-routes.ts). */
  operations: Omit<OperationsDeps, 'serveMetricsOpen'>;
  /** THE mailer (password reset links), and the dashboard's address for links. */
  mailer: Pick<Mailer, 'enabled' | 'send'>;
  publicUrl: () => string;
};
