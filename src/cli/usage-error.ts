// A mistake in how a command was called (command-line.ts reads the arguments; explain-error.ts reports the rest).

/** A mistake in how a command was called: reported in one line, exit code 2. */
export class UsageError extends Error {}
