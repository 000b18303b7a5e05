#!/usr/bin/env node
// The `postback` command: one sub-command per file; this file only dispatches and turns errors into exit codes.
import { constants } from 'node:os';
import { accountCommand } from './account.ts';
import { checkPayloadCommand } from './check-payload.ts';
import { copyToPostgresCommand } from './copy-to-postgres.ts';
import { membersCommand } from './members.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { simulateCommand } from './simulate.ts';
import { explainError, membersSettings, serveSettings } from './explain-error.ts';
import { HelpRequest } from './command-line.ts';
import type { Output } from './command-line.ts';

const usage = `Usage: postback <command> [options]

Commands:
  serve                         Serve the API and run the dispatcher
  members                       Run a members area that opens courses on sales and closes them on refunds
  account create --name NAME    Create an account and print its API credentials and hottok
  check-payload FILE...         Validate Hotmart-format payload files against the event catalogue
  simulate --basic BASIC        Generate realistic sales traffic through the API (--seed, --rate, --journeys)
  migrate                       Bring the database schema up to date (SQLite, or PostgreSQL with --database-url)
  copy-to-postgres              Copy a stopped SQLite store into a new PostgreSQL database (--database-url URL)

Each command takes --help.
`;

const console_: Output = { log: (line: string) => process.stdout.write(`${line}\n`), error: (line: string) => process.stderr.write(`${line}\n`) };

// A reader that stops reading (`postback check-payload *.json | head -1`) closes the pipe, and the next write fails
// with EPIPE: there is no one left to tell, so the command ends quietly with the status of a command SIGPIPE ended
// (128 + 13), as `set -o pipefail` expects of any command in a pipe. Any other write error is ours: it keeps its stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(128 + constants.signals.SIGPIPE);
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': return serveCommand(rest, console_);
    case 'members': return membersCommand(rest, console_);
    case 'account': return accountCommand(rest, console_);
    case 'check-payload': return checkPayloadCommand(rest, console_);
    case 'simulate': return simulateCommand(rest, console_);
    case 'migrate': return migrateCommand(rest, console_);
    case 'copy-to-postgres': return copyToPostgresCommand(rest, console_);
    case 'help': case '--help': case '-h':
      console_.log(usage);
      return 0;
    case undefined:
      // no command is a mistake (exit 2): the usage goes where mistakes go, so `postback | less` does not hide it
      console_.error(usage);
      return 2;
    default:
      console_.error(`postback: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  if (error instanceof HelpRequest) { console_.log(error.message); process.exitCode = 0; return; }
  // mistakes a person can fix get one line saying what to do; anything else is ours and gets the stack
  const explained = explainError(error, process.argv[2] === 'members' ? membersSettings : serveSettings);
  const stack = error instanceof Error ? error.stack ?? error.message : String(error);
  const lines = [`postback: ${explained?.line ?? stack}`];
  if (explained && /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) lines.push(stack);
  // exits, once the message is written, rather than waiting for the event loop to drain: a failed start can leave a
  // handle open that nothing will close (pg keeps the socket of a connection whose authentication failed), and a
  // supervisor (systemd Restart=on-failure, Kubernetes) must see the process end to restart it
  process.stderr.write(`${lines.join('\n')}\n`, () => process.exit(explained?.exitCode ?? 1));
});
