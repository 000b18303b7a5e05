// The API's one error catalogue: named codes, built by one factory, sent as application/problem+json (RFC 9457).

export type FieldError = { path: string; message: string };

const catalogue = {
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  json_too_deep: { status: 400, title: 'The request body nests too deeply' },
  bad_request: { status: 400, title: 'The request is malformed' },
  unauthorized: { status: 401, title: 'A valid bearer token is required' },
  invalid_credentials: { status: 401, title: 'The email or the password is wrong' },
  csrf_failed: { status: 403, title: 'The CSRF token is missing or wrong' },
  forbidden: { status: 403, title: 'Your role in this account does not allow this' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  request_timeout: { status: 408, title: 'The request took too long to arrive' },
  idempotency_conflict: { status: 409, title: 'This idempotency key or event id was already used with a different request' },
  conflict: { status: 409, title: 'Conflict' },
  webhook_disabled: { status: 409, title: 'The webhook configuration is disabled' },
  delivery_in_flight: { status: 409, title: 'An attempt of this delivery is running now' },
  invalid_transition: { status: 409, title: 'This status change is not allowed from the current status' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  uri_too_long: { status: 414, title: 'The request path is too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  validation_failed: { status: 422, title: 'The request has invalid fields' },
  rate_limited: { status: 429, title: 'Too many requests' },
  too_many_connections: { status: 429, title: 'Too many open connections from this address' },
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'This needs something the server does not have right now' },
  store_unavailable: { status: 503, title: 'The database cannot be reached right now' },
} as const;

export type ProblemCode = keyof typeof catalogue;

/** Every code with its status and title, for the API's description (openapi/). */
export const problemCatalogue: Readonly<Record<ProblemCode, { status: number; title: string }>> = catalogue;

export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;

  constructor(code: ProblemCode, detail: string, errors?: FieldError[]) {
    super(detail);
    this.code = code;
    this.status = catalogue[code].status;
    this.detail = detail;
    this.errors = errors;
  }

  /** `instance` is the request's path, when it was read (an error raised by the HTTP parser may come before it). */
  body(instance?: string): Record<string, unknown> {
    return {
      type: `https://postback.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: catalogue[this.code].title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance === undefined ? {} : { instance }),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problem = (code: ProblemCode, detail: string, errors?: FieldError[]): Problem => new Problem(code, detail, errors);

export const notFound = (what: string, id: string): Problem => problem('not_found', `No ${what} with id "${id}" in this account.`);

/**
 * Catalogue issues as a 422 naming each field: their paths run from the body's root ("data.buyer.email", "event"),
 * so each becomes `body.` and that path. `lead` says what did not match, e.g. "The PURCHASE_APPROVED data".
 */
export function catalogueProblem(lead: string, issues: readonly FieldError[]): Problem {
  return problem('validation_failed', `${lead} does not match the catalogue: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    issues.map((issue) => ({ path: `body.${issue.path}`, message: issue.message })));
}
