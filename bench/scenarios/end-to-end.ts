// End to end: events published through the API (POST /api/v1/events) of a real `postback serve`, fanned out to
// `fanOut` webhooks, delivered durably to the receivers. Open-loop phases at fixed offered rates, then saturation;
// the server's memory is sampled throughout. On SQLite, or on PostgreSQL through DATABASE_URL.
import { join } from 'node:path';
import { ScenarioSkipped } from '../outcome.ts';
import { runPhase } from '../phase.ts';
import type { PhaseResult, PhaseSpec } from '../phase.ts';
import type { Plan } from '../plan.ts';
import { startReadyPostback } from '../postback-setup.ts';
import { hasPostbackSchema } from '../postgres.ts';
import type { Progress } from '../progress.ts';
import type { OpenedReceiver, ReceiverFleet } from '../receiver-fleet.ts';
import { meterCpu } from '../cpu.ts';
import type { CpuReading } from '../cpu.ts';
import { sampleRss } from '../rss.ts';

/** `cpu`: CPU time of the server and of its database's PostgreSQL backends during the phase (cpu.ts). */
export type MeasuredPhase = PhaseResult & { serverRssMb: number; cpu?: CpuReading | null };

export type EndToEndResult = {
  store: 'sqlite' | 'postgres';
  banner: string;
  /** The server's settings beyond the bench's defaults (postback-process.ts). */
  knobs: Record<string, string>;
  webhooks: number;
  concurrency: number;
  phases: MeasuredPhase[];
  /** VmHWM of the server process over the whole scenario. */
  peakRssMb: number;
  rssSeries: [number, number][];
  /** The .cpuprofile written by the server (with --profile). */
  profileFile: string | null;
};

export type EndToEndOptions = {
  store: 'sqlite' | 'postgres';
  plan: Plan;
  fleet: ReceiverFleet;
  receivers: OpenedReceiver[];
  /** PostgreSQL only: a fresh database. */
  databaseUrl?: () => Promise<string>;
  profileDir: string | null;
  progress: Progress;
};

/**
 * The measured phases of a plan: saturation first, on a server that has only the warm-up behind it (a backlog left
 * by an overloaded rate phase would otherwise be what saturation measures), then each offered rate, lowest first.
 * Shared with the pg-boss baseline.
 */
export function phasesOf(plan: Plan, fanOut: number): PhaseSpec[] {
  let firstIndex = 1_000_000;
  const next = (events: number): number => { const index = firstIndex; firstIndex += events; return index; };
  const { events, publishers, maxSeconds } = plan.saturation;
  const saturation: PhaseSpec = { name: 'saturation', rate: null, events, publishers, maxSeconds, fanOut, waitMs: plan.waitMs, quiesceMs: plan.quiesceMs, firstIndex: next(events) };
  const rated = plan.rates.map((rate): PhaseSpec => {
    const count = Math.round(rate * plan.rateSeconds);
    return { name: `${rate} events/s`, rate, events: count, fanOut, waitMs: plan.waitMs, quiesceMs: plan.quiesceMs, firstIndex: next(count) };
  });
  return [saturation, ...rated];
}

export async function runEndToEnd(options: EndToEndOptions): Promise<EndToEndResult> {
  const { plan, fleet, receivers, progress } = options;
  // all `concurrency` slots usable by the `fanOut` webhooks (the default per-webhook cap would leave some idle), so
  // Postback keeps as many requests in flight as the ceiling and the baseline do
  const knobs = { POSTBACK_CONCURRENCY: String(plan.concurrency), POSTBACK_WEBHOOK_CONCURRENCY: String(Math.ceil(plan.concurrency / receivers.length)) };
  const env: Record<string, string> = { ...knobs };
  if (options.store === 'postgres') env.DATABASE_URL = await options.databaseUrl!();
  const profileName = `e2e-${options.store}-${Date.now()}.cpuprofile`;
  progress.stage(`e2e ${options.store}: starting`, 1);
  const ready = await startReadyPostback({
    label: options.store, env, ...(options.profileDir ? { cpuProfile: { dir: options.profileDir, name: profileName } } : {}),
    // a store that ignores DATABASE_URL runs on SQLite and leaves PostgreSQL empty: that is not a PostgreSQL figure
    check: async (server) => {
      if (options.store === 'postgres' && !(await hasPostbackSchema(env.DATABASE_URL!))) {
        throw new ScenarioSkipped(`postback serve ignored DATABASE_URL (it printed "${server.banner}" and created no tables in PostgreSQL): the PostgreSQL store is not wired in yet`);
      }
    },
  }).catch((error: unknown) => {
    if (options.store === 'postgres' && !(error instanceof ScenarioSkipped)) throw new ScenarioSkipped(`postback serve did not start with DATABASE_URL (the PostgreSQL store is not available yet?): ${firstLine(error)}`);
    throw error;
  });
  const rss = sampleRss(ready.server.pid);
  const cpu = meterCpu(ready.server.pid, env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname.slice(1) : null);
  try {
    await ready.addWebhooks(receivers.map((receiver) => receiver.url));
    progress.stage(`e2e ${options.store}: warm-up`, plan.warmupEvents * 2);
    await runPhase({ name: 'warm-up', rate: null, events: plan.warmupEvents, publishers: 16, fanOut: receivers.length, waitMs: plan.waitMs, firstIndex: 0 }, fleet, ready.publisher,
      { progress: (done) => progress.update(done) });
    const phases: MeasuredPhase[] = [];
    for (const spec of phasesOf(plan, receivers.length)) {
      progress.stage(`e2e ${options.store}: ${spec.name}`, spec.events * 2);
      rss.mark();
      cpu.mark();
      const result = await runPhase(spec, fleet, ready.publisher, { progress: (done) => progress.update(done) });
      phases.push({ ...result, serverRssMb: rss.maxSinceMark(), cpu: cpu.sinceMark() });
    }
    const peakRssMb = rss.peakMb();
    return { store: options.store, banner: ready.server.banner, knobs, webhooks: receivers.length, concurrency: plan.concurrency, phases, peakRssMb, rssSeries: rss.samples, profileFile: options.profileDir ? join(options.profileDir, profileName) : null };
  } finally {
    rss.stop();
    // the profile is written as the server exits
    await ready.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ').slice(0, 400);
}
