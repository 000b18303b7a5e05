// GET /openapi.json: the OpenAPI 3.1 description of every route registered on the app, built from the zod schemas
// the routes validate with (JSON Schema 2020-12, OpenAPI 3.1's own dialect), their declared security and errors, and
// their examples. Nothing here is written by hand per route: a route that declares no schemas shows up bare, and
// test/openapi.test.ts fails on it.
import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import { postbackVersion } from '../../version.ts';
import type { CollectedRoute } from './collect-routes.ts';
import { eventDataSchemas } from './event-data.ts';
import { problemBody, problemCodesOf, problemResponses } from './problem-responses.ts';
import type { RouteExample } from './route-schema.ts';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = { openapi: '3.1.1'; info: Record<string, unknown>; paths: Record<string, Record<string, unknown>>; components: Record<string, unknown>; tags: unknown[] };

/**
 * Recursive schemas (a conversion template) come out of zod with their own `$defs`, referenced as `#/$defs/...`:
 * inside the document that would point at its root, so each definition moves to components.schemas under a name of
 * its own and the references follow it. Filled while one document is built (buildDocument is synchronous).
 */
let hoisted: Record<string, JsonSchema> = {};
const renamed = (value: unknown, names: Map<string, string>): JsonSchema => {
  let text = JSON.stringify(value);
  for (const [from, to] of names) text = text.replaceAll(`"#/$defs/${from}"`, `"#/components/schemas/${to}"`);
  return JSON.parse(text) as JsonSchema;
};

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  if ($defs === undefined) return json;
  const base = Object.keys(hoisted).length;
  const names = new Map(Object.keys($defs).map((name, i) => [name, `Recursive${base + i + 1}`]));
  for (const [name, definition] of Object.entries($defs)) hoisted[names.get(name)!] = renamed(definition, names);
  return renamed(json, names);
}

const securityRequirements = {
  account: [{ bearerAuth: [] }, { sessionCookie: [] }],
  client: [{ clientBasic: [] }, {}],
  metrics: [{ metricsToken: [] }, {}],
  open: [],
} as const;

/** `/webhooks/:id` → `/webhooks/{id}` */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function parameters(schema: FastifySchema, examples: readonly RouteExample[]): unknown[] {
  const list: unknown[] = [];
  const parts = [['path', schema.params, 'params'], ['query', schema.querystring, 'query'], ['header', schema.headers, 'headers']] as const;
  for (const [where, part, key] of parts) {
    if (part === undefined) continue;
    const json = toJson(part as z.ZodType, 'input');
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = property;
      const named = examples.filter((example) => example[key]?.[name] !== undefined);
      list.push({
        name, in: where, required: where === 'path' || required.has(name), schema: rest,
        ...(typeof description === 'string' ? { description } : {}),
        ...(named.length > 0 ? { examples: Object.fromEntries(named.map((example) => [example.name, { summary: example.summary, value: example[key]![name] }])) } : {}),
      });
    }
  }
  return list;
}

function requestBody(schema: FastifySchema, examples: readonly RouteExample[]): unknown {
  const documented = schema.documentedBody;
  const body = (schema.body as z.ZodType | undefined) ?? documented?.schema;
  if (body === undefined) return undefined;
  const withBody = examples.filter((example) => example.body !== undefined);
  const media = { schema: toJson(body, 'input'), ...(withBody.length > 0 ? { examples: Object.fromEntries(withBody.map((example) => [example.name, { summary: example.summary, value: example.body }])) } : {}) };
  // an optional body (z.optional) may be left out
  return { required: !body.safeParse(undefined).success, content: Object.fromEntries((documented?.contentTypes ?? ['application/json']).map((type) => [type, media])) };
}

function successResponses(schema: FastifySchema): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, body] of Object.entries((schema.response ?? {}) as Record<string, z.ZodType>)) {
    const description = body.description ?? 'OK';
    responses[status] = status === '204' ? { description } : { description, content: { 'application/json': { schema: toJson(body, 'output') } } };
  }
  for (const [status, raw] of Object.entries(schema.rawResponses ?? {})) {
    responses[status] = { description: raw.description, content: { [raw.contentType]: { schema: raw.schema ? toJson(raw.schema, 'output') : { type: 'string' } } } };
  }
  return responses;
}

function operation(route: CollectedRoute, rateLimited: boolean): Record<string, unknown> {
  const schema = route.options.schema ?? {};
  const examples = schema.examples ?? [];
  const security = schema.security ?? 'open';
  const codes = problemCodesOf({
    body: schema.body !== undefined, validated: [schema.body, schema.querystring, schema.params, schema.headers].some((part) => part !== undefined),
    security, method: route.method, rateLimited,
  }, schema.errors ?? []);
  const body = requestBody(schema, examples);
  return {
    operationId: `${route.method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase())}`,
    ...(schema.summary ? { summary: schema.summary } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema.tags ? { tags: [...schema.tags] } : {}),
    security: securityRequirements[security],
    parameters: parameters(schema, examples),
    ...(body === undefined ? {} : { requestBody: body }),
    responses: { ...successResponses(schema), ...problemResponses(codes) },
  };
}

export function buildDocument(routes: CollectedRoute[], options: { rateLimited: boolean }): OpenApiDocument {
  hoisted = {};
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    if (route.options.schema?.hide === true) continue;
    const path = openApiPath(route.url);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, options.rateLimited);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Postback API', version: postbackVersion, license: { name: 'MIT', identifier: 'MIT' },
      description: 'Self-hostable webhook notifications for digital-product sales, Hotmart-compatible. Errors are application/problem+json (RFC 9457). Event data: see the EventData schemas, one per catalogue event.',
    },
    tags: [...new Set(routes.flatMap((route) => route.options.schema?.hide === true ? [] : route.options.schema?.tags ?? []))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An access token from POST /oauth/token (client credentials).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'postback_session', description: 'The dashboard\'s session (POST /api/v1/session); changes also need X-CSRF-Token.' },
        clientBasic: { type: 'http', scheme: 'basic', description: 'Client ID and Client Secret; they may also come as form fields or (Hotmart style) query parameters.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'POSTBACK_METRICS_TOKEN, when set.' },
      },
      schemas: { Problem: toJson(problemBody, 'output'), ...eventDataSchemas(toJson), ...hoisted },
    },
  };
}
