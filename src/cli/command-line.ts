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
  if (config.args?.some((arg) => arg === '--help' || arg === '-h')) throw new HelpRequest(usage);
  try {
    return parseArgs({ strict: true, ...config });
  } catch (error) {
    // one line: the mistake, and where the full usage is
    throw new UsageError(`${(error as Error).message} (${usage.split(' [')[0]} ... --help shows every option)`);
  }
}

/** Flags that stand for configuration knobs, by flag name: the flag wins over the environment variable. */
export const configFlags = {
  port: { type: 'string', env: 'PORT' },
  host: { type: 'string', env: 'HOST' },
  'data-dir': { type: 'string', env: 'POSTBACK_DATA_DIR' },
  'database-url': { type: 'string', env: 'DATABASE_URL' },
  role: { type: 'string', env: 'POSTBACK_ROLE' },
} as const;
export type ConfigFlag = keyof typeof configFlags;

/** Loads the configuration with the given flags applied; a bad value names the flag the user typed. */
export function configWithFlags(values: Partial<Record<ConfigFlag, string | undefined>>): Config {
  const env = { ...process.env };
  const flagOf = new Map<string, string>();
  for (const [flag, value] of Object.entries(values) as [ConfigFlag, string | undefined][]) {
    if (value === undefined || !(flag in configFlags)) continue;
    env[configFlags[flag].env] = value;
    flagOf.set(configFlags[flag].env, `--${flag}`);
  }
  try {
    return loadConfig(env);
  } catch (error) {
    const message = (error as Error).message.replace(/^([A-Z_]+):/, (whole, name: string) => (flagOf.has(name) ? `${flagOf.get(name)}:` : whole));
    throw new UsageError(message);
  }
}

/** The options object for parseArgs of the given config flags. */
export function flagOptions<F extends ConfigFlag>(...flags: F[]): Record<F, { type: 'string' }> {
  return Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])) as Record<F, { type: 'string' }>;
}
