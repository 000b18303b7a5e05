// Serves the dashboard (the React app built into dist/web) at `/`: hashed assets cached for a year, index.html
// revalidated on every load, .br/.gz siblings made at build time sent to browsers that accept them, and any other
// page path answered with index.html so the app's own routes survive a reload (SPA fallback).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { pickLanguage, type PageLanguage } from '../domain/page-language.ts';

const builtWebDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// the API answers `default-src 'none'`; the dashboard needs its own scripts, styles and API calls, nothing else
export const dashboardCsp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
  + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// fails closed: only names a Vite build produces are looked up on disk; anything else is a page path or a 404
const hashedAsset = /^\/assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const topLevelFile = /^\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.(?:svg|ico|png|txt|webmanifest)$/;
const fileLike = /\.[A-Za-z0-9]+$/;
// the API's paths and the operators' (probes, metrics, the API reference) are never a dashboard page
const apiPath = /^\/(?:api|oauth|security|health|healthz|readyz|metrics|openapi\.json)(?:\/|$)/;

export function dashboardRoutes(config: { webDir: string }): FastifyPluginAsync {
  const root = config.webDir === '' ? builtWebDir : resolve(config.webDir);
  return async (app) => {
    await app.register(fastifyStatic, {
      root, serve: false, preCompressed: true, cacheControl: false, suppressWarning: true,
      setHeaders: (reply, path) => {
        // Vite names assets by content hash, so a changed file is a new URL: caching the old one forever is safe
        void reply.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.addHook('onSend', async (_request, reply) => {
      // API-style problems raised here (a missing asset) keep the API's stricter policy
      if (!String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json')) void reply.header('content-security-policy', dashboardCsp);
    });
    app.get('/*', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (apiPath.test(path)) return reply.callNotFound();
      // checked per request (one stat), so running `npm run build:web` fixes a running server without a restart
      if (!existsSync(join(root, 'index.html'))) {
        const page = missingBundlePage(pickLanguage(request.headers['accept-language']), root);
        return reply.code(503).header('cache-control', 'no-store').header('vary', 'accept-language').type('text/html; charset=utf-8').send(page);
      }
      if (hashedAsset.test(path) || topLevelFile.test(path)) return reply.sendFile(path.slice(1));
      if (fileLike.test(path)) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  };
}

const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const missingBundleWords: Record<PageLanguage, { title: string; heading: string; found: string; then: string }> = {
  'pt-BR': {
    title: 'Postback: painel não compilado', heading: 'O painel ainda não foi compilado',
    found: 'O Postback não encontrou o pacote do painel em {root}. Compile-o uma vez com:',
    then: 'e recarregue esta página (não é preciso reiniciar). O <code>npm ci</code> também o compila. A API funciona enquanto isso em <code>/api/v1</code>.',
  },
  es: {
    title: 'Postback: panel sin compilar', heading: 'El panel todavía no está compilado',
    found: 'Postback no encontró el paquete del panel en {root}. Compílalo una vez con:',
    then: 'y recarga esta página (no hace falta reiniciar). <code>npm ci</code> también lo compila. Mientras tanto, la API funciona en <code>/api/v1</code>.',
  },
  en: {
    title: 'Postback: dashboard not built', heading: 'The dashboard is not built yet',
    found: 'Postback found no dashboard bundle in {root}. Build it once with:',
    then: 'then reload this page (no restart needed). <code>npm ci</code> builds it too. The API works meanwhile at <code>/api/v1</code>.',
  },
};

function missingBundlePage(language: PageLanguage, root: string): string {
  const words = missingBundleWords[language];
  return `<!doctype html><html lang="${language}"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${words.title}</title>
<h1>${words.heading}</h1>
<p>${words.found.replace('{root}', `<code>${escapeHtml(root)}</code>`)}</p>
<pre>npm run build:web</pre>
<p>${words.then}</p>
</html>`;
}
