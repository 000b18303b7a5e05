// The one place that turns what went wrong on the wire into a closed set of causes. Receivers' failures
// become data (a FailureCause); anything we do not recognise as a network failure is our own bug and is
// returned as `undefined`, so the caller rethrows it instead of recording it against a receiver.
import { BLOCKED_ADDRESS_CODE } from './http-client.ts';

export type FailureCause =
  | 'timeout'
  | 'dns'
  | 'dns_not_found'
  | 'refused'
  | 'reset'
  | 'tls'
  | 'blocked_address'
  | 'too_large'
  | 'headers_too_large'
  | 'protocol'
  | 'aborted'
  | 'network';

export type ClassifiedFailure = { cause: FailureCause; detail: string };

/** Which of the attempt's two signals fired, if any; an abort outranks whatever error it produced. */
export type AbortedBy = 'deadline' | 'shutdown' | undefined;

// Errors that only our own code can cause (bad arguments, a closed client): never a receiver's fault.
const OUR_BUGS = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_INVALID_RETURN_VALUE',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_URL',
]);

const BY_CODE: Record<string, FailureCause> = {
  [BLOCKED_ADDRESS_CODE]: 'blocked_address',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  // Only "this name does not exist" (NXDOMAIN / no data) is dns_not_found: the caller may auto-disable on it.
  ENOTFOUND: 'dns_not_found',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  // Node reports NXDOMAIN as ENOTFOUND; a raw EAI_* reaching us is ambiguous, so it stays plain 'dns'
  // (fails towards "retry later" rather than towards auto-disabling a webhook).
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ERR_STREAM_PREMATURE_CLOSE: 'reset',
  UND_ERR_HEADERS_OVERFLOW: 'headers_too_large',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'protocol',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'too_large',
};

// OpenSSL verification codes (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ...) and Node's TLS errors.
const TLS_CODE = /^(CERT_|CRL_|ERR_TLS_|ERR_SSL_|ERR_OSSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERROR_IN_C|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$)/;

/**
 * Classify a failed attempt. `abortedBy` says whether the deadline or the shutdown signal fired: an abort
 * is reported as such whatever error it surfaced as. Returns undefined for errors that are our bugs.
 */
export function classifyFailure(error: unknown, abortedBy: AbortedBy): ClassifiedFailure | undefined {
  if (abortedBy === 'deadline') return { cause: 'timeout', detail: 'deadline exceeded' };
  if (abortedBy === 'shutdown') return { cause: 'aborted', detail: 'aborted by shutdown' };

  for (const link of causeChain(error)) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    if (code !== undefined && OUR_BUGS.has(code)) return undefined;
    const cause = code === undefined ? causeByName(link.name) : causeByCode(code);
    if (cause !== undefined) return { cause, detail: cause === 'tls' ? describeTls(link, error) : describe(link, error) };
  }
  // Unknown codes: a system error (errno/syscall) or an undici error is still the network's doing.
  for (const link of causeChain(error)) {
    const code = typeof link.code === 'string' ? link.code : undefined;
    if (code !== undefined && (link.syscall !== undefined || code.startsWith('UND_ERR') || /^E[A-Z]+$/.test(code))) {
      return { cause: 'network', detail: `${code}: ${describe(link, error)}` };
    }
  }
  return undefined;
}

function causeByCode(code: string): FailureCause | undefined {
  if (Object.hasOwn(BY_CODE, code)) return BY_CODE[code];
  if (code.startsWith('HPE_')) return 'protocol';
  if (TLS_CODE.test(code)) return 'tls';
  return undefined;
}

function causeByName(name: unknown): FailureCause | undefined {
  // undici's HTTPParserError carries no code when llhttp gave none; it is still a malformed response.
  return name === 'HTTPParserError' ? 'protocol' : undefined;
}

type ErrorLike = {
  code?: unknown; name?: unknown; message?: unknown; syscall?: unknown; cause?: unknown; errors?: unknown;
  library?: unknown; reason?: unknown; // OpenSSL errors
};

/** The error, then its `.cause` chain, then the members of any AggregateError (happy eyeballs), depth-limited. */
function causeChain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 16) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || out.includes(next as ErrorLike)) continue;
    const link = next as ErrorLike;
    out.push(link);
    if (link.cause !== undefined) queue.push(link.cause);
    if (Array.isArray(link.errors)) queue.push(...link.errors);
  }
  return out;
}

/** "self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)", without Node's hint about --use-system-ca. */
function describeTls(link: ErrorLike, outer: unknown): string {
  const text = describe(link, outer);
  return text.includes('(') ? text : `${text.split(';')[0]} (${String(link.code)})`;
}

/** A short human message such as "connect ECONNREFUSED 127.0.0.1:9", capped so a hostile one stays short. */
function describe(link: ErrorLike, outer: unknown): string {
  // OpenSSL's message is a multi-line dump of internals; its `reason` ("wrong version number") is the news.
  const openssl = typeof link.library === 'string' && typeof link.reason === 'string' ? `${link.reason} (${String(link.code)})` : undefined;
  const own = typeof link.message === 'string' && link.message !== '' ? link.message : joinedMessages(link.errors);
  const fallback = outer instanceof Error && outer.message !== '' ? outer.message : String(link.code ?? link.name ?? 'error');
  const text = (openssl ?? own ?? fallback).replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Happy eyeballs fails with an AggregateError whose own message is empty: name every address tried. */
function joinedMessages(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const messages = errors.map((e: unknown) => (e instanceof Error ? e.message : '')).filter((m) => m !== '');
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** Our own error (an internal_error attempt) as one line for the history: its name and message, short, storable anywhere (no NUL). */
export function describeOwnError(error: unknown): string {
  const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ').replaceAll('\0', '\uFFFD');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
