// The retention job of a worker process: every POSTBACK_RETENTION_INTERVAL, purges history older than
// POSTBACK_RETENTION in small batches with a pause between them, so the dispatcher's writes never queue behind
// one long delete. Several workers may run it at once: each batch skips rows another purge holds.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Store } from '../store/store.ts';

export type RetentionDeps = {
  store: Pick<Store, 'purgeHistory'>;
  config: Pick<Config, 'retentionMs' | 'retentionIntervalMs'>;
  logger: Logger;
  clock: () => number;
  /** Rows per statement: 1,000 keeps each delete to milliseconds, so no delivery waits on it noticeably. */
  batchSize?: number;
  /** Pause between batches, when the store gets its other writers' turn. */
  pauseMs?: number;
};

export type RetentionJob = {
  /** Runs one purge now (the interval's work); resolves with the rows removed. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export function startRetentionJob(deps: RetentionDeps): RetentionJob {
  const { store, config, logger, clock } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const pauseMs = deps.pauseMs ?? 100;
  const stopping = new AbortController();

  async function runOnce(): Promise<number> {
    const before = clock() - config.retentionMs;
    let removed = 0;
    while (!stopping.signal.aborted) {
      const batch = await store.purgeHistory(before, batchSize);
      removed += batch;
      if (batch === 0) break;
      await sleep(pauseMs, undefined, { signal: stopping.signal }).catch(() => {});
    }
    if (removed > 0) logger.info({ removed, before: new Date(before).toISOString() }, 'retention: purged delivery history older than POSTBACK_RETENTION');
    return removed;
  }

  async function loop(): Promise<void> {
    // the first run a minute after start-up (or sooner with a shorter interval): start-up stays quick, and a process
    // that restarts often still purges
    let waitMs = Math.min(config.retentionIntervalMs, 60_000);
    for (;;) {
      await sleep(waitMs, undefined, { signal: stopping.signal, ref: false }).catch(() => {});
      if (stopping.signal.aborted) return;
      // fails open: a failed purge keeps history longer, never touches deliveries; the next interval tries again
      await runOnce().catch((error: unknown) => logger.error({ err: error }, 'retention purge failed; retrying at the next interval'));
      waitMs = config.retentionIntervalMs;
    }
  }

  const running = loop();
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => { stopping.abort(); await running; })();
    return stopped;
  };
  return { runOnce, stop, [Symbol.asyncDispose]: stop };
}
