// `postback migrate [--data-dir DIR] [--database-url URL]`: brings the store's schema up to date, then exits.
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { migrateStore } from '../store/migrate-store.ts';
import { parseCommandLine, UsageError } from './usage-error.ts';

type Output = { log(line: string): void; error(line: string): void };

export async function migrateCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({ args, options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } } });
  const env = { ...process.env };
  if (values['data-dir'] !== undefined) env.POSTBACK_DATA_DIR = values['data-dir'];
  if (values['database-url'] !== undefined) env.DATABASE_URL = values['database-url'];
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const report = await migrateStore(config);
  out.log(report.from === report.to
    ? `${report.store}: schema already at version ${report.to}, nothing to do`
    : `${report.store}: schema migrated from version ${report.from} to ${report.to}`);
  return 0;
}
