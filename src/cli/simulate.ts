// `postback simulate --basic BASIC [--url URL] [--seed N] [--rate N] [--journeys N] [--affiliate ACCOUNT_ID] [--json]`
// Realistic traffic through the public API: purchases through their lifecycles, subscriptions, carts, club events.
import { SingleBar } from 'cli-progress';
import { knobs, readKnobs } from '../config.ts';
import { affiliateSimulatedProducts } from '../simulate/affiliate-setup.ts';
import { runSimulation } from '../simulate/run-simulation.ts';
import type { SimulationReport, SimulationTarget } from '../simulate/run-simulation.ts';
import { requestToken, TokenRequestError } from '../simulate/token-source.ts';
import { trafficPlan } from '../simulate/traffic-plan.ts';
import { parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';
import { interruptedExitCode, listenForInterrupt } from './interrupt.ts';
import { printSimulationReport } from './simulation-report.ts';
import { serverUrl } from './server-url.ts';
import { UsageError } from './usage-error.ts';

/**
 * --rate 20: the default run (200 journeys, about 480 steps) fits in one minute of the server's default budget
 * (POSTBACK_RATE_LIMIT, 500 requests a minute per client) and takes about 25 s. A longer run is held to the server's
 * limit by its 429s, each waited out (Retry-After) and the step sent again; a default below the limit would only slow
 * down every run against a server whose limit is higher, or off.
 */
const defaults = { seed: 1, rate: 20, journeys: 200 } as const;
const maxima = { seed: 2 ** 31, rate: 10_000, journeys: 1_000_000 } as const;

const usage = `usage: postback simulate --basic BASIC [--url URL] [--seed N] [--rate STEPS_PER_SECOND] [--journeys N] [--affiliate ACCOUNT_ID] [--json]
  --basic BASIC      the account's Basic value, as \`postback account create\` prints it (required)
  --url URL          where \`postback serve\` answers (default: the address PORT and HOST describe, http://127.0.0.1:8080 unset)
  --seed N           the traffic's shape, 1 to ${maxima.seed} (default ${defaults.seed}): a seed always plays the same journeys; each run makes new transactions
  --rate N           steps per second, 1 to ${maxima.rate} (default ${defaults.rate}). The server takes POSTBACK_RATE_LIMIT requests a minute per
                     client (default ${knobs.rateLimitPerMinute.default}, about ${Math.floor(knobs.rateLimitPerMinute.default / 60)} a second): past it, each 429 is waited out (its Retry-After) and the step sent again
  --journeys N       sales, carts and club events to play, 1 to ${maxima.journeys} (default ${defaults.journeys})
  --affiliate ID     first affiliate the simulated products to that affiliate account, so the sales attributed to its code reach it
  --json             the report as one line of JSON on stdout
  Ctrl-C stops sending, waits for the steps in flight and prints what was sent (exit ${interruptedExitCode}); a second Ctrl-C exits at once.`;

export async function simulateCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      url: { type: 'string' }, basic: { type: 'string' }, seed: { type: 'string', default: String(defaults.seed) },
      rate: { type: 'string', default: String(defaults.rate) }, journeys: { type: 'string', default: String(defaults.journeys) },
      json: { type: 'boolean', default: false }, affiliate: { type: 'string' },
    },
  }, usage);
  if (!values.basic) throw new UsageError('--basic is required: the Basic value printed by `postback account create`');
  // a header cannot carry anything else, and fetch's complaint about it would read as a network failure
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(values.basic)) throw new UsageError('--basic must be the Basic value `postback account create` printed (base64, without "Basic ")');
  const baseUrl = targetUrl(values.url);
  const seed = positiveInteger('seed', values.seed, maxima.seed);
  const rate = positiveInteger('rate', values.rate, maxima.rate);
  const journeys = positiveInteger('journeys', values.journeys, maxima.journeys);
  // the token first: a wrong --url or --basic is reported at once, before anything is planned or sent
  const token = await requestToken(baseUrl, values.basic).catch((error: unknown) => { throw error instanceof TokenRequestError ? new UsageError(error.message) : error; });
  const target: SimulationTarget = { baseUrl, token, basic: values.basic };
  if (values.affiliate !== undefined) {
    const code = await affiliateSimulatedProducts(target, values.affiliate)
      .catch((error: Error) => { throw new UsageError(`--affiliate: ${error.message}`); });
    const line = `Sales attributed to ${code} also go to the affiliate account ${values.affiliate}.`;
    // with --json, stdout holds the report alone
    if (values.json) out.error(line);
    else out.log(line);
  }
  const { report, interrupted } = await play(target, { seed, journeys, rate }, out);
  if (values.json) out.log(JSON.stringify({ seed, planned: journeys, ...report }));
  else printSimulationReport(out, report, { seed, planned: journeys });
  if (interrupted) return interruptedExitCode;
  return report.failed === 0 ? 0 : 1;
}

/** Runs the plan under a progress bar (on a terminal) and Ctrl-C; the bar is stopped, and the terminal restored, however the run ends. */
async function play(target: SimulationTarget, plan: { seed: number; journeys: number; rate: number }, out: Output): Promise<{ report: SimulationReport; interrupted: boolean }> {
  const bar = new SingleBar({ format: 'simulate [{bar}] {value}/{total} journeys | {steps} steps, {failed} failed | {eta}s left', stream: process.stderr, noTTYOutput: false }, undefined);
  bar.start(plan.journeys, 0, { steps: 0, failed: 0 });
  using interrupt = listenForInterrupt(() => bar.stop());
  // said at once: a step in flight may take its whole deadline, and the second Ctrl-C is the way out
  interrupt.signal.addEventListener('abort', () => {
    bar.stop();
    out.error('Stopping: no new step is sent; waiting for those in flight (Ctrl-C again exits now).');
  }, { once: true });
  try {
    const report = await runSimulation(target, trafficPlan(plan.seed, plan.journeys, Date.now()), plan.rate,
      (progress) => bar.update(progress.journeys.ended, { steps: progress.steps, failed: progress.failed }), { signal: interrupt.signal });
    return { report, interrupted: interrupt.signal.aborted };
  } finally {
    bar.stop();
  }
}

/** The origin to send to: --url, or where PORT and HOST say `postback serve` answers (as `account create` prints it). */
function targetUrl(given: string | undefined): string {
  const raw = given ?? serverUrl(readKnobs({ port: knobs.port, host: knobs.host }, process.env));
  if (raw === null) throw new UsageError('--url is required: PORT=0 lets `postback serve` choose its port, so pass the address it printed');
  let url: URL;
  try { url = new URL(raw); } catch { throw new UsageError(`--url is not a URL: "${raw}"`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http:// or https:// address, not "${raw}"`);
  return url.origin;
}

function positiveInteger(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`--${name} must be an integer from 1 to ${max}, not "${raw}"`);
  return value;
}
