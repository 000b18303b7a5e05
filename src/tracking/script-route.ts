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

type Encoded = { identity: Buffer; gzip: Buffer; br: Buffer; etag: string };

/** The script as served, compressed once at start-up (it is about 2 KB: cheaper than compressing per request). */
function loadCarrier(): Encoded {
  const identity = readFileSync(existsSync(builtCarrierPath) ? builtCarrierPath : carrierSourcePath);
  return { identity, gzip: gzipSync(identity, { level: 9 }), br: brotliCompressSync(identity), etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"` };
}

export function carrierScriptRoute(): FastifyPluginAsync {
  const script = loadCarrier();
  return async (app) => {
    app.get('/tracking.js', async (request, reply) => {
      // the URL is not content-hashed (producers paste it once), so browsers revalidate hourly to pick up a new release
      void reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600')
        .header('etag', script.etag).header('vary', 'accept-encoding')
        // landing pages on any origin load it, also those isolated with Cross-Origin-Embedder-Policy
        .header('cross-origin-resource-policy', 'cross-origin');
      if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
      const accepted = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(script.br);
      if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(script.gzip);
      return reply.send(script.identity);
    });
  };
}
