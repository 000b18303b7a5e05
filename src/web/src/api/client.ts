// The one way the dashboard calls the API: same-origin fetch with the session cookie, the CSRF header on every
// change, and problem+json answers turned into ApiError (with each bad field) for the screens to show.

export type FieldError = { path: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  /** How long the API asked to wait before calling again (its Retry-After, on a 429); null when it did not say. */
  readonly retryAfterMs: number | null;
  constructor(status: number, code: string, message: string, fieldErrors: FieldError[] = [], retryAfterMs: number | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterMs = retryAfterMs;
  }
}

// the API sends whole seconds (the rate limit's window left)
const waitAsked = (header: string | null): number | null => (header !== null && /^\d+$/.test(header) ? Number(header) * 1000 : null);

let csrfToken: string | null = null;
let onSessionEnded: () => void = () => {};

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated call answers 401: the session expired or was signed out elsewhere. */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

const openPaths = new Set(['/api/v1/session', '/api/v1/setup', '/api/v1/password-reset', '/api/v1/password-reset/complete']);
// an invitation being accepted is not a session that ended
const isOpenPath = (path: string): boolean => openPaths.has(path) || path.startsWith('/api/v1/invitations/');

export async function apiCall<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', 'unreachable');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try { parsed = text === '' ? null : JSON.parse(text); } catch { parsed = null; }
  if (response.ok) return parsed as T;
  const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldError[] };
  if (response.status === 401 && !isOpenPath(path)) onSessionEnded();
  // the detail is for developers (logs, the console); screens show their own words for the code (i18n/errorText.ts)
  throw new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail ?? problem.title ?? `http_${response.status}`, problem.errors ?? [], waitAsked(response.headers.get('retry-after')));
}
