// How a command reads its arguments and where it writes: strict options, `--help` on every command, mistakes
// reported in one line, and the two streams every command writes to.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { UsageError } from './usage-error.ts';

/** Where a command writes: its results (`log`, stdout) and its complaints (`error`, stderr); main.ts passes the process's. */
export type Output = { log(line: string): void; error(line: string): void };

/** `--help` or `-h` was given: the command's usage is printed, exit code 0. */
export class HelpRequest extends Error {}

/** node:util parseArgs, strict, with `--help` answered by `usage` and its errors turned into UsageErrors. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string) {
  // after `--` every argument is a positional one: a file named --help is checked, not taken for a question
  const args = config.args ?? [];
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (options.some((arg) => arg === '--help' || arg === '-h')) throw new HelpRequest(usage);
  try {
    return parseArgs({ strict: true, ...config });
  } catch (error) {
    // one line: the mistake, and where the full usage is
    throw new UsageError(`${(error as Error).message} (${usage.split(' [')[0]} ... --help shows every option)`);
  }
}

/** Flags that stand for configuration knobs, by flag name: the flag wins over the environment variable. */
export const configFlags = {
  port: 'PORT',
  host: 'HOST',
  'data-dir': 'POSTBACK_DATA_DIR',
  'database-url': 'DATABASE_URL',
  role: 'POSTBACK_ROLE',
} as const;
export type ConfigFlag = keyof typeof configFlags;

/** Loads the configuration with the given flags applied; a bad value names the flag the user typed. */
export function configWithFlags(values: Partial<Record<ConfigFlag, string | undefined>>): Config {
  return loadWithFlags(values, configFlags, loadConfig);
}

/**
 * Runs `load` on the environment with each given flag in place of its variable (`flagEnv`: flag name → variable).
 * The exit-code rule (README "Command line"): a bad value that came from a flag is a mistake in the command (UsageError,
 * exit 2) and names the flag; one that came from the environment stays a ConfigurationError (exit 1) naming its variable.
 */
export function loadWithFlags<T>(values: Record<string, string | undefined>, flagEnv: Record<string, string>, load: (env: NodeJS.ProcessEnv) => T): T {
  const env = { ...process.env };
  const flagOf = new Map<string, string>();
  for (const [flag, value] of Object.entries(values)) {
    const name = flagEnv[flag];
    if (value === undefined || name === undefined) continue;
    env[name] = value;
    flagOf.set(name, `--${flag}`);
  }
  try {
    return load(env);
  } catch (error) {
    const named = /^([A-Z_]+):/.exec((error as Error).message)?.[1];
    const flag = named === undefined ? undefined : flagOf.get(named);
    if (flag === undefined) throw error;
    throw new UsageError(`${flag}${(error as Error).message.slice(named!.length)}`);
  }
}

/** The options object for parseArgs of the given config flags. */
export function flagOptions<F extends ConfigFlag>(...flags: F[]): Record<F, { type: 'string' }> {
  return Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])) as Record<F, { type: 'string' }>;
}
