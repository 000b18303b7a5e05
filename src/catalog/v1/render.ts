// Writes an event's 2.0.0 `data` as the legacy 1.0.0 form body: flat `name=value` pairs, form-encoded.
import type { EventName } from '../event-names.ts';
import { legacyFieldsOf } from './fields.ts';

/**
 * The form body, every field of the event's table in table order. A field whose source is absent is sent empty
 * (`xcod=`), never as "undefined" and never left out: Hotmart-style forms carry every field, and a legacy receiver
 * reads `$_POST['xcod']` without checking it is there (PHP 8 warns, and a framework turns that into a 500).
 * Pure: the same event, data and hottok always give the same bytes.
 */
export function renderLegacyForm(event: EventName, data: Record<string, unknown>, hottok: string): string {
  const context = { event, data, hottok };
  const form = new URLSearchParams();
  for (const field of legacyFieldsOf(event)) {
    form.append(field.field, field.value(context) ?? '');
  }
  return form.toString();
}
