// A mistake in how a command was called: reported in one line, exit code 2.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** node:util parseArgs, strict, with its errors turned into UsageErrors. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs({ strict: true, ...config });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
