// Isolation: the same healthy webhooks measured twice on one SQLite server, once with every webhook healthy and
// once with 20 % of the webhooks on receivers that never answer (each attempt ends at POSTBACK_ATTEMPT_DEADLINE).
// The figure is what the healthy webhooks keep: their deliveries/s and p99 in the second run against the first.
// Then the same between tenants (tenant-isolation.ts): another account's p99 beside an account whose webhooks hang.
import { deleteWebhooks } from '../api-client.ts';
import { runPhase } from '../phase.ts';
import type { PhaseResult } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { startReadyPostback } from '../postback-setup.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { runTenantIsolation } from './tenant-isolation.ts';
import type { TenantRun } from './tenant-isolation.ts';

export type IsolationResult = {
  webhooks: number;
  hanging: number;
  attemptDeadline: string;
  /**
   * Offered events/s in both runs. Fixed, and high enough that hung attempts alone would need more slots than the
   * dispatcher has (hanging webhooks x rate x deadline > POSTBACK_CONCURRENCY: 2 x 50/s x 2 s = 200 > 64), so the
   * run shows whether a slow receiver can take the slots of the healthy ones.
   */
  offeredEventsPerS: number;
  allHealthy: PhaseResult;
  withHanging: PhaseResult;
  /** Healthy webhooks' deliveries/s with hanging ones, over the same without. */
  throughputKept: number;
  tenants: TenantRun[];
};

export type IsolationOptions = { plan: Plan; fleet: ReceiverFleet; healthy: OpenedReceiver[]; hanging: OpenedReceiver[]; progress: Progress };

export async function runIsolation(options: IsolationOptions): Promise<IsolationResult> {
  const { plan, fleet, progress } = options;
  const { webhooks, hanging: hangingCount, rate, seconds, waitMs, deadline } = plan.isolation;
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
      // hung attempts are in flight at the end; there is nothing to finish gracefully
      POSTBACK_SHUTDOWN_GRACE: '0s',
    },
  });
  try {
    const counted = new Set(healthy.map((receiver) => receiver.index));
    const events = Math.max(1, Math.round(rate * seconds));
    const spec = (name: string, firstIndex: number) => ({
      name, rate, events, fanOut: webhooks, counted: (receiver: number) => counted.has(receiver), countedFanOut: healthy.length, waitMs, quiesceMs: plan.quiesceMs, firstIndex,
    });
    let ids = await ready.addWebhooks(allHealthy.map((receiver) => receiver.url));
    progress.stage('isolation: all healthy', events * 2);
    const before = await runPhase(spec('all healthy', 5_000_000), fleet, ready.publisher, { progress: (done) => progress.update(done) });
    await deleteWebhooks(ready.server.url!, ready.token, ids);
    ids = await ready.addWebhooks([...healthy, ...hanging].map((receiver) => receiver.url));
    progress.stage(`isolation: ${hangingCount} of ${webhooks} hanging`, events * 2);
    const after = await runPhase(spec(`${hangingCount} of ${webhooks} webhooks hanging`, 6_000_000), fleet, ready.publisher, { progress: (done) => progress.update(done) });
    return {
      webhooks, hanging: hangingCount, attemptDeadline: deadline, offeredEventsPerS: rate,
      allHealthy: before, withHanging: after, throughputKept: after.deliveriesPerS / before.deliveriesPerS, tenants: [],
    };
  } finally {
    await ready.close();
  }
}

/** The hanging-webhooks run, then the tenants' runs, each on a server of its own. */
export async function runIsolationScenarios(options: IsolationOptions): Promise<IsolationResult> {
  const result = await runIsolation(options);
  for (const hanging of options.plan.isolation.tenants) {
    result.tenants.push(await runTenantIsolation({ ...options, hang: options.hanging[0]! }, hanging));
  }
  return result;
}
