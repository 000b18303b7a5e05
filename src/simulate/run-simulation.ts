// Plays a traffic plan against a running Postback through its public API, at a steady rate.
import type { Journey, Step } from './traffic-plan.ts';

export type SimulationTarget = { baseUrl: string; token: string };
export type SimulationReport = { steps: number; failed: number; byKind: Record<string, number>; failures: string[] };

/** Runs journeys interleaved (each journey's steps in order) at `rate` steps per second, at most `parallel` at once. */
export async function runSimulation(target: SimulationTarget, journeys: Journey[], rate: number, onStep: (done: number, total: number) => void, parallel = 16): Promise<SimulationReport> {
  const queue = journeys.map((steps) => ({ steps: [...steps] })).filter((journey) => journey.steps.length > 0);
  const total = journeys.reduce((sum, steps) => sum + steps.length, 0);
  const report: SimulationReport = { steps: 0, failed: 0, byKind: {}, failures: [] };
  const interval = 1000 / rate;
  const started = performance.now();
  let issued = 0;
  const worker = async () => {
    for (let journey = queue.shift(); journey; journey = queue.shift()) {
      const step = journey.steps.shift()!;
      // open-loop pacing: step n starts no earlier than n / rate seconds after the start
      const due = started + issued++ * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const error = await play(target, step);
      report.steps++;
      const kind = step.kind === 'event' ? step.event : `${step.kind}:${step.status}`;
      report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
      if (error) { report.failed++; if (report.failures.length < 10) report.failures.push(`${kind}: ${error}`); }
      onStep(report.steps, total);
      // a journey whose step failed stops there: its next steps would only be refused
      if (!error && journey.steps.length > 0) queue.push(journey);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return report;
}

async function play(target: SimulationTarget, step: Step): Promise<string | null> {
  const [path, body] = step.kind === 'create' ? ['/api/v1/purchases', { status: step.status, data: step.data }]
    : step.kind === 'move' ? [`/api/v1/purchases/${step.transaction}/status`, { status: step.status, ...(step.purchase ? { purchase: step.purchase } : {}) }]
    : ['/api/v1/events', { event: step.event, data: step.data }];
  try {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method: 'POST', headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if (response.ok) { await response.body?.cancel(); return null; }
    const problem = await response.json().catch(() => ({})) as { detail?: string };
    return `${response.status} ${problem.detail ?? ''}`.trim();
  } catch (error) {
    return (error as Error).message;
  }
}
