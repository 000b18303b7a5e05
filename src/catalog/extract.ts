// Keys that fan-out and history need from an event's `data`. Safe on unvalidated input: a missing or
// mistyped key yields undefined rather than throwing.
import { eventDefinitions } from './definitions.ts';
import type { EventName } from './event-names.ts';

/** The value at `path` inside nested objects (arrays are not walked); undefined when any step is missing. */
export function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

// Numbers are rendered in decimal so 123 and "123" match the same product scope; anything else is no id.
function asKey(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/** The product id as a string, e.g. "3718245"; undefined when the data has none. */
export function productIdOf(event: EventName, data: Record<string, unknown>): string | undefined {
  return asKey(valueAt(data, eventDefinitions[event].productIdPath));
}

/** `data.purchase.transaction` when present (purchase family), else undefined. */
export function transactionOf(_event: EventName, data: Record<string, unknown>): string | undefined {
  return asKey(valueAt(data, ['purchase', 'transaction']));
}

/** The subscriber code when the event carries one, else undefined. */
export function subscriberCodeOf(event: EventName, data: Record<string, unknown>): string | undefined {
  const path = eventDefinitions[event].subscriberCodePath;
  return path.length === 0 ? undefined : asKey(valueAt(data, path));
}

/** The affiliate codes a sale is attributed to (`data.affiliates[].affiliate_code`), without repeats; [] when none. */
export function affiliateCodesOf(data: Record<string, unknown>): string[] {
  const affiliates = data.affiliates;
  if (!Array.isArray(affiliates)) return [];
  return [...new Set(affiliates.map(affiliateCodeOf).filter((code) => code !== undefined))];
}

/** One `data.affiliates[]` entry's code as routing matches it (a number in decimal); undefined when it names none. */
export function affiliateCodeOf(affiliate: unknown): string | undefined {
  return typeof affiliate === 'object' && affiliate !== null ? asKey((affiliate as Record<string, unknown>).affiliate_code) : undefined;
}
