// How `postback serve` ends. The first SIGTERM starts the drain (POSTBACK_SHUTDOWN_DRAIN, where the process has an API
// port; a SIGINT, Ctrl-C at a terminal, skips it): /readyz answers 503 while requests, deliveries and everything else go on, so that a load balancer
// polling it stops sending traffic here while the port is still open. Then it closes gracefully: in-flight attempts
// get POSTBACK_SHUTDOWN_GRACE, then are aborted and their leases released. Whatever the process is doing (a claim
// waiting on a database that does not answer, a request that never ends), it is gone within the drain, the grace and
// `overrunMs`. A second signal, during the drain or the grace, does not wait at all: attempts are aborted now, leases
// released where the store answers within `haltMs`, and the process exits.
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config, Role } from '../config.ts';

/** Past the grace, how long the rest of a graceful shutdown (releases, closing the store) may take before the process exits anyway. */
export const overrunMs = 3000;
/** After a second signal, how long releasing leases may take before the process exits anyway. */
export const haltMs = 1500;

export type StopSignals = {
  /** Resolves with the first SIGTERM or SIGINT. */
  first: Promise<NodeJS.Signals>;
  /** Resolves with the next one after the first. */
  second: Promise<NodeJS.Signals>;
};

/** Listens from now on, so a signal that arrives while the store opens is not lost. */
export function listenForStopSignals(): StopSignals {
  const received: ((signal: NodeJS.Signals) => void)[] = [];
  const first = new Promise<NodeJS.Signals>((resolve) => received.push(resolve));
  const second = new Promise<NodeJS.Signals>((resolve) => received.push(resolve));
  const onSignal = (signal: NodeJS.Signals) => received.shift()?.(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { first, second };
}

type Closable = { drain(): void; close(): Promise<void>; halt(): Promise<void> };

/**
 * Drains, then closes `server` after the first signal (`signal`); returns the exit code of a graceful close (0). Exits
 * the process itself, never returning, when the close overruns (1) or a second signal forces it (128 + its number).
 */
export async function shutDown(server: Closable, signals: StopSignals, signal: NodeJS.Signals, config: Pick<Config, 'shutdownDrainMs' | 'shutdownGraceMs' | 'role'>, logger: Logger): Promise<number> {
  const graceMs = config.shutdownGraceMs;
  const forced = signals.second.then((second) => ({ signal: second }));
  // a worker has no API port: nothing routes requests to it, so nothing needs to learn that it is going. SIGINT is a
  // person's Ctrl-C at the terminal (`npm start`), not an orchestrator's stop (SIGTERM): no balancer to tell, no wait
  const drainMs = config.role === 'worker' || signal === 'SIGINT' ? 0 : config.shutdownDrainMs;
  if (drainMs > 0) {
    server.drain();
    logger.info({ signal, drainMs, graceMs }, `shutting down: draining for ${drainMs / 1000} s (/readyz answers 503, requests and deliveries go on), then the port closes (a second signal exits at once)`);
    const drained = await Promise.race([sleep(drainMs, 'drained' as const), forced]);
    if (drained !== 'drained') return halt(server, drained.signal, logger);
    logger.info({ drainMs, graceMs }, 'drain over: the port closes; no new claims, finishing in-flight attempts (a second signal exits at once)');
  } else {
    logger.info({ signal, graceMs }, 'shutting down: no new claims, finishing in-flight attempts (a second signal exits at once)');
  }
  const startedAt = performance.now();
  const closed = server.close().then(() => 'closed' as const);
  const overrun = sleep(graceMs + overrunMs, 'overrun' as const, { ref: false });
  const outcome = await Promise.race([closed, forced, overrun]);
  if (outcome === 'closed') {
    const tookMs = Math.round(performance.now() - startedAt);
    logger.info({ tookMs, graceMs }, closedSummary(config.role, tookMs < graceMs));
    // everything is closed; a handle left behind (a socket the database never closed) must not keep the process up
    setTimeout(() => process.exit(0), overrunMs).unref();
    return 0;
  }
  if (outcome === 'overrun') {
    logger.error({ graceMs, overrunMs }, 'shutdown did not finish within the grace: exiting now; unreleased leases expire and other workers take their deliveries');
    process.exit(1);
  }
  return halt(server, outcome.signal, logger);
}

/** The second signal: in-flight attempts aborted, their leases released within `haltMs`, and the process exits. */
async function halt(server: Closable, signal: NodeJS.Signals, logger: Logger): Promise<never> {
  logger.warn({ signal }, 'second signal: aborting in-flight attempts, releasing their leases and exiting now');
  await Promise.race([server.halt(), sleep(haltMs, undefined, { ref: false })]);
  process.exit(128 + (constants.signals[signal] ?? 15));
}

/**
 * The last line of a graceful shutdown. Which attempts finished is read from the clock alone: the dispatcher's stop
 * waits for its in-flight attempts until the grace ends, so a close quicker than the grace means every one finished;
 * a slower one means the grace ran out, and whatever was still in flight then was aborted and its lease released.
 */
function closedSummary(role: Role, withinGrace: boolean): string {
  if (role === 'api') return 'shutdown complete: the API stopped taking requests, and the store is closed';
  const attempts = withinGrace
    ? 'every attempt in flight finished within the grace'
    : 'the grace ran out, so attempts still in flight were aborted and their leases released for another worker to send at once';
  return `shutdown complete: no new ${role === 'worker' ? 'claims' : 'requests or claims'}; ${attempts}; the store is closed`;
}
