// Meta's Graph API says in its answer whether an error can pass: `{"error": {"message", "type", "code", "error_subcode",
// "is_transient", "error_user_msg", "fbtrace_id"}}`. A 4xx carrying such an error that Meta does not call transient (a
// bad or expired access token, code 190; an invalid parameter, code 100) comes back the same on every retry, so the
// delivery fails at once with Meta's own words as its reason, instead of spending its attempts over hours. Pure.
import type { ReceiverResponse } from '../send.ts';

/**
 * Codes Meta documents as transient or as throttling (Graph API "Handling errors", Marketing API rate limiting):
 * unknown (1), service (2), too many calls (4, 17, 32, 613), application limit (341), temporarily blocked (368).
 */
const transientCodes: ReadonlySet<number> = new Set([1, 2, 4, 17, 32, 341, 368, 613]);
/** The ads-management rate limits ("too many calls to this ad account"): throttling too. */
const isAdsRateLimit = (code: number): boolean => code >= 80_000 && code <= 80_014;

type GraphError = { message?: unknown; type?: unknown; code?: unknown; error_subcode?: unknown; is_transient?: unknown; error_user_msg?: unknown };

/**
 * Why Meta refused this event for good, in its own words and code, or null: a success, or a failure retried as any
 * (429, 408, 5xx, a transient code, an answer that is not a Graph API error). A 410 is left to disable the webhook
 * (settle.ts), as any receiver's.
 */
export function graphApiRefusal(answer: Pick<ReceiverResponse, 'status' | 'body'>): string | null {
  const { status } = answer;
  if (status < 400 || status >= 500 || status === 408 || status === 410 || status === 429) return null;
  const error = graphErrorIn(answer.body);
  // fails towards retrying, as before: a body that is not Meta's error (a proxy's page, one cut at the kept bytes) says nothing
  if (error === null || error.is_transient === true) return null;
  const code = typeof error.code === 'number' ? error.code : null;
  if (code !== null && (transientCodes.has(code) || isAdsRateLimit(code))) return null;
  const subcode = typeof error.error_subcode === 'number' ? `/${error.error_subcode}` : '';
  const kind = [typeof error.type === 'string' ? error.type : '', code === null ? '' : `code ${code}${subcode}`].filter((part) => part !== '').join(' ');
  const message = typeof error.message === 'string' && error.message.trim() !== '' ? error.message : 'no message';
  const more = typeof error.error_user_msg === 'string' && error.error_user_msg !== message ? ` (${error.error_user_msg})` : '';
  return oneLine(`Meta answered ${status}${kind === '' ? '' : `, ${kind}`}: ${message}${more}`);
}

function graphErrorIn(body: string): GraphError | null {
  let parsed: unknown;
  try { parsed = JSON.parse(body); } catch { return null; }
  const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
  return typeof error === 'object' && error !== null && !Array.isArray(error) ? error as GraphError : null;
}

/** One line, short and storable anywhere (no NUL), as the history's other details are. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replaceAll('\0', '\uFFFD').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
