// The catalogue's event data schemas as OpenAPI components (EventData.PURCHASE_APPROVED, ...), with their field docs
// as x- keywords (x-format, x-max-chars, x-sent-to-affiliates), and the catalogue's samples as examples.
import type { z } from 'zod';
import { eventDefinitions, sampleData } from '../../catalog/definitions.ts';
import { eventNames } from '../../catalog/index.ts';

export function eventDataSchemas(toJson: (schema: z.ZodType, io: 'input') => Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(eventNames.map((name) => [`EventData.${name}`, {
    ...toJson(eventDefinitions[name].schema, 'input'),
    description: `data of ${name}: ${eventDefinitions[name].description}`,
    examples: [sampleData(name)],
  }]));
}
