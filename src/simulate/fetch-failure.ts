// Why a fetch failed, in words a person can act on: fetch itself says only "fetch failed".

/** The system's code (ECONNREFUSED, ENOTFOUND, ...) from the error's cause, or from the cause's errors when several addresses were tried. */
export function fetchFailureCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.find((each) => typeof each.code === 'string')?.code;
  if (typeof code === 'string') return code;
  return typeof cause?.message === 'string' ? cause.message : (error as Error).message;
}
