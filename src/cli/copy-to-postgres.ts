// `postback copy-to-postgres --database-url URL [--data-dir DIR]`: moves a SQLite store to PostgreSQL (README "Moving
// from SQLite"). Prints each table's rows as they are copied, then what to do next.
import { copyToPostgres } from '../store/copy/copy-to-postgres.ts';
import type { CopyListener, CopyReport } from '../store/copy/copy-to-postgres.ts';
import { describeStore } from '../store/open-store.ts';
import { configWithFlags, flagOptions, parseCommandLine } from './command-line.ts';
import type { Output } from './command-line.ts';
import { UsageError } from './usage-error.ts';

const usage = `usage: postback copy-to-postgres --database-url URL [--data-dir DIR]
  Copies everything of the SQLite data folder (POSTBACK_DATA_DIR, or --data-dir; default ./data) into an empty
  PostgreSQL database (DATABASE_URL, or --database-url), migrated first, in one transaction: all of it, or nothing.
  Stop every postback process of the SQLite folder first (the copy is refused while one has it open). The secrets stay
  sealed: give the PostgreSQL processes the same key (POSTBACK_SECRET_KEY, or the folder's secret.key).`;

/** A table's progress is printed at most this often, and always once it is done. */
const progressEveryMs = 2000;

export async function copyToPostgresCommand(args: string[], out: Output): Promise<number> {
  const { values } = parseCommandLine({ args, options: flagOptions('data-dir', 'database-url') }, usage);
  const config = configWithFlags(values);
  if (!config.databaseUrl) throw new UsageError('--database-url is required: the new, empty PostgreSQL database to copy into (postgres://user:password@host:port/database)');
  const target = describeStore(config);
  const report = await copyToPostgres({ dataDir: config.dataDir, secretKey: config.secretKey, databaseUrl: config.databaseUrl, target }, progressPrinter(out, target));
  printNextSteps(out, target, report);
  return 0;
}

const number = new Intl.NumberFormat('en-US');

function progressPrinter(out: Output, target: string): CopyListener {
  let width = 0;
  let printedAt = 0;
  return {
    starting({ file, schemaVersion, tables }) {
      const rows = tables.reduce((sum, table) => sum + table.total, 0);
      width = Math.max(...tables.map((table) => table.table.length));
      out.log(`Copying ${number.format(rows)} rows of SQLite at ${file} (schema version ${schemaVersion}) into ${target}, in one transaction:`);
    },
    copied(table, rows, total) {
      const now = Date.now();
      if (rows < total && now - printedAt < progressEveryMs) return;
      printedAt = now;
      out.log(`  ${table.padEnd(width)}  ${number.format(rows)} / ${number.format(total)}`);
    },
  };
}

function printNextSteps(out: Output, target: string, report: CopyReport): void {
  const released = report.releasedLeases === 0 ? ''
    : ` (${number.format(report.releasedLeases)} ${report.releasedLeases === 1 ? 'was' : 'were'} in flight on the stopped server: ${report.releasedLeases === 1 ? 'it is' : 'they are'} sent again, as after a crash)`;
  const pending = `${number.format(report.pendingDeliveries)} pending ${report.pendingDeliveries === 1 ? 'delivery is' : 'deliveries are'} due there`;
  const key = report.key.origin === 'environment'
    ? '     the same POSTBACK_SECRET_KEY this copy was given'
    : `     export POSTBACK_SECRET_KEY="$(cat ${report.key.file})"`;
  out.log([
    `Done: ${number.format(report.rows)} rows committed to ${target}. ${pending}${released}.`,
    'Next:',
    '  1. Keep the SQLite server stopped, and keep its data folder as it is: it is your way back.',
    '  2. Give every PostgreSQL process the key that sealed the secrets (signing secrets, hottoks, conversion and members-area credentials):',
    key,
    '  3. Point them at the database and start them (README "Scaling out" for api and worker processes):',
    '     export DATABASE_URL=<the URL given to this copy>',
    '     postback serve',
  ].join('\n'));
}
