// The 1.0.0 field table of every event, built once from the family tables; the renderer, the 1.0.0 checker and
// the catalogue docs all read it, so each mapping from 2.0.0 `data` to a legacy field is declared once.
import { eventDefinitions } from '../definitions.ts';
import { eventNames } from '../event-names.ts';
import type { EventFamily, EventName } from '../event-names.ts';
import type { LegacyField, LegacyKind } from './field.ts';
import { cartLegacyFields, clubLegacyFields, subscriptionLegacyFields } from './other-fields.ts';
import { purchaseLegacyFields } from './purchase-fields.ts';

const tableOfFamily: { readonly [F in EventFamily]: (event: EventName) => readonly LegacyField[] } = {
  purchase: purchaseLegacyFields,
  cart: cartLegacyFields,
  subscription: subscriptionLegacyFields,
  club: clubLegacyFields,
};

const tables = new Map<EventName, readonly LegacyField[]>(
  eventNames.map((event) => [event, Object.freeze(tableOfFamily[eventDefinitions[event].family](event))]),
);

/** The 1.0.0 fields of an event, in the order they are sent. */
export function legacyFieldsOf(event: EventName): readonly LegacyField[] {
  return tables.get(event) ?? [];
}

/** Fields every one of `events` always sends: what the checker requires when the body can be any of them. */
export function requiredLegacyFields(events: readonly EventName[]): string[] {
  const sets = events.map((event) => new Set(legacyFieldsOf(event).filter((f) => f.required).map((f) => f.field)));
  return [...(sets[0] ?? [])].filter((field) => sets.every((set) => set.has(field)));
}

// A field name means one thing in every table (the catalogue test checks it), so its kind is looked up by name.
const kindByName = new Map<string, LegacyKind>();
for (const table of tables.values()) for (const field of table) kindByName.set(field.field, field.kind);

/** How a known 1.0.0 field is written, or undefined for a field no table sends (accepted as free text). */
export function legacyKindOf(field: string): LegacyKind | undefined {
  return kindByName.get(field);
}
