// Writes an event's 2.0.0 `data` as the legacy 1.0.0 form body: flat `name=value` pairs, form-encoded.
import type { EventName } from '../event-names.ts';
import { legacyFieldsOf } from './fields.ts';

/**
 * The form body, fields in table order. A field whose source is absent is left out, never sent as "undefined".
 * Pure: the same event, data and hottok always give the same bytes.
 */
export function renderLegacyForm(event: EventName, data: Record<string, unknown>, hottok: string): string {
  const context = { event, data, hottok };
  const form = new URLSearchParams();
  for (const field of legacyFieldsOf(event)) {
    const value = field.value(context);
    if (value !== undefined) form.append(field.field, value);
  }
  return form.toString();
}
