// Scale-out: one PostgreSQL, one publisher (`postback serve --role api`), and 1, 2 then 4 worker processes
// (`--role worker`), each count on a fresh database. Two measurements per count:
// - drain: a backlog of pending deliveries built with no worker running, then drained by the workers alone
//   (what the workers do when nothing else competes for the CPU);
// - saturation: closed-loop publishing through the API while the workers deliver (ingest and delivery together).
// Every process's peak RSS is kept. On a 2-core machine the workers, the API, PostgreSQL, the receivers and the
// bench share two cores: the figures say how deliveries/s grow (or not) with processes on THIS machine.
import { setTimeout as sleep } from 'node:timers/promises';
import { preciseNow } from '../clock.ts';
import { runPhase } from '../phase.ts';
import type { PhaseResult } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { startPostback } from '../postback-process.ts';
import type { PostbackProcess } from '../postback-process.ts';
import { startReadyPostback } from '../postback-setup.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { sampleRss } from '../rss.ts';
import type { RssSampler } from '../rss.ts';
import { publishAll } from './backlog.ts';

export type ScaleOutRun = {
  workers: number;
  /** Pending deliveries built with no worker running. */
  backlog: number;
  delivered: number;
  drainSeconds: number;
  drainDeliveriesPerS: number;
  saturation: Pick<PhaseResult, 'deliveriesPerS' | 'publishedEventsPerS' | 'latencyMs' | 'delivered' | 'expectedDeliveries'>;
  /** VmHWM of each worker, and of the API process, over the whole run. */
  workerPeakRssMb: number[];
  apiPeakRssMb: number;
};

export type ScaleOutResult = {
  webhooks: number;
  /** POSTBACK_CONCURRENCY and POSTBACK_DATABASE_POOL of every process. */
  concurrency: number;
  databasePool: number;
  runs: ScaleOutRun[];
};

export type ScaleOutOptions = { plan: Plan; fleet: ReceiverFleet; receivers: OpenedReceiver[]; databaseUrl: () => Promise<string>; progress: Progress };

export async function runScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const { plan } = options;
  const receivers = options.receivers.slice(0, plan.fanOut);
  const runs: ScaleOutRun[] = [];
  for (const workers of plan.scaleOut.workers) runs.push(await runWithWorkers(workers, receivers, options));
  return { webhooks: receivers.length, concurrency: plan.concurrency, databasePool: plan.scaleOut.databasePool, runs };
}

async function runWithWorkers(count: number, receivers: OpenedReceiver[], options: ScaleOutOptions): Promise<ScaleOutRun> {
  const { plan, fleet, progress } = options;
  const { backlog, publishers, buildMaxMs, drainMaxMs, saturation } = plan.scaleOut;
  const env = {
    DATABASE_URL: await options.databaseUrl(), POSTBACK_CONCURRENCY: String(plan.concurrency), POSTBACK_DATABASE_POOL: String(plan.scaleOut.databasePool),
    // the per-webhook cap holds across ALL workers: sized so that every worker's slots are usable by the few webhooks
    // (as in the end-to-end runs for one process), else N workers would share one worker's 64 attempts in flight
    POSTBACK_WEBHOOK_CONCURRENCY: String(Math.ceil((plan.concurrency * count) / receivers.length)),
  };
  progress.stage(`scale-out ×${count}: starting the API`, 1);
  const api = await startReadyPostback({ label: `scaleout-${count}`, env, role: 'api' });
  const apiRss = sampleRss(api.server.pid, 500);
  const workers: { process: PostbackProcess; rss: RssSampler }[] = [];
  try {
    await api.addWebhooks(receivers.map((receiver) => receiver.url));
    const events = Math.ceil(backlog / receivers.length);
    progress.stage(`scale-out ×${count}: publishing ${events * receivers.length} deliveries`, events);
    const built = await publishAll(events, publishers, buildMaxMs, api.publisher.publish, (done) => progress.update(done));
    const pending = built.events * receivers.length;
    await fleet.reset('count');
    progress.stage(`scale-out ×${count}: ${count} worker(s) draining ${pending}`, pending);
    // started together: the drain clock is the receivers' first and last arrival, whoever starts first
    const started = await Promise.allSettled(Array.from({ length: count }, () => startPostback({ env: api.env, role: 'worker' })));
    for (const result of started) if (result.status === 'fulfilled') workers.push({ process: result.value, rss: sampleRss(result.value.pid, 500) });
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const drain = await drained(fleet, pending, drainMaxMs, (done) => progress.update(done));
    progress.stage(`scale-out ×${count}: saturation`, saturation.events * 2);
    const phase = await runPhase({ name: 'saturation', rate: null, ...saturation, fanOut: receivers.length, waitMs: plan.waitMs, firstIndex: 1_000_000 }, fleet, api.publisher,
      { progress: (done) => progress.update(done) });
    return {
      workers: count, backlog: pending, ...drain,
      saturation: { deliveriesPerS: phase.deliveriesPerS, publishedEventsPerS: phase.publishedEventsPerS, latencyMs: phase.latencyMs, delivered: phase.delivered, expectedDeliveries: phase.expectedDeliveries },
      workerPeakRssMb: workers.map((worker) => worker.rss.peakMb()), apiPeakRssMb: apiRss.peakMb(),
    };
  } finally {
    for (const worker of workers) worker.rss.stop();
    apiRss.stop();
    await Promise.all(workers.map((worker) => worker.process.stop()));
    // the measurement (or its error) is what counts: a slow tear-down must not replace it
    await api.close().catch(() => {});
  }
}

/** Waits until the receivers counted `pending` arrivals (or `maxMs`); the rate runs from the first arrival to the last. */
async function drained(fleet: ReceiverFleet, pending: number, maxMs: number, progress: (done: number) => void): Promise<Pick<ScaleOutRun, 'delivered' | 'drainSeconds' | 'drainDeliveriesPerS'>> {
  const started = preciseNow();
  for (let count = 0; count < pending && preciseNow() - started < maxMs;) {
    await sleep(100);
    count = (await fleet.stats()).count;
    progress(count);
  }
  const { count, first, last } = await fleet.stats();
  const seconds = Math.max(0.001, (last - first) / 1000);
  return { delivered: count, drainSeconds: seconds, drainDeliveriesPerS: count / seconds };
}
