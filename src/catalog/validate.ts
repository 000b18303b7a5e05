// Validation of a 2.0.0 `data` object against its event's schema.
import { eventDefinitions } from './definitions.ts';
import type { EventName } from './event-names.ts';
import { parseOptions, toFieldIssues } from './issues.ts';
import type { FieldIssue } from './issues.ts';

export type DataValidation = { ok: true; data: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * Checks `data` for `event`; issue paths start with "data.". On success returns the input object itself, not
 * zod's rebuilt copy: the schemas never transform, and this keeps unknown keys and key order exactly as given.
 */
export function validateEventData(event: EventName, data: unknown): DataValidation {
  const result = eventDefinitions[event].schema.safeParse(data, parseOptions);
  if (!result.success) return { ok: false, issues: toFieldIssues('data', result.error.issues) };
  return { ok: true, data: data as Record<string, unknown> };
}
