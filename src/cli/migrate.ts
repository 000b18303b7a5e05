// `postback migrate [--data-dir DIR] [--database-url URL]`: brings the store's schema up to date, then exits.
import { migrateStore } from '../store/migrate-store.ts';
import { configWithFlags, flagOptions, parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';

const usage = 'usage: postback migrate [--data-dir DIR] [--database-url URL]';

export async function migrateCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({ args, options: flagOptions('data-dir', 'database-url') }, usage);
  const report = await migrateStore(configWithFlags(values));
  out.log(report.from === report.to
    ? `${report.store}: schema already at version ${report.to}, nothing to do`
    : `${report.store}: schema migrated from version ${report.from} to ${report.to}`);
  return 0;
}
