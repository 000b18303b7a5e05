// `postback serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--role all|api|worker]`
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { createLogger } from '../logging.ts';
import { startServer } from '../server.ts';
import { describeStore } from '../store/open-store.ts';
import { postbackVersion } from '../version.ts';
import { parseCommandLine, UsageError } from './usage-error.ts';

type Output = { log(line: string): void; error(line: string): void };

export async function serveCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, role: { type: 'string' } },
  });
  const env = { ...process.env };
  if (values.port !== undefined) env.PORT = values.port;
  if (values.host !== undefined) env.HOST = values.host;
  if (values['data-dir'] !== undefined) env.POSTBACK_DATA_DIR = values['data-dir'];
  if (values.role !== undefined) env.POSTBACK_ROLE = values.role;
  if (values['database-url'] !== undefined) env.DATABASE_URL = values['database-url'];
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  out.log(`Postback ${postbackVersion} (${config.role}) on ${describeStore(config)}`);
  if (server.url) {
    out.log(`  Dashboard  ${server.url}/`);
    out.log(`  API        ${server.url}/api/v1   (token: POST ${server.url}/oauth/token)`);
  }
  out.log('  No account yet? npm run postback -- account create --name "My store"');
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down: no new claims, finishing in-flight attempts');
      resolve();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  });
  await server.close();
  return 0;
}
