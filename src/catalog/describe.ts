// The catalogue as data: drives GET /api/v1/catalog and the docs tab.
import { eventDefinitions, sampleData } from './definitions.ts';
import { eventNames, formatVersions } from './event-names.ts';
import type { EventFamily, EventName, FormatVersion } from './event-names.ts';
import { fieldsOf } from './fields.ts';
import type { CatalogField } from './fields.ts';

export type CatalogEvent = {
  name: EventName;
  description: string;
  family: EventFamily;
  versions: FormatVersion[];
  fields: CatalogField[];
  sample: Record<string, unknown>;
};

/** Every event, in catalogue order, with fresh copies of its fields and sample (callers may mutate them). */
export function describeCatalog(): CatalogEvent[] {
  return eventNames.map((name) => {
    const definition = eventDefinitions[name];
    return {
      name,
      description: definition.description,
      family: definition.family,
      versions: [...formatVersions],
      fields: fieldsOf(definition.schema).map((field) => ({ ...field })),
      sample: sampleData(name),
    };
  });
}
