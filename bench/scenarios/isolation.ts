// Isolation: the same healthy webhooks measured twice on one SQLite server, once with every webhook healthy and
// once with 20 % of the webhooks on receivers that never answer (each attempt ends at POSTBACK_ATTEMPT_DEADLINE).
// The figure is what the healthy webhooks keep: their deliveries/s and p99 in the second run against the first.
import { deleteWebhooks } from '../api-client.ts';
import { runPhase } from '../phase.ts';
import type { PhaseResult } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { startReadyPostback } from '../postback-setup.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';

export type IsolationResult = {
  webhooks: number;
  hanging: number;
  attemptDeadline: string;
  /** Offered events/s in both runs: half of what the SQLite end-to-end run sustained, so the healthy run has room. */
  offeredEventsPerS: number;
  allHealthy: PhaseResult;
  withHanging: PhaseResult;
  /** Healthy webhooks' deliveries/s with hanging ones, over the same without. */
  throughputKept: number;
};

export type IsolationOptions = { plan: Plan; fleet: ReceiverFleet; healthy: OpenedReceiver[]; hanging: OpenedReceiver[]; rate: number; progress: Progress };

export async function runIsolation(options: IsolationOptions): Promise<IsolationResult> {
  const { plan, fleet, progress } = options;
  const { webhooks, hanging: hangingCount, seconds, waitMs, deadline } = plan.isolation;
  const healthy = options.healthy.slice(0, webhooks - hangingCount);
  const allHealthy = options.healthy.slice(0, webhooks);
  const hanging = options.hanging.slice(0, hangingCount);
  if (allHealthy.length < webhooks || hanging.length < hangingCount) throw new Error('not enough receivers opened for the isolation scenario');
  progress.stage('isolation: starting', 1);
  const ready = await startReadyPostback({
    label: 'isolation',
    env: {
      POSTBACK_CONCURRENCY: String(plan.concurrency), POSTBACK_ATTEMPT_DEADLINE: deadline, POSTBACK_LEASE: '30s',
      // one attempt within the run: a retry of a hung delivery 30 s later would only blur the second run's tail
      POSTBACK_RETRY_SCHEDULE: '0,10m',
    },
  });
  try {
    const counted = new Set(healthy.map((receiver) => receiver.index));
    const events = Math.max(1, Math.round(options.rate * seconds));
    const spec = (name: string, firstIndex: number) => ({
      name, rate: options.rate, events, fanOut: webhooks, counted: (receiver: number) => counted.has(receiver), countedFanOut: healthy.length, waitMs, firstIndex,
    });
    let ids = await ready.addWebhooks(allHealthy.map((receiver) => receiver.url));
    progress.stage('isolation: all healthy', events * 2);
    const before = await runPhase(spec('all healthy', 5_000_000), fleet, ready.publisher, { progress: (done) => progress.update(done) });
    await deleteWebhooks(ready.server.url!, ready.token, ids);
    ids = await ready.addWebhooks([...healthy, ...hanging].map((receiver) => receiver.url));
    progress.stage(`isolation: ${hangingCount} of ${webhooks} hanging`, events * 2);
    const after = await runPhase(spec(`${hangingCount} of ${webhooks} webhooks hanging`, 6_000_000), fleet, ready.publisher, { progress: (done) => progress.update(done) });
    return {
      webhooks, hanging: hangingCount, attemptDeadline: deadline, offeredEventsPerS: options.rate,
      allHealthy: before, withHanging: after, throughputKept: after.deliveriesPerS / before.deliveriesPerS,
    };
  } finally {
    await ready.close();
  }
}
