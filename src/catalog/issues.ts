// Turns zod issues into FieldIssues whose path reads like the payload: "data.affiliates[0].name".
import type * as z from 'zod';

export type FieldIssue = { path: string; message: string };

type PathSegment = PropertyKey;

export function joinPath(prefix: string, segments: readonly PathSegment[]): string {
  let path = prefix;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

export function toFieldIssues(prefix: string, issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({ path: joinPath(prefix, issue.path), message: issue.message }));
}

/** Per-parse error map: an absent key reads "Required" instead of "expected string, received undefined". */
export const parseOptions = {
  error: (issue: z.core.$ZodRawIssue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined),
};
