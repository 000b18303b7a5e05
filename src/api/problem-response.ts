// How an error reaches the client, on every path one can take: Fastify's error and not-found handlers, the router's
// own errors (a malformed percent-escape, an over-long id) and the HTTP parser's errors on the raw socket (a control
// character in a header, headers too large, a request that took too long to arrive). All of them answer
// application/problem+json with the same security headers.
import { STATUS_CODES } from 'node:http';
import type { Duplex as Socket } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problem } from './problems.ts';
import { isStoreUnreachable, storeRetryAfterSeconds } from './store-unavailable.ts';

// an API for machines: nothing may be sniffed, framed or referred; CORS stays closed (no Access-Control-* headers)
export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

/** The longest path parameter the router matches (Fastify's default); ids, codes and transactions are far shorter. */
export const longestPathParameter = 100;

/** What a group of routes reads as a body: its byte limit (and the setting that holds it, if any) and its media type. */
export type BodyRules = { maxBytes: number; limitSetting?: string; mediaType: string };

/** The API's bodies: JSON events up to POSTBACK_MAX_EVENT_BYTES. */
export const apiBodies = (maxBytes: number): BodyRules => ({ maxBytes, limitSetting: 'POSTBACK_MAX_EVENT_BYTES', mediaType: 'application/json' });

/** Every error answered as a problem, a body refused in the terms of `bodies` (a plugin may set its own). */
export function problemErrorHandler(bodies: BodyRules) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const known = error instanceof Problem ? error : fromFastifyError(error, bodies);
    if (known.status >= 500) request.log.error({ err: error }, 'request failed');
    void sendProblem(reply, known, request.url);
  };
}

/** Every error and unknown route answered as a problem, and the security headers on every answer. */
export function answerWithProblems(app: FastifyInstance, bodies: BodyRules): void {
  app.setErrorHandler(problemErrorHandler(bodies));
  app.setNotFoundHandler((request, reply) => {
    void sendProblem(reply, notFoundProblem(request.method, request.url), request.url);
  });
  app.addHook('onSend', async (_request, reply) => { void reply.headers(securityHeaders); });
}

export function sendProblem(reply: FastifyReply, known: Problem, instance: string): FastifyReply {
  if (known.code === 'unauthorized') void reply.header('www-authenticate', 'Bearer realm="postback"');
  if (known.code === 'store_unavailable') void reply.header('retry-after', String(storeRetryAfterSeconds));
  // refused before its body arrived (e.g. a bad token): close rather than keep reading a body nobody will use, which
  // a slow client could trickle until POSTBACK_REQUEST_TIMEOUT
  if (!reply.request.raw.complete) void reply.header('connection', 'close');
  // sent as text: a problem is built by one factory and never passes through the route's response schemas, which
  // describe the route's own answers (a 400 of the token endpoint is RFC 6749's shape, a malformed body's is ours)
  return reply.code(known.status).headers(securityHeaders).type('application/problem+json').send(JSON.stringify(known.body(instance)));
}

const tooLongSegment = () => problem('uri_too_long', `A path segment (an id) is longer than ${longestPathParameter} characters; no id is that long. Check the URL.`);

/** Fastify's `frameworkErrors`: the router's errors, raised before any route or hook runs (so headers are set here). */
export function routerErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? tooLongSegment()
    : problem('bad_request', 'The path is not a valid URL: a percent-escape is malformed (e.g. %zz) or not UTF-8 (e.g. %ff). Encode ids with encodeURIComponent.');
  void sendProblem(reply, known, request.url);
}

/**
 * No route matched. The router reports an over-long id only when no other route could take the path, and GET
 * paths all fall through to the dashboard's catch-all, so an over-long segment is recognised here as well.
 */
export function notFoundProblem(method: string, url: string): Problem {
  const path = url.split('?')[0] ?? '';
  if (path.split('/').some((segment) => decodedLength(segment) > longestPathParameter)) return tooLongSegment();
  return problem('not_found', `No route ${method} ${path}. See the README for the API.`);
}

function decodedLength(segment: string): number {
  try { return decodeURIComponent(segment).length; } catch { return segment.length; }
}

/** Fastify's `clientErrorHandler`: the HTTP parser's errors, answered on the raw socket, which is then closed. */
export function clientErrorHandler(requestTimeoutMs: number) {
  return function handle(this: { log: { debug(obj: object, msg: string): void } }, error: NodeJS.ErrnoException, socket: Socket): void {
    // a reset connection has nobody left to answer
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    this.log.debug({ err: error }, 'client error');
    writeProblem(socket, clientProblem(error, requestTimeoutMs));
  };
}

function clientProblem(error: NodeJS.ErrnoException, requestTimeoutMs: number): Problem {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem('request_timeout', `The request did not arrive whole within ${requestTimeoutMs / 1000} s (POSTBACK_REQUEST_TIMEOUT); send the headers and the body without pauses.`);
    case 'HPE_HEADER_OVERFLOW':
      return problem('headers_too_large', 'The request line and headers exceed 16 KiB; send shorter headers (and path).');
    default:
      return problem('bad_request', `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}): header values may not hold control characters, and the framing must be exact.`);
  }
}

/**
 * A whole HTTP/1.1 response written on a raw socket, which is then closed. `lingerMs` 0 destroys it once the answer
 * is flushed (after a parser error nothing more can be read); otherwise what the client still sends is read and
 * dropped for up to that long, so that closing does not reset the connection before the client has read the answer.
 */
export function writeProblem(socket: Socket, known: Problem, lingerMs = 0): void {
  if (!socket.writable) { socket.destroy(); return; }
  const body = JSON.stringify(known.body());
  const headers = { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...securityHeaders, connection: 'close' };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const answer = `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status] ?? ''}\r\n${head}\r\n${body}`;
  if (lingerMs === 0) { socket.end(answer, () => socket.destroy()); return; }
  socket.end(answer);
  socket.resume();
  setTimeout(() => socket.destroy(), lingerMs).unref();
}

/**
 * A store that cannot be reached: nothing was applied, and the same request (with the same Idempotency-Key) works
 * once the database answers again (store-unavailable.ts).
 */
const storeUnavailable = (): Problem => problem('store_unavailable',
  `The database does not answer right now (GET /readyz says why); nothing was applied. Send the same request again in ${storeRetryAfterSeconds} s (Retry-After), with the same Idempotency-Key if it had one.`);

/** Errors Fastify raises while reading a request, as problems; a store that cannot be reached is 503; anything else is ours (500). */
export function fromFastifyError(error: FastifyError, bodies: BodyRules): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', `The body exceeds ${bodies.maxBytes} bytes${bodies.limitSetting === undefined ? '' : ` (${bodies.limitSetting})`}.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem('unsupported_media_type', `Send the body as ${bodies.mediaType}.`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('malformed_json', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem('bad_request', 'Content-Length does not match the body.');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return problem('malformed_json', `The body is not valid JSON: ${error.message}`);
  if (error.statusCode === 400 && /prototype|constructor/i.test(error.message)) return problem('bad_request', 'The body contains a forbidden property (__proto__ or constructor).');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return problem('bad_request', error.message);
  if (isStoreUnreachable(error)) return storeUnavailable();
  return problem('internal', 'Something went wrong on our side; the request was not applied. Try again, and report it if it persists.');
}
