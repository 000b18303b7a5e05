// `postback serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--role all|api|worker]`
import { getHeapStatistics } from 'node:v8';
import { ConfigurationError } from '../config.ts';
import { createLogger } from '../logging.ts';
import { MailSetupError } from '../mail/mailer.ts';
import { startServer } from '../server.ts';
import { describeStore } from '../store/open-store.ts';
import { postbackVersion } from '../version.ts';
import { applyHeapLimit } from './heap-limit.ts';
import { listenForStopSignals, shutDown } from './shutdown.ts';
import { configWithFlags, flagOptions, parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';


const usage = `usage: postback serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--role all|api|worker]
  Every other setting is an environment variable (POSTBACK_SECRET_KEY, POSTBACK_METRICS_PORT, POSTBACK_ALLOW_NETWORKS,
  SMTP_URL, LOG_LEVEL, ...): the README's "Configuration" lists them all with their defaults.`;

export async function serveCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({ args, options: flagOptions('port', 'host', 'data-dir', 'database-url', 'role') }, usage);
  const config = configWithFlags(values);
  // first, before anything is opened: this may relaunch the process in place under POSTBACK_HEAP_LIMIT_MB
  applyHeapLimit(config);
  // handlers first: a signal that arrives while the store opens or the dispatcher starts still shuts down cleanly
  const signals = listenForStopSignals();
  const logger = createLogger(config.logLevel, config.role);
  // an SMTP_URL that cannot send is a setting to fix: one line and exit 1, like any other bad knob
  const server = await startServer(config, logger).catch((error: unknown) => { throw error instanceof MailSetupError ? new ConfigurationError(error.message) : error; });
  // the set-up hint only where it helps: a worker has no dashboard, and once any account exists set-up is closed (409).
  // Counted before the banner, so the banner is written at once, whole
  const firstRun = server.url !== null && await server.store.countAccounts() === 0;
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1_048_576);
  out.log(`Postback ${postbackVersion} (${config.role}) on ${describeStore(config)}, heap limit ${heapMb} MB`);
  if (server.url) {
    out.log(`  Dashboard  ${server.url}/`);
    out.log(`  API        ${server.url}/api/v1   (token: POST ${server.url}/oauth/token)`);
  }
  out.log(`  E-mail     ${server.mailer.enabled ? `on, through ${server.mailer.description}` : 'off (SMTP_URL is not set): notices show only on the dashboard'}`);
  if (server.opsUrl) out.log(`  Metrics    ${server.opsUrl}/metrics   (probes: /healthz, /readyz)`);
  if (firstRun) out.log('  No account yet? Open the dashboard to set one up, or: npm run postback -- account create --name "My store" --email you@example.com --password ...');
  return shutDown(server, signals, await signals.first, config, logger);
}
