// What a route declares besides its zod schemas, so the same route options validate it and describe it in
// GET /openapi.json. Fastify compiles only body/querystring/params/headers/response; the keys below are ours.
import type { z } from 'zod';
import type { ProblemCode } from '../problems.ts';

/**
 * Who may call a route. `account`: a bearer token or the dashboard's session cookie (set for the whole /api/v1 scope
 * in app.ts, where the auth hook is); `client`: OAuth client credentials; `metrics`: POSTBACK_METRICS_TOKEN; `open`: anyone.
 */
export type RouteSecurity = 'account' | 'client' | 'metrics' | 'open';

/**
 * One example call. Its `params`, `query` and `body` are shown in the reference pages, and
 * test/openapi-examples.test.ts makes every one of them against a fresh account and expects a documented success.
 * Path parameters that name rows (ids) are left out: the test fills them from rows it creates.
 */
export type RouteExample = {
  name: string;
  summary: string;
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  body?: unknown;
};

/** A response that is not JSON (text, HTML): its media type and a description; JSON responses are zod schemas. */
export type RawResponse = { contentType: string; description: string; schema?: z.ZodType };

declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: readonly string[];
    security?: RouteSecurity;
    /** Problem codes the route itself raises; those of its security and its validated parts are added for it. */
    errors?: readonly ProblemCode[];
    examples?: readonly RouteExample[];
    /** Responses that are not JSON, by status; documented, never serialized through a schema. */
    rawResponses?: Readonly<Record<number, RawResponse>>;
    /** A request body documented but parsed by the route itself (OAuth's form body, read from three places). */
    documentedBody?: { contentTypes: readonly string[]; schema: z.ZodType };
    /** Kept out of GET /openapi.json (the dashboard's pages and the reference pages themselves). */
    hide?: boolean;
  }
}
