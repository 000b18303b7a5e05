// Fastify compiles route schemas with these: zod parses each request part (its output, defaults and transforms
// applied, becomes request.body/query/params) and every JSON response goes through its schema before it is sent.
// One schema thus validates the request, types the handler, checks the response and describes the route.
import type { FastifyPluginAsync, FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider, RawServerDefault } from 'fastify';
import type { z } from 'zod';
import { parseInput } from '../parse-input.ts';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

const partNames: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** A bad part becomes the API's one 422 problem naming each field (the error handler sends it as problem+json). */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = partNames[httpPart ?? 'body'] ?? 'body';
  // a route whose body may be left out says so with an optional schema (rotate-secret's choice of overlap)
  const absentAllowed = part !== 'body' || schema.safeParse(undefined).success;
  return (data: unknown) => {
    try {
      // Fastify passes null both for a JSON `null` body and for a part that is absent: an absent query or params is
      // an empty object, an optional body is absent; otherwise a null body is what it says (a body schema expects an
      // object: the error names `body`)
      const value = parseInput(schema, data === null && absentAllowed ? undefined : data, part);
      // headers are checked, not replaced: the schema names only the headers a route reads
      return { value: part === 'headers' ? { ...(data as object), ...(value as object) } : value };
    } catch (error) {
      return { error: error as Error };
    }
  };
};

/**
 * Fails closed: a response that does not match its schema is our bug, answered 500 and logged, never sent half
 * right. Keys a schema does not name are dropped, so a presenter can never leak a field the API does not document.
 */
export const zodSerializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url, httpStatus }) => (data: unknown) => {
  const result = schema.safeParse(data);
  if (!result.success) throw new Error(`response of ${method} ${url} (${httpStatus}) does not match its schema: ${result.error.message}`);
  return JSON.stringify(result.data);
};

/** A route plugin whose handlers are typed by their zod schemas. */
export type ZodRoutes = FastifyPluginAsync<Record<never, never>, RawServerDefault, ZodTypeProvider>;
