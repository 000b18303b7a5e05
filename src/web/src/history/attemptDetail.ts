// An attempt's outcome in the user's language. The delivery engine records a code (`error`, the HTTP status) and,
// for some outcomes, an English sentence in `error_detail` (src/delivery/settle.ts, send.ts, classify-failure.ts):
// those sentences are recognised here and said again from the catalogue with their facts (status, location,
// deadline) as parameters. Anything else in the detail is the system's or the receiver's own text (for example
// "getaddrinfo ENOTFOUND hooks.example.com"): it adds information, so it is kept, shown as technical detail.
import { readLastError } from '../../../domain/last-error.ts';
import type { MessageKey } from '../i18n/catalogues.ts';

/** useT()'s translate, as far as this uses it (no React here: test/browser/dashboard-i18n.test.ts runs it in Node). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The formatting this needs (useFormat's), kept narrow so it can be checked outside React. */
export type DetailFormat = { duration(ms: number): string; number(value: number): string };

const errorNames: Record<string, MessageKey> = {
  timeout: 'result.timeout', dns: 'result.dns', dns_not_found: 'result.dnsNotFound', refused: 'result.refused', reset: 'result.reset', tls: 'result.tls',
  blocked_address: 'result.blocked', too_large: 'result.tooLarge', headers_too_large: 'result.headersTooLarge', protocol: 'result.protocol',
  aborted: 'result.aborted', network: 'result.network',
  // the attempt failed inside Postback (src/delivery/settle.ts), or the receiver refused the delivery for good
  internal_error: 'result.internalError', receiver_abort: 'result.receiverAbort',
  // a conversion postback recorded as skipped: the sale had no click id to report, or its webhook had already
  // reported this event of the sale (src/domain/conversion.ts)
  no_click_id: 'result.noClickId', already_reported: 'result.alreadyReported',
  // one not sent at its attempt: a Meta test whose Test Events code was removed, or an event older than its network
  // takes (src/delivery/conversion/render-conversion.ts); or an ad network's error that no retry can fix (its detail)
  no_test_event_code: 'result.noTestEventCode', event_too_old: 'result.eventTooOld', network_refused: 'result.networkRefused',
};

/** What a result cell says: the HTTP code when there was a response, else the named network error. */
export function resultLabel(t: Translate, statusCode: number | null, error: string | null): string {
  // a receiver's abort, or an ad network's refusal, comes with a status, but the news is the refusal
  if (error === 'receiver_abort') return t('result.receiverAbort');
  if (error === 'network_refused') return t('result.networkRefused');
  if (statusCode !== null) return `HTTP ${statusCode}`;
  if (error) {
    const key = errorNames[error];
    return key ? t(key) : error.replaceAll('_', ' ');
  }
  return t('result.none');
}

/** `text`: the detail in the user's language, when it is one Postback wrote; `technical`: raw text worth keeping. */
export type AttemptDetail = { text: string | null; technical: string | null };

export function attemptDetail(t: Translate, format: DetailFormat, statusCode: number | null, error: string | null, detail: string | null): AttemptDetail {
  // a notice's last error carries the abort's status only in its detail ("the receiver answered 422 with …")
  if (error === 'receiver_abort') return { text: t('attempts.receiverAbort', { status: statusCode ?? /answered (\d{3})/.exec(detail ?? '')?.[1] ?? '' }), technical: null };
  if (error === 'internal_error') return { text: t('attempts.internalError'), technical: detail };
  if (!detail) return { text: null, technical: null };
  const redirect = /^redirect to (.+) not followed$/.exec(detail);
  if (redirect) {
    const location = redirect[1]!;
    return { text: location === '(no location)' ? t('attempts.redirectNoLocation', { status: statusCode ?? '' }) : t('attempts.redirect', { status: statusCode ?? '', location }), technical: null };
  }
  if (detail === 'deadline exceeded') return { text: t('attempts.deadline'), technical: null };
  if (detail === 'aborted by shutdown') return { text: t('attempts.shutdown'), technical: null };
  const noResponse = /^no response within the (\d+) ms deadline$/.exec(detail);
  if (noResponse) return { text: t('attempts.noResponseWithin', { duration: format.duration(Number(noResponse[1])) }), technical: null };
  const incomplete = /^response body not complete within the (\d+) ms deadline \((\d+) bytes read\)$/.exec(detail);
  if (incomplete) return { text: t('attempts.bodyIncomplete', { duration: format.duration(Number(incomplete[1])), bytes: Number(incomplete[2]) }), technical: null };
  const tooLarge = /^response body exceeds (\d+) bytes$/.exec(detail);
  if (tooLarge) return { text: t('attempts.bodyTooLarge', { bytes: Number(tooLarge[1]) }), technical: null };
  const blocked = /^connect to (.+) refused by the address check: not a public address$/.exec(detail);
  if (blocked) return { text: t('attempts.blockedAddress', { target: blocked[1]! }), technical: null };
  return { text: null, technical: detail };
}

/**
 * A notice's "last error" (src/domain/last-error.ts, which writes and reads it: "timeout: no response within …", "HTTP 500",
 * "no answer", "dns_not_found: getaddrinfo ENOTFOUND …") in the user's language: Postback's own sentence, or the
 * result's name followed by the system's text.
 */
export function lastErrorText(t: Translate, format: DetailFormat, lastError: string): string {
  const { code, status, detail } = readLastError(lastError);
  const label = code === null && status === null ? t('notices.noAnswer') : resultLabel(t, status, code);
  const more = attemptDetail(t, format, status, code, detail);
  // Postback's own sentence says it all (with its status); a system's text follows the result's name
  if (more.text) return more.text;
  return more.technical ? `${label}: ${more.technical}` : label;
}
