// The 1.0.0 field table of every event, built once from the family tables; the renderer, the 1.0.0 checker and
// the catalogue docs all read it, so each mapping from 2.0.0 `data` to a legacy field is declared once.
import { eventDefinitions, sampleData } from '../definitions.ts';
import { eventNames } from '../event-names.ts';
import type { EventFamily, EventName } from '../event-names.ts';
import { redactForAffiliates, withheldFromAffiliates } from '../redact.ts';
import type { Audience, Sharing } from '../redact.ts';
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

/** Fields every one of `events` always sends to `audience`: what the checker requires when the body can be any of them. */
export function requiredLegacyFields(events: readonly EventName[], audience: Audience = 'producer'): string[] {
  const sets = events.map((event) => new Set(legacyFieldsOf(event).filter((f) => f.required && (audience === 'producer' || !isWithheldFromAffiliates(event, f))).map((f) => f.field)));
  return [...(sets[0] ?? [])].filter((field) => sets.every((set) => set.has(field)));
}

const withheld = new Map<string, ReadonlySet<LegacyField>>();

// A legacy field is withheld from affiliates when the catalogue's redaction removes its source: the 2.0.0 field its
// source path names is withheld, or (for computed fields) it has a value in the event's sample and none in the
// sample as an affiliate receives it. Derived, so the 2.0.0 field docs stay the one truth. `sharing`: as a product
// that shares buyer data (or not, by default) has its affiliates' copies redacted.
export function isWithheldFromAffiliates(event: EventName, field: LegacyField, sharing: Sharing = {}): boolean {
  const key = `${event}:${sharing.shareBuyerData === true}`;
  let set = withheld.get(key);
  if (!set) {
    const full = { event, data: sampleData(event), hottok: 'hottok' };
    const redacted = { ...full, data: redactForAffiliates(event, full.data, sharing) };
    set = new Set(legacyFieldsOf(event).filter((f) => sourceWithheld(event, f.source, sharing) || (f.value(full) !== undefined && f.value(redacted) === undefined)));
    withheld.set(key, set);
  }
  return set.has(field);
}

/** "purchase.payment.billet_url" or "affiliates[0].name, first word": the 2.0.0 path the source starts with. */
function sourceWithheld(event: EventName, source: string, sharing: Sharing): boolean {
  const path = /^[A-Za-z_][\w.[\]]*/.exec(source)?.[0] ?? '';
  return path !== '' && withheldFromAffiliates(event, path.replace(/\[\d+\]/g, '').split('.'), sharing);
}

// A field name means one thing in every table (the catalogue test checks it), so its kind is looked up by name.
const kindByName = new Map<string, LegacyKind>();
for (const table of tables.values()) for (const field of table) kindByName.set(field.field, field.kind);

/** How a known 1.0.0 field is written, or undefined for a field no table sends (accepted as free text). */
export function legacyKindOf(field: string): LegacyKind | undefined {
  return kindByName.get(field);
}
