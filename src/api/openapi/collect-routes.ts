// The registry of documented routes is Fastify's own: every route registered on the app is seen here (onRoute), with
// the schemas it validates with. GET /openapi.json reads them when asked, after every plugin has registered.
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteSecurity } from './route-schema.ts';

export type CollectedRoute = { method: string; url: string; options: RouteOptions };

/** Starts collecting: call before any route is registered. The list fills as routes register. */
export function collectRoutes(app: FastifyInstance): CollectedRoute[] {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) if (method !== 'HEAD') routes.push({ method, url: options.url, options });
  });
  return routes;
}

/**
 * An onRoute hook that says who may call the routes of a scope, for those that do not say it themselves. It sits
 * where the scope's auth hook is added (app.ts), so what is documented is what is enforced; the examples test
 * calls each route with exactly the credentials documented and would fail on a mismatch.
 */
export function documentSecurity(security: RouteSecurity) {
  return (options: RouteOptions): void => {
    options.schema = { ...options.schema, security: options.schema?.security ?? security };
  };
}

/** An onRoute hook for a scope whose routes are pages, not API (the dashboard): kept out of the document. */
export function hideFromDocument(options: RouteOptions): void {
  options.schema = { ...options.schema, hide: true };
}
