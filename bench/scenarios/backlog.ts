// Backlog: N pending deliveries built with the dispatcher off (`postback serve --role api`: publish through the
// API, fanned out to many webhooks), then ONE worker (`--role worker`) drains them. Reports the build and drain
// rates and the worker's memory over the drain: it must stay flat, whatever the number of pending rows.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { preciseNow } from '../clock.ts';
import { publishBody } from '../payload.ts';
import type { Plan } from '../plan.ts';
import { startPostback } from '../postback-process.ts';
import { startReadyPostback } from '../postback-setup.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { sampleRss } from '../rss.ts';

export type BacklogResult = {
  webhooks: number;
  /** Pending deliveries built (events x webhooks). */
  deliveries: number;
  buildSeconds: number;
  /** Deliveries made pending per second while building (publish through the API, dispatcher off). */
  buildDeliveriesPerS: number;
  delivered: number;
  drainSeconds: number;
  drainDeliveriesPerS: number;
  /** VmHWM of the worker over the drain. */
  peakRssMb: number;
  /** RSS when 10 % and 90 % of the backlog had drained: equal when memory is flat. */
  rssAt10PercentMb: number;
  rssAt90PercentMb: number;
  /** Size of the SQLite files once drained (what 1M deliveries and their attempts take on disk). */
  databaseMb: number | null;
  /** [seconds since the worker started, deliveries so far, worker RSS MB]. */
  series: [number, number, number][];
};

export type BacklogOptions = { plan: Plan; fleet: ReceiverFleet; receivers: OpenedReceiver[]; progress: Progress };

export async function runBacklog(options: BacklogOptions): Promise<BacklogResult> {
  const { plan, fleet, progress } = options;
  const receivers = options.receivers.slice(0, plan.backlog.webhooks);
  const events = Math.ceil(plan.backlog.deliveries / receivers.length);
  progress.stage('backlog: starting the API (no dispatcher)', 1);
  const env = { POSTBACK_CONCURRENCY: String(plan.concurrency) };
  const api = await startReadyPostback({ label: 'backlog', env, role: 'api' });
  let built: { events: number; seconds: number };
  try {
    await api.addWebhooks(receivers.map((receiver) => receiver.url));
    progress.stage(`backlog: publishing ${events * receivers.length} deliveries`, events);
    built = await publishAll(events, plan.backlog.publishers, plan.backlog.buildMaxMs, api.publisher.publish, (done) => progress.update(done));
    await api.server.stop();
  } catch (error) {
    await api.close();
    throw error;
  }
  const deliveries = built.events * receivers.length;
  await fleet.reset('count');
  progress.stage(`backlog: draining ${deliveries}`, deliveries);
  const worker = await startPostback({ env: api.env, role: 'worker' });
  const rss = sampleRss(worker.pid, 500);
  const series: [number, number, number][] = [];
  const started = preciseNow();
  try {
    let delivered = 0;
    while (delivered < deliveries && preciseNow() - started < plan.backlog.drainMaxMs) {
      await sleep(plan.quick ? 100 : 500);
      delivered = (await fleet.stats()).count;
      series.push([Math.round(preciseNow() - started) / 1000, delivered, rss.samples.at(-1)?.[1] ?? Number.NaN]);
      progress.update(delivered);
    }
    const { count, first, last } = await fleet.stats();
    const rssWhen = (fraction: number): number => series.find((point) => point[1] >= fraction * deliveries)?.[2] ?? Number.NaN;
    return {
      webhooks: receivers.length, deliveries, buildSeconds: built.seconds, buildDeliveriesPerS: deliveries / built.seconds,
      delivered: count, drainSeconds: (last - first) / 1000, drainDeliveriesPerS: count / Math.max(0.001, (last - first) / 1000),
      peakRssMb: rss.peakMb(), rssAt10PercentMb: rssWhen(0.1), rssAt90PercentMb: rssWhen(0.9), databaseMb: sizeMb(api.dataDir), series,
    };
  } finally {
    rss.stop();
    await worker.stop();
    await api.close();
  }
}

/** Closed-loop publishing of `events` events (stops early after `maxMs`); returns how many were accepted. */
export async function publishAll(events: number, publishers: number, maxMs: number, publish: (body: string) => Promise<number>, progress: (done: number) => void): Promise<{ events: number; seconds: number }> {
  const started = preciseNow();
  let next = 0;
  let accepted = 0;
  const worker = async (): Promise<void> => {
    while (next < events && preciseNow() - started < maxMs) {
      const index = next++;
      const status = await publish(publishBody(randomUUID(), 10_000_000 + index));
      // fails loudly: a backlog with holes would make the drain figure a guess
      if (status !== 202) throw new Error(`publishing the backlog: event ${index} answered ${status}`);
      accepted++;
      if (accepted % 100 === 0) progress(accepted);
    }
  };
  await Promise.all(Array.from({ length: publishers }, worker));
  return { events: accepted, seconds: (preciseNow() - started) / 1000 };
}

function sizeMb(dir: string): number | null {
  const du = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
  const kb = Number(du.stdout?.split('\t')[0]);
  return Number.isFinite(kb) && du.status === 0 ? Math.round(kb / 1024) : null;
}
