// `postback simulate --basic BASIC [--url URL] [--seed N] [--rate N] [--journeys N] [--affiliate ACCOUNT_ID] [--json]`
// Realistic traffic through the public API: purchases through their lifecycles, subscriptions, carts, club events.
import { SingleBar } from 'cli-progress';
import { affiliateSimulatedProducts } from '../simulate/affiliate-setup.ts';
import { runSimulation } from '../simulate/run-simulation.ts';
import { planTraffic } from '../simulate/traffic-plan.ts';
import { parseCommandLine } from './command-line.ts';
import { UsageError } from './usage-error.ts';
import type { Output } from './command-line.ts';


const positiveInteger = (name: string, raw: string, max: number): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`--${name} must be an integer from 1 to ${max}, not "${raw}"`);
  return value;
};

const usage = 'usage: postback simulate --basic BASIC [--url URL] [--seed N] [--rate STEPS_PER_SECOND] [--journeys N] [--affiliate ACCOUNT_ID] [--json]';

export async function simulateCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8080' }, basic: { type: 'string' }, seed: { type: 'string', default: '1' },
      rate: { type: 'string', default: '20' }, journeys: { type: 'string', default: '200' }, json: { type: 'boolean', default: false },
      affiliate: { type: 'string' },
    },
  }, usage);
  if (!values.basic) throw new UsageError('--basic is required: the Basic value printed by `postback account create`');
  let baseUrl: URL;
  try { baseUrl = new URL(values.url); } catch { throw new UsageError(`--url is not a URL: "${values.url}"`); }
  const seed = positiveInteger('seed', values.seed, 2 ** 31);
  const rate = positiveInteger('rate', values.rate, 10_000);
  const journeys = planTraffic(seed, positiveInteger('journeys', values.journeys, 1_000_000), Date.now());
  const tokenAnswer = await fetch(new URL('/oauth/token?grant_type=client_credentials', baseUrl), { method: 'POST', headers: { authorization: `Basic ${values.basic}` } })
    .catch((error: Error) => { throw new UsageError(`cannot reach ${baseUrl.origin}: ${error.message}. Is \`postback serve\` running?`); });
  if (!tokenAnswer.ok) throw new UsageError(`the token request was refused (${tokenAnswer.status}): check --basic`);
  const { access_token: token } = await tokenAnswer.json() as { access_token: string };
  if (values.affiliate !== undefined) {
    const code = await affiliateSimulatedProducts({ baseUrl: baseUrl.origin, token }, values.affiliate)
      .catch((error: Error) => { throw new UsageError(`--affiliate: ${error.message}`); });
    out.log(`Sales attributed to ${code} also go to the affiliate account ${values.affiliate}.`);
  }
  const bar = new SingleBar({ format: 'simulate [{bar}] {value}/{total} steps | {eta}s left', stream: process.stderr, noTTYOutput: false }, undefined);
  bar.start(journeys.reduce((sum, steps) => sum + steps.length, 0), 0);
  const report = await runSimulation({ baseUrl: baseUrl.origin, token }, journeys, rate, (done) => bar.update(done));
  bar.stop();
  if (values.json) out.log(JSON.stringify(report));
  else {
    out.log(`${report.steps} steps, ${report.failed} failed (seed ${seed}):`);
    for (const [kind, count] of Object.entries(report.byKind).sort()) out.log(`  ${kind.padEnd(40)} ${count}`);
    for (const failure of report.failures) out.error(`  failed: ${failure}`);
  }
  return report.failed === 0 ? 0 : 1;
}
