// One field of the legacy 1.0.0 form body: its name, what it means, where its value comes from in the 2.0.0
// `data`, and how the value is written. The tables in this folder are made of these; the renderer, the checker
// and the docs all read them, so a mapping is declared exactly once.
import type { EventName } from '../event-names.ts';
import { valueAt } from '../extract.ts';
import { isoFromLooseDate } from '../formats.ts';

/** How a value is written on the form, and what the 1.0.0 checker accepts for it. */
export const legacyKinds = {
  text: 'string',
  email: 'email',
  decimal: 'decimal number, 2 places (e.g. 497.00)',
  integer: 'integer',
  boolean: 'true | false',
  datetime: 'ISO-8601 UTC (e.g. 2025-03-10T14:23:05.000Z)',
  status: 'lowercase status (see the status map)',
} as const;

export type LegacyKind = keyof typeof legacyKinds;

/** What a field's value is computed from: the event, its stored 2.0.0 `data`, and the account's hottok. */
export type LegacyContext = { event: EventName; data: Record<string, unknown>; hottok: string };

export type LegacyField = {
  /** The form field name, as Hotmart spelled it (e.g. `prod`, `address_country_ISO`). */
  field: string;
  description: string;
  /** Where the value comes from, for the docs: a dotted path in `data`, or how it is computed. */
  source: string;
  kind: LegacyKind;
  /**
   * Sent whenever the event's 2.0.0 data has the full modern shape (every sample, simulated sale and lifecycle
   * purchase does); the 1.0.0 checker requires it. A relayed older body (a 2022 sale without a currency) may lack
   * it: the renderer leaves out what has no source rather than invent it.
   */
  required: boolean;
  /** The value as sent, or undefined to leave the field out (its source is absent). */
  value(context: LegacyContext): string | undefined;
};

type Options = { kind?: LegacyKind; required?: boolean };

// Money keeps 2 places as the legacy form did ("497.00"); an amount with more places is written in full
// rather than rounded, because a receiver comparing amounts must see what the 2.0.0 body says.
function decimal(value: number): string {
  const fixed = value.toFixed(2);
  return Number(fixed) === value ? fixed : String(value);
}

function datetime(value: unknown): string | undefined {
  return isoFromLooseDate(value) ?? undefined;
}

/**
 * Writes a source value as form text, or undefined when there is none (the form sends the field empty). Fails closed:
 * null, objects, arrays and values of the wrong type have none, so a body never carries "null", "undefined" or
 * "[object Object]".
 */
export function formatValue(kind: LegacyKind, value: unknown): string | undefined {
  if (value === undefined || value === null || typeof value === 'object') return undefined;
  switch (kind) {
    case 'datetime':
      return datetime(value);
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? decimal(value) : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? value : undefined;
    case 'text':
    case 'email':
    case 'status':
      return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  }
}

/** A field copied from one path in `data`. */
export function from(field: string, path: readonly string[], description: string, options: Options = {}): LegacyField {
  return computed(field, path.join('.'), description, (context) => valueAt(context.data, path), options);
}

/** A field read from one path in `data` and translated by `map`; `how` names the translation for the docs. */
export function mapped(field: string, path: readonly string[], how: string, description: string, map: (value: unknown) => unknown, options: Options = {}): LegacyField {
  return computed(field, `${path.join('.')}, ${how}`, description, (context) => map(valueAt(context.data, path)), options);
}

/** A field whose value is computed; `source` says from what, for the docs. */
export function computed(field: string, source: string, description: string, compute: (context: LegacyContext) => unknown, options: Options = {}): LegacyField {
  const kind = options.kind ?? 'text';
  return { field, description, source, kind, required: options.required ?? false, value: (context) => formatValue(kind, compute(context)) };
}

/** The first element of an array (Hotmart's `affiliates` list), as an object to read paths from. */
export function firstOf(value: unknown): Record<string, unknown> {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
}

/** Upper-case 2.0.0 codes (CREDIT_CARD, ACTIVE) become the lowercase the legacy form used (credit_card, active). */
export function lowercase(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}
