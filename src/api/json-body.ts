// The API's one JSON body parser: keeps the exact text (idempotency compares requests by it), refuses bodies nested
// deeper than `maxJsonDepth` before parsing them, then parses with Fastify's default parser (which rejects
// prototype poisoning). Registered on the root app, so every route, whoever adds it, gets the same limits.
// Form bodies (the token endpoint) and query strings are parsed flat (fast-querystring: `a[b][c]` is one key), so
// they cannot nest at all.
import type { FastifyInstance } from 'fastify';
import { problem } from './problems.ts';

/**
 * Deepest nesting of objects and arrays a request body may have. Hotmart's payloads nest 5 levels; the limit is far
 * above any real body and far below what breaks code that walks a value recursively (JSON.stringify threw
 * RangeError at ~4,400 levels, structuredClone earlier): a deeper body is a 400, never a 500 somewhere later.
 */
export const maxJsonDepth = 64;

export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    // fails closed: the depth is counted on the text, before anything recursive touches it
    if (nestsDeeperThan(text, maxJsonDepth)) {
      done(problem('json_too_deep', `The body nests objects and arrays more than ${maxJsonDepth} levels deep; flatten it (event data nests a few levels).`), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/**
 * Whether JSON text opens more than `limit` objects or arrays at once, counted in one pass without recursion (so a
 * hostile body cannot exhaust the stack here either). Brackets inside strings do not count. Text that is not JSON
 * gets some answer; the parser that runs next rejects it anyway.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = closingQuote(text, i);
    else if (c === 0x7b || c === 0x5b) { if (++depth > limit) return true; }
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The index of the quote that closes the string opened at `open` (one not escaped by an odd run of backslashes). */
function closingQuote(text: string, open: number): number {
  let quote = open;
  for (;;) {
    quote = text.indexOf('"', quote + 1);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
}

/**
 * The text of the top-level member `key` of a JSON object (the last one, as JSON.parse keeps), without the whitespace
 * between its tokens: numbers, strings and key order as the client wrote them (3.10 stays 3.10, 134.0 stays 134.0, a
 * key "10" stays where it was), which parsing and stringifying again would not keep. For text JSON.parse accepted;
 * undefined when the member is absent or the text is not an object.
 */
export function compactMemberText(text: string, key: string): string | undefined {
  let depth = 0;
  let expectKey = false;
  let capture = false;
  let start = 0;
  let found: [number, number] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const close = closingQuote(text, i);
      if (depth === 1 && expectKey) {
        capture = JSON.parse(text.slice(i, close + 1)) === key;
        expectKey = false;
        i = text.indexOf(':', close + 1);
        start = i + 1;
      } else i = close;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth === 1) expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 1 && capture) { found = [start, i]; capture = false; }
      depth--;
    } else if (c === 0x2c && depth === 1) {
      if (capture) { found = [start, i]; capture = false; }
      expectKey = true;
    }
  }
  return found === undefined ? undefined : withoutWhitespace(text.slice(found[0], found[1]));
}

/** JSON text without the whitespace between its tokens (inside strings it is kept). */
function withoutWhitespace(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = closingQuote(text, i);
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}
