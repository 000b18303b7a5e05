// An attempt's failure in words, for notices: the store writes it with the notice (English, also served by the API),
// and the e-mails and the dashboard read it back here to say it in the reader's language. This file both writes and
// reads it, so the two cannot drift apart (as ./disabled-reason.ts does for a disabled webhook's reason).
import type { AttemptRecord } from './delivery.ts';

const noAnswer = 'no answer';

/** The named cause or the HTTP status (neither: no answer), and the detail after a colon. */
export function lastErrorOf(attempt: Pick<AttemptRecord, 'error' | 'statusCode' | 'errorDetail'>): string {
  const what = attempt.error ?? (attempt.statusCode === null ? noAnswer : `HTTP ${attempt.statusCode}`);
  return attempt.errorDetail ? `${what}: ${attempt.errorDetail}` : what;
}

export type LastError = { code: string | null; status: number | null; detail: string | null };

/** A last error as lastErrorOf wrote it, read back: the error code or the HTTP status (neither: no answer), and the detail. */
export function readLastError(text: string): LastError {
  const colon = text.indexOf(': ');
  const what = colon === -1 ? text : text.slice(0, colon);
  const detail = colon === -1 ? null : text.slice(colon + 2);
  const status = /^HTTP (\d{3})$/.exec(what);
  if (status) return { code: null, status: Number(status[1]), detail };
  return { code: what === noAnswer ? null : what, status: null, detail };
}
