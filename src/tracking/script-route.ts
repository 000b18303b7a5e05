// Serves the carrier script at GET /tracking.js to every landing page that embeds it (any origin: a <script src>
// needs no CORS). The minified build (dist/tracking/tracking.js, made by `npm run build:tracking`) when present,
// else the readable source, which works the same and is only larger: fails open toward a working script.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';

export const carrierSourcePath = fileURLToPath(new URL('./tracking.js', import.meta.url));
export const builtCarrierPath = fileURLToPath(new URL('../../dist/tracking/tracking.js', import.meta.url));

type Encoding = 'br' | 'gzip' | 'identity';
type Encoded = Record<Encoding, { body: Buffer; etag: string }>;

/**
 * The script as served, compressed once at start-up (it is about 2 KB: cheaper than compressing per request). Each
 * encoding is a representation of its own with its own ETag (the hash, suffixed), so a cache that keeps the gzip
 * bytes never has them confirmed for a request that gets br, and the other way round.
 */
function loadCarrier(): Encoded {
  const identity = readFileSync(existsSync(builtCarrierPath) ? builtCarrierPath : carrierSourcePath);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 22);
  return {
    br: { body: brotliCompressSync(identity), etag: `"${hash}-br"` },
    gzip: { body: gzipSync(identity, { level: 9 }), etag: `"${hash}-gz"` },
    identity: { body: identity, etag: `"${hash}"` },
  };
}

/**
 * Whether If-None-Match names `etag`, by weak comparison as RFC 9110 (13.1.2) asks: `*`, or any tag of the list with
 * its W/ dropped. A proxy that compresses on the fly weakens the tag it forwards (nginx: "abc" becomes W/"abc").
 */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  // an entity-tag may hold a comma, so the list is read tag by tag rather than split
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === etag);
}

export function carrierScriptRoute(): FastifyPluginAsync {
  const script = loadCarrier();
  return async (app) => {
    app.get('/tracking.js', async (request, reply) => {
      const accepted = String(request.headers['accept-encoding'] ?? '');
      const encoding: Encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
      const chosen = script[encoding];
      // the URL is not content-hashed (producers paste it once), so browsers revalidate hourly to pick up a new release
      void reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600')
        .header('etag', chosen.etag).header('vary', 'accept-encoding')
        // landing pages on any origin load it, also those isolated with Cross-Origin-Embedder-Policy
        .header('cross-origin-resource-policy', 'cross-origin');
      if (noneMatch(request.headers['if-none-match'], chosen.etag)) return reply.code(304).send();
      if (encoding !== 'identity') void reply.header('content-encoding', encoding);
      return reply.send(chosen.body);
    });
  };
}
