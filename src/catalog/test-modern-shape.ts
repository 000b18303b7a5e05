// Test support: the strict check over Postback's own output. Validation accepts every delivery Hotmart has sent
// (older ones lack currencies, affiliate codes...), but what Postback itself renders (samples, test posts,
// simulate, the purchase lifecycle) must carry the full modern shape: every field path the project's modern
// fixture of that event carries, with the same JSON type. Extra fields are fine; a missing one is a gap.
import type { EventName } from './event-names.ts';
import { readFixture } from './test-fixtures.ts';

// The modern reference of each event is its test-post fixture, except where production's wire differs from it:
// UPDATE_SUBSCRIPTION_CHARGE_DATE goes out snake_case (the camelCase post is copied from Hotmart's History screen).
const referenceFile: Partial<Record<EventName, string>> = {
  UPDATE_SUBSCRIPTION_CHARGE_DATE: 'UPDATE_SUBSCRIPTION_CHARGE_DATE.docs.json',
};

/** The fixture whose `data` is the modern shape of `event`. */
export function referenceFileOf(event: EventName): string {
  return referenceFile[event] ?? `${event}.json`;
}

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

// Where production's types differ from the test post: the members-area events send the product id as a string
// (the CLUB_FIRST_ACCESS test post has a number; CLUB_MODULE_COMPLETED's already has the string).
const productionTypes: Partial<Record<EventName, Record<string, JsonType>>> = {
  CLUB_FIRST_ACCESS: { 'product.id': 'string' },
};

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/** Every path in `value` with its JSON type; array elements share one `[]` path. */
export function fieldPaths(value: unknown, prefix = '', out = new Map<string, JsonType>()): Map<string, JsonType> {
  if (prefix !== '') out.set(prefix, jsonType(value));
  if (Array.isArray(value)) for (const item of value) fieldPaths(item, `${prefix}[]`, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) fieldPaths(child, prefix === '' ? key : `${prefix}.${key}`, out);
  }
  return out;
}

/**
 * What `data` lacks of the modern shape of `event`: "path: missing" or "path: number expected, string sent".
 * `absentByDesign` names paths (and everything under them) this data may lack for a stated reason, e.g. the
 * approval date of a purchase that was never approved.
 */
export function modernShapeGaps(event: EventName, data: Record<string, unknown>, absentByDesign: readonly string[] = []): string[] {
  const reference = fieldPaths(readFixture(referenceFileOf(event)).data);
  for (const [path, type] of Object.entries(productionTypes[event] ?? {})) reference.set(path, type);
  const actual = fieldPaths(data);
  const under = (path: string, prefixes: readonly string[]) => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[]`));
  const gaps: string[] = [];
  const missing: string[] = [];
  for (const [path, type] of reference) {
    // one line per missing subtree: what is under a missing object is missing with it
    if (under(path, absentByDesign) || under(path, missing)) continue;
    const sent = actual.get(path);
    if (sent === undefined) {
      missing.push(path);
      gaps.push(`${path}: missing`);
    } else if (sent !== type) gaps.push(`${path}: ${type} expected, ${sent} sent`);
  }
  return gaps;
}
