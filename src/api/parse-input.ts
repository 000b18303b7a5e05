// Parses a request part with a zod schema; failures become one 422 problem that names every bad field.
import type { z } from 'zod';
import { problem } from './problems.ts';
import type { FieldError } from './problems.ts';

/** `where` prefixes each field path: 'body', 'query', 'params', or a single header such as 'headers.idempotency-key'. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const isPart = where === 'body' || where === 'query' || where === 'params';
  const result = schema.safeParse(value === undefined && isPart ? {} : value);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw problem('validation_failed', `Invalid ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
}
