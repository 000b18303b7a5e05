// The DIY baseline: baseline/pgboss-sender.ts (pg-boss 12.0.0 + undici) as its own process, on a fresh database of
// the same PostgreSQL, posting to the same receivers, driven by the same phases as the end-to-end scenario.
import { spawn } from 'node:child_process';
import { createPublisher } from '../api-client.ts';
import { runPhase } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { postbackEnv, projectRoot, trackChild } from '../postback-process.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { sampleRss } from '../rss.ts';
import { phasesOf } from './end-to-end.ts';
import type { MeasuredPhase } from './end-to-end.ts';

export type BaselineResult = { queue: string; webhooks: number; concurrency: number; phases: MeasuredPhase[]; peakRssMb: number; rssSeries: [number, number][] };

export type BaselineOptions = { plan: Plan; fleet: ReceiverFleet; receivers: OpenedReceiver[]; databaseUrl: () => Promise<string>; progress: Progress };

export async function runPgBossBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const { plan, fleet, receivers, progress } = options;
  progress.stage('pg-boss baseline: starting', 1);
  const env = { DATABASE_URL: await options.databaseUrl(), BASELINE_URLS: receivers.map((receiver) => receiver.url).join(','), BASELINE_CONCURRENCY: String(plan.concurrency) };
  const child = spawn(process.execPath, ['bench/baseline/pgboss-sender.ts'], { cwd: projectRoot, env: postbackEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output = (output + chunk).slice(-5000); });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the pg-boss sender was not ready within 30 s: ${output}`)), 30_000);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const ready = /READY (http:\/\/\S+)/.exec(chunk)?.[1];
        if (ready) { clearTimeout(timer); resolve(ready); }
      });
      void exited.then(() => { clearTimeout(timer); reject(new Error(`the pg-boss sender exited before it was ready: ${output}`)); });
    });
    const rss = sampleRss(child.pid!);
    const publisher = createPublisher(url, '/events', {});
    try {
      progress.stage('pg-boss baseline: warm-up', plan.warmupEvents * 2);
      await runPhase({ name: 'warm-up', rate: null, events: plan.warmupEvents, publishers: 16, fanOut: receivers.length, waitMs: plan.waitMs, firstIndex: 0 }, fleet, publisher,
        { progress: (done) => progress.update(done) });
      const phases: MeasuredPhase[] = [];
      for (const spec of phasesOf(plan, receivers.length)) {
        progress.stage(`pg-boss baseline: ${spec.name}`, spec.events * 2);
        rss.mark();
        const result = await runPhase(spec, fleet, publisher, { progress: (done) => progress.update(done) });
        phases.push({ ...result, serverRssMb: rss.maxSinceMark() });
      }
      return { queue: 'pg-boss 12.0.0', webhooks: receivers.length, concurrency: plan.concurrency, phases, peakRssMb: rss.peakMb(), rssSeries: rss.samples };
    } finally {
      rss.stop();
      await publisher.close();
    }
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
