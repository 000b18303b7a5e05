// GET /openapi.json and the API reference pages at /api/docs (/docs is the dashboard's own Documentation tab), rendered by Swagger UI from this install's own copy
// (the swagger-ui-dist package: one prebuilt bundle, no CDN, no request leaves the page but its "Try it out" calls
// to this API). Swagger UI was chosen over Redoc and Scalar for three reasons: it renders OpenAPI 3.1 fully, it lets
// a developer try each route with their token, and it ships as static files with no runtime dependencies.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CollectedRoute } from './collect-routes.ts';
import { buildDocument } from './document.ts';
import type { OpenApiDocument } from './document.ts';
import type { ZodRoutes } from './zod-compilers.ts';

const swaggerUiDir = fileURLToPath(new URL('../../../node_modules/swagger-ui-dist/', import.meta.url));
// fails closed: only these files of the package are served, whatever path is asked
const assets: Record<string, string> = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8' };

// Swagger UI sets inline styles, so its pages allow them; scripts still come only from this server
export const docsCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
  + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postback API reference</title><link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body>
</html>`;

// a file, not an inline script: the page's CSP allows scripts from this server only
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  // no validator badge: it would send the document to an outside service
  validatorUrl: null, tryItOutEnabled: false, persistAuthorization: false,
});`;

const anyObject = z.record(z.string(), z.unknown());
const openApiShape = z.looseObject({ openapi: z.string(), info: anyObject, tags: z.array(anyObject), paths: anyObject, components: anyObject });

export function docsRoutes(routes: CollectedRoute[], options: { rateLimited: boolean }): ZodRoutes {
  return async (app: FastifyInstance) => {
    let document: OpenApiDocument | null = null;
    app.get('/openapi.json', { schema: {
      summary: 'This API\'s OpenAPI 3.1 description', tags: ['Operations'], security: 'open',
      rawResponses: { 200: { contentType: 'application/json', description: 'OpenAPI 3.1 document', schema: openApiShape } },
    } }, async (_request, reply) => {
      // built once, at the first request: by then every plugin has registered its routes
      document ??= buildDocument(routes, options);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(document));
    });
    const withPageCsp = { onSend: async (_request: unknown, reply: { header(name: string, value: string): unknown }) => { reply.header('content-security-policy', docsCsp); } };
    app.get('/api/docs', { schema: { hide: true }, ...withPageCsp }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
    app.get('/api/docs/init.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(init));
    app.get('/api/docs/:asset', { schema: { hide: true } }, async (request, reply) => {
      const asset = (request.params as { asset: string }).asset;
      const type = Object.hasOwn(assets, asset) ? assets[asset] : undefined;
      if (type === undefined) return reply.callNotFound();
      return reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(join(swaggerUiDir, asset)));
    });
  };
}
