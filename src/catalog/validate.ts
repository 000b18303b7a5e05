// Validation of a 2.0.0 `data` object against its event's schema.
import { eventDefinitions } from './definitions.ts';
import type { EventName } from './event-names.ts';
import { parseOptions, toFieldIssues } from './issues.ts';
import type { FieldIssue } from './issues.ts';
import { withheldFromAffiliates } from './redact.ts';
import type { Audience } from './redact.ts';

export type DataValidation = { ok: true; data: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * Checks `data` for `event`; issue paths start with "data.". On success returns the input object itself, not
 * zod's rebuilt copy: the schemas never transform, and this keeps unknown keys and key order exactly as given.
 * For an affiliate's payload, the fields withheld from affiliates may be absent (everything else is as strict).
 */
export function validateEventData(event: EventName, data: unknown, audience: Audience = 'producer'): DataValidation {
  const result = eventDefinitions[event].schema.safeParse(data, parseOptions);
  const issues = result.success ? [] : result.error.issues.filter((issue) => !(audience === 'affiliate' && isAbsent(data, issue.path) && withheldFromAffiliates(event, issue.path)));
  if (issues.length > 0) return { ok: false, issues: toFieldIssues('data', issues) };
  return { ok: true, data: data as Record<string, unknown> };
}

function isAbsent(data: unknown, path: readonly PropertyKey[]): boolean {
  let node = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return true;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node === undefined;
}
