// Plays a traffic plan against a running Postback through its public API, at a steady rate. The plan is drawn as it is
// played, so only the journeys in play are in memory; a 429 is waited out and a 401 renews the token, each followed by
// the same step, so a long run keeps going past the server's rate limit and its token's lifetime.
import { createPacer } from './pacer.ts';
import type { Pacer } from './pacer.ts';
import { playStep } from './play-step.ts';
import type { StepOutcome } from './play-step.ts';
import { tokenSource } from './token-source.ts';
import type { TokenSource } from './token-source.ts';
import type { Journey, Step } from './traffic-plan.ts';

/** `basic` (the account's Basic value) lets the run get a new token when this one expires. */
export type SimulationTarget = { baseUrl: string; token: string; basic?: string };

export type SimulationReport = {
  /** Journeys of the plan begun, and ended (every step sent, or stopped at a failed one). */
  journeys: { begun: number; ended: number };
  /** Steps sent, and how many of them failed. */
  steps: number;
  failed: number;
  /** Steps never sent: an earlier step of their journey failed (its next ones would only be refused), or the run was interrupted. */
  skipped: number;
  /** 429 answers waited out (their Retry-After), each followed by the same step again. */
  rateLimited: number;
  byKind: Record<string, number>;
  /** The first `failuresKept` failures; `failed` counts them all. */
  failures: string[];
  /** The signal stopped the run before the plan's end. */
  interrupted: boolean;
};

export type SimulationOptions = {
  /** Journeys in play at once, each at one step: about this many are held in memory. */
  parallel?: number;
  /** Aborted: no new step starts (nor a wait for the rate limit goes on); the steps in flight finish, and the report says what was sent. */
  signal?: AbortSignal;
};

const failuresKept = 10;
/** A step refused this many times in a row for the rate limit fails: a limit that never lets it through is not a rate limit. */
const rateLimitedTries = 10;
/** The longest wait for one Retry-After: Postback's window is a minute, so its own never asks for more. */
const longestWaitMs = 120_000;

/** Runs journeys interleaved (each journey's steps in order) at `rate` steps per second; `onStep` hears the report after each step. */
export async function runSimulation(target: SimulationTarget, journeys: Iterable<Journey>, rate: number, onStep: (report: SimulationReport) => void, options: SimulationOptions = {}): Promise<SimulationReport> {
  const { parallel = 16, signal = new AbortController().signal } = options;
  const report: SimulationReport = { journeys: { begun: 0, ended: 0 }, steps: 0, failed: 0, skipped: 0, rateLimited: 0, byKind: {}, failures: [], interrupted: false };
  const plan = journeys[Symbol.iterator]();
  const send = sender(target.baseUrl, tokenSource(target), createPacer(rate), report, signal);
  // the journeys in play, each at its next step; a new one is drawn only when none waits
  const waiting: { steps: Step[]; at: number }[] = [];
  let exhausted = false;
  const take = () => {
    const queued = waiting.shift();
    if (queued || signal.aborted) return queued;
    const next = plan.next();
    if (next.done) { exhausted = true; return undefined; }
    report.journeys.begun++;
    return { steps: next.value, at: 0 };
  };
  const stop = (journey: { steps: Step[]; at: number }) => { report.skipped += journey.steps.length - journey.at; report.journeys.ended++; };
  const worker = async () => {
    for (let journey = take(); journey; journey = take()) {
      const step = journey.steps[journey.at]!;
      const outcome = signal.aborted ? 'aborted' : await send(step);
      if (outcome === 'aborted') { report.interrupted = true; stop(journey); continue; }
      journey.at++;
      record(report, step, outcome);
      onStep(report);
      // a journey whose step failed stops there: its next steps would only be refused
      if (outcome.kind !== 'sent' || journey.at === journey.steps.length) stop(journey);
      else waiting.push(journey);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  // journeys left undrawn (or cut short above): stopped before the plan's end
  if (signal.aborted && !exhausted && !plan.next().done) report.interrupted = true;
  return report;
}

/** Sends one step: paced, again after each 429 (once its Retry-After has passed), and again once after a 401 with a new token. */
function sender(baseUrl: string, tokens: TokenSource, pacer: Pacer, report: SimulationReport, signal: AbortSignal) {
  return async (step: Step): Promise<StepOutcome | 'aborted'> => {
    let renewed = false;
    for (let refused = 0; ;) {
      if (!(await pacer.next(signal))) return 'aborted';
      const token = tokens.current();
      const outcome = await playStep(baseUrl, token, step);
      if (outcome.kind === 'rate_limited' && ++refused < rateLimitedTries) {
        report.rateLimited++;
        pacer.pauseUntil(performance.now() + Math.min(outcome.retryAfterMs, longestWaitMs));
        continue;
      }
      // a 401 refused the request before anything was done: sending it again cannot do it twice
      if (outcome.kind === 'unauthorized' && !renewed) {
        renewed = true;
        try {
          await tokens.renew(token);
        } catch (error) {
          return { kind: 'failed', reason: `${outcome.reason}; and a new token: ${(error as Error).message}` };
        }
        continue;
      }
      return outcome;
    }
  };
}

function record(report: SimulationReport, step: Step, outcome: StepOutcome): void {
  report.steps++;
  const kind = step.kind === 'event' ? step.event : `${step.kind}:${step.status}`;
  report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
  if (outcome.kind === 'sent') return;
  report.failed++;
  if (report.failures.length < failuresKept) report.failures.push(`${kind}: ${outcome.reason}`);
}
