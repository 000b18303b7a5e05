// The catalogue as data: drives GET /api/v1/catalog and the docs tab.
import { eventDefinitions, sampleData, wireEnvelopeOf } from './definitions.ts';
import { eventNames, formatVersions } from './event-names.ts';
import type { EventFamily, EventName, FormatVersion } from './event-names.ts';
import { fieldsOf } from './fields.ts';
import type { CatalogField } from './fields.ts';
import { redactForAffiliates } from './redact.ts';
import { legacyKinds } from './v1/field.ts';
import { isWithheldFromAffiliates, legacyFieldsOf } from './v1/fields.ts';
import { renderLegacyForm } from './v1/render.ts';
import { unsentLegacyFieldsOf } from './v1/not-sent.ts';
import type { UnsentLegacyField } from './v1/not-sent.ts';
import { legacyStatuses } from './v1/status-map.ts';

/** One field of the 1.0.0 form body, documented from the same table the renderer and the checker use. */
export type LegacyCatalogField = {
  name: string;
  description: string;
  /** Where the value comes from in the 2.0.0 `data` (a dotted path), or how it is computed. */
  source: string;
  format: string;
  /** Sent whenever the event's data has the full modern shape; `postback check-payload` requires it. */
  required: boolean;
  /** Whether affiliates get it when the product does not share buyer data (derived from the 2.0.0 fields' docs). */
  sent_to_affiliates: boolean;
  /** Whether they get it when the product shares buyer data (never: the producer's document, the buyer's IP). */
  sent_to_affiliates_when_shared: boolean;
};

export type CatalogEvent = {
  name: EventName;
  description: string;
  family: EventFamily;
  versions: FormatVersion[];
  /** How production writes this event's 2.0.0 envelope: the creation date's key, and whether the hottok is always in the body. */
  envelope: { creation_date_key: 'creation_date' | 'creationDate'; hottok_in_body: boolean };
  /** The 2.0.0 `data` fields. */
  fields: CatalogField[];
  /** The 1.0.0 form fields, in the order they are sent. */
  legacy_fields: LegacyCatalogField[];
  /** The fields of Hotmart's 1.0.0 form this event never carries, and why. */
  legacy_fields_not_sent: UnsentLegacyField[];
  sample: Record<string, unknown>;
  /** The sample as an affiliate receives it when the product does not share buyer data. */
  affiliate_sample: Record<string, unknown>;
  /** Both samples rendered as 1.0.0 form bodies (with a placeholder hottok). */
  legacy_sample: string;
  affiliate_legacy_sample: string;
};

/** Stands in for the account's hottok in the documented 1.0.0 samples. */
const sampleHottok = 'YOUR_HOTTOK';

function legacyFieldDocs(name: EventName): LegacyCatalogField[] {
  return legacyFieldsOf(name).map((field) => ({
    name: field.field,
    description: field.description,
    source: field.source,
    format: field.kind === 'status' ? `enum: ${legacyStatuses.join('|')}` : legacyKinds[field.kind],
    required: field.required,
    sent_to_affiliates: !isWithheldFromAffiliates(name, field),
    sent_to_affiliates_when_shared: !isWithheldFromAffiliates(name, field, { shareBuyerData: true }),
  }));
}

/** Every event, in catalogue order, with fresh copies of its fields and sample (callers may mutate them). */
export function describeCatalog(): CatalogEvent[] {
  return eventNames.map((name) => {
    const definition = eventDefinitions[name];
    return {
      name,
      description: definition.description,
      family: definition.family,
      versions: [...formatVersions],
      envelope: (({ creationDateKey, hottokInBody }) => ({ creation_date_key: creationDateKey, hottok_in_body: hottokInBody }))(wireEnvelopeOf(name)),
      fields: fieldsOf(definition.schema).map((field) => ({ ...field })),
      legacy_fields: legacyFieldDocs(name),
      legacy_fields_not_sent: unsentLegacyFieldsOf(definition.family).map((field) => ({ ...field })),
      sample: sampleData(name),
      affiliate_sample: redactForAffiliates(name, sampleData(name)),
      legacy_sample: renderLegacyForm(name, sampleData(name), sampleHottok),
      affiliate_legacy_sample: renderLegacyForm(name, redactForAffiliates(name, sampleData(name)), sampleHottok),
    };
  });
}
