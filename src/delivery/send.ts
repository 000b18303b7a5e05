// One HTTP attempt of one delivery: send the rendered request (POST, or GET for a postback), read a bounded answer, and turn whatever
// happened into a SendOutcome. Receivers' failures come back as data; only our own bugs throw.
import { attemptSignal } from './attempt-signal.ts';
import { classifyFailure } from './classify-failure.ts';
import type { FailureCause } from './classify-failure.ts';
import type { Dispatcher } from 'undici';
import { parseWebhookUrl } from '../domain/webhook-url.ts';
import type { WebhookTarget } from '../domain/webhook-url.ts';
import type { HttpClient } from './http-client.ts';

export type { FailureCause } from './classify-failure.ts';

/** `method`: POST unless said (a GET sends no body). */
export type OutboundRequest = { url: string; headers: Record<string, string>; body: string | Buffer; method?: 'GET' | 'POST' };

export type SendLimits = {
  /** One total deadline for the attempt: connect, request upload, headers and the whole body read. */
  deadlineMs: number;
  /** Bytes of the response body kept (and returned) as text. */
  maxKeptBytes: number;
  /** Bytes of the response body read at all; past this the connection is dropped and the attempt is 'too_large'. */
  maxResponseBytes: number;
};

export type ReceiverResponse = {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The first maxKeptBytes bytes, decoded as UTF-8 (a multi-byte character cut at the cap is dropped). */
  body: string;
  bodyTruncated: boolean;
  /** Milliseconds (fractional, from performance.now()) from the start of the attempt to the end of the body. */
  durationMs: number;
};

export type PartialResponse = { status: number; headers: Record<string, string>; body: string };

export type SendOutcome =
  | { kind: 'response'; response: ReceiverResponse }
  | { kind: 'network_error'; cause: FailureCause; detail: string; durationMs: number; partial?: PartialResponse };

type Head = { status: number; headers: Record<string, string> };

/** The part of the body kept so far; shared with the error path so a failure mid-body still reports it. */
type KeptBody = { chunks: Buffer[]; keptBytes: number; totalBytes: number };

export async function send(
  client: HttpClient,
  request: OutboundRequest,
  limits: SendLimits,
  signal?: AbortSignal,
): Promise<SendOutcome> {
  const target = parseTarget(request.url);
  const url = target.url;
  const abort = attemptSignal(limits.deadlineMs, signal);
  const started = performance.now();
  const kept: KeptBody = { chunks: [], keptBytes: 0, totalBytes: 0 };
  let head: Head | undefined;

  try {
    const answer = await settleByDeadline(client.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method ?? 'POST',
      headers: outboundHeaders(request.headers, target),
      body: request.method === 'GET' ? null : request.body,
      signal: abort.signal,
    }), abort.signal);
    head = { status: answer.statusCode, headers: flattenHeaders(answer.headers) };
    const complete = await readBounded(answer.body, kept, limits);
    const durationMs = performance.now() - started;
    if (!complete) {
      return {
        kind: 'network_error',
        cause: 'too_large',
        detail: `response body exceeds ${limits.maxResponseBytes} bytes`,
        durationMs,
        partial: { ...head, body: decodeKept(kept, true) },
      };
    }
    const bodyTruncated = kept.totalBytes > kept.keptBytes;
    // undici hands a keep-alive socket back to its pool one event-loop turn after the response ends (to
    // catch servers that close it anyway). Waiting that turn lets the caller's next send to this receiver
    // reuse the socket instead of opening a second one; it costs well under a millisecond.
    await new Promise<void>((resolve) => setImmediate(resolve));
    return {
      kind: 'response',
      response: { ...head, body: decodeKept(kept, bodyTruncated), bodyTruncated, durationMs },
    };
  } catch (error) {
    const aborted = abort.abortedBy();
    const failure = classifyFailure(error, aborted);
    // Fails loudly: an error we cannot name as the receiver's or the network's is our bug, not data.
    if (failure === undefined) throw error;
    const durationMs = performance.now() - started;
    const detail = aborted === 'deadline' ? deadlineDetail(limits.deadlineMs, head, kept) : failure.detail;
    const partial = head === undefined ? {} : { partial: { ...head, body: decodeKept(kept, true) } };
    return { kind: 'network_error', cause: failure.cause, detail, durationMs, ...partial };
  } finally {
    abort.dispose();
  }
}

/**
 * undici only looks at the signal once a request is written to a connected socket: a request still
 * waiting for its connection (a black-holed address, a stalled TLS handshake) would wait for the connect
 * timeout instead of the deadline. So the attempt settles at the abort whatever undici is doing; the
 * orphaned request is aborted by undici as soon as it starts (its signal has fired), and is never sent.
 */
function settleByDeadline(pending: Promise<Dispatcher.ResponseData>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (answer) => {
        signal.removeEventListener('abort', onAbort);
        // Answered just as the attempt was abandoned: nobody will read this body, so free its socket.
        if (settled) answer.body.destroy();
        else resolve(answer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) reject(error);
      },
    );
  });
}

/**
 * A URL the sender cannot use is the caller's bug (URLs are checked on write by the same parser): throw. The
 * dispatcher records such an attempt as an internal_error, so an old row stored before that check fails visibly.
 */
function parseTarget(raw: string): WebhookTarget {
  const verdict = parseWebhookUrl(raw);
  if (!verdict.ok) throw new TypeError(`send() cannot use the webhook URL: ${verdict.reason}`);
  return verdict.target;
}

function outboundHeaders(given: Record<string, string>, target: WebhookTarget): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    // Never ask for compression: a compressed body would have to be inflated to be read, and a gzip
    // bomb is then only bytes on the wire, capped like any other body.
    if (name.toLowerCase() === 'accept-encoding') continue;
    headers[name] = value;
  }
  // Credentials in the URL (https://user:pass@host/) become Basic auth, unless the caller set Authorization.
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  if (target.credentials !== null && !hasAuthorization) {
    headers.authorization = `Basic ${Buffer.from(target.credentials).toString('base64')}`;
  }
  return headers;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    entries.push([name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]);
  }
  // fromEntries defines own properties, so a hostile "__proto__" header is just a key.
  return Object.fromEntries(entries);
}

/**
 * Reads the body, keeping the first maxKeptBytes and discarding the rest (reading it to the end lets the
 * socket be reused). Returns false, after destroying the body, once more than maxResponseBytes arrived:
 * the receiver is not allowed to keep us reading forever.
 */
async function readBounded(body: AsyncIterable<Buffer> & { destroy(): unknown }, kept: KeptBody, limits: SendLimits): Promise<boolean> {
  for await (const chunk of body) {
    kept.totalBytes += chunk.length;
    const room = limits.maxKeptBytes - kept.keptBytes;
    if (room > 0) {
      const slice = chunk.length > room ? chunk.subarray(0, room) : chunk;
      kept.chunks.push(slice);
      kept.keptBytes += slice.length;
    }
    if (kept.totalBytes > limits.maxResponseBytes) {
      body.destroy();
      return false;
    }
  }
  return true;
}

/** UTF-8 text of the kept bytes; when cut at the cap, an incomplete trailing character is dropped, not mangled. */
/** The kept prefix as text: invalid UTF-8 and NUL bytes (binary or gzip answers) become U+FFFD, storable anywhere. */
function decodeKept(kept: KeptBody, cut: boolean): string {
  const bytes = Buffer.concat(kept.chunks, kept.keptBytes);
  // PostgreSQL TEXT refuses NUL: a binary answer must never make its attempt unrecordable
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes, { stream: cut }).replaceAll('\0', '\uFFFD');
}

function deadlineDetail(deadlineMs: number, head: Head | undefined, kept: KeptBody): string {
  return head === undefined
    ? `no response within the ${deadlineMs} ms deadline`
    : `response body not complete within the ${deadlineMs} ms deadline (${kept.totalBytes} bytes read)`;
}
