// Validation of a legacy 1.0.0 form body as a receiver sees it: required fields present, each known field
// written the way its table says, and no serialisation accidents ("undefined", "[object Object]").
import { eventNames } from '../event-names.ts';
import type { EventName } from '../event-names.ts';
import { emailAddress, isoDateTime } from '../formats.ts';
import type { FieldIssue } from '../issues.ts';
import type { Audience } from '../redact.ts';
import { callbackTypeList, callbackTypes, eventsOfCallbackType } from './common-fields.ts';
import { legacyKindOf, requiredLegacyFields } from './fields.ts';
import { isLegacyStatus, legacyStatuses } from './status-map.ts';

export type LegacyValidation =
  /** `events`: what the body can be (one event, or the nine purchase events that share callback_type 1). */
  | { ok: true; events: EventName[]; fields: Record<string, string> }
  | { ok: false; issues: FieldIssue[] };

type Requirements = { events: EventName[]; required: string[]; issues: FieldIssue[] };

function parseForm(text: string): { fields: Map<string, string>; issues: FieldIssue[] } {
  const fields = new Map<string, string>();
  const issues: FieldIssue[] = [];
  // trimmed: a file saved by an editor ends with a newline that would otherwise join the last value
  for (const [name, value] of new URLSearchParams(text.trim())) {
    if (fields.has(name)) issues.push({ path: name, message: 'Sent more than once; a receiver reads only one of the values' });
    else fields.set(name, value);
  }
  return { fields, issues };
}

// The form carries no event name: `callback_type` says which events it can be, and the body must carry what all of
// them always send. Without one it is checked as a purchase (fails closed: the strictest set, and what Hotmart's
// own 1.0.0 bodies were); `callback_type` is then reported missing.
function requirementsOf(fields: Map<string, string>, event: EventName | undefined, audience: Audience): Requirements {
  const callbackType = fields.get('callback_type') ?? '';
  if (event !== undefined) {
    const required = requiredLegacyFields([event], audience);
    const mismatch = callbackType !== '' && callbackType !== callbackTypes[event];
    return { events: [event], required, issues: mismatch ? [{ path: 'callback_type', message: `Expected ${callbackTypes[event]} for ${event}` }] : [] };
  }
  const events = eventsOfCallbackType(callbackType === '' ? callbackTypes.PURCHASE_APPROVED : callbackType);
  if (events.length > 0) return { events, required: requiredLegacyFields(events, audience), issues: [] };
  const unknown = { path: 'callback_type', message: `Unknown callback_type "${callbackType}"; expected ${callbackTypeList}` };
  return { events, required: requiredLegacyFields(eventNames, audience), issues: [unknown] };
}

const brokenValues = new Set(['undefined', 'null', '[object Object]', 'NaN']);

function valueIssue(name: string, value: string): string | undefined {
  if (brokenValues.has(value)) return `"${value}" is a serialisation bug, not a value; send the field empty instead`;
  if (value === '') return undefined;
  switch (legacyKindOf(name)) {
    case 'email': return emailAddress.safeParse(value).success ? undefined : 'Expected an e-mail address';
    case 'decimal': return /^-?\d+(?:\.\d+)?$/.test(value) ? undefined : 'Expected a decimal number, e.g. 497.00';
    case 'integer': return /^-?\d+$/.test(value) ? undefined : 'Expected an integer';
    case 'boolean': return value === 'true' || value === 'false' ? undefined : 'Expected true or false';
    case 'datetime': return isoDateTime.safeParse(value).success ? undefined : 'Expected an ISO-8601 date, e.g. 2025-03-10T14:23:05.000Z';
    case 'status': return isLegacyStatus(value) ? undefined : `Unknown status "${value}"; expected one of ${legacyStatuses.join(', ')}`;
    // text, and fields no table sends (Hotmart sent more than Postback maps): any value
    default: return undefined;
  }
}

/**
 * Checks a 1.0.0 form body; with `event`, against what that event always sends, else against what the events its
 * `callback_type` stands for always send (to `audience`: affiliates lack the fields withheld from them). Reports
 * every issue, each naming its field; unknown fields are accepted.
 */
export function validateLegacyForm(text: string, event?: EventName, audience: Audience = 'producer'): LegacyValidation {
  const { fields, issues } = parseForm(text);
  if (fields.size === 0) return { ok: false, issues: [{ path: '', message: 'Empty form body; expected name=value pairs joined by &' }] };
  const requirements = requirementsOf(fields, event, audience);
  issues.push(...requirements.issues);
  for (const name of requirements.required) {
    const value = fields.get(name);
    if (value === undefined) issues.push({ path: name, message: 'Required' });
    else if (value === '') issues.push({ path: name, message: 'Must not be empty' });
  }
  for (const [name, value] of fields) {
    const message = valueIssue(name, value);
    if (message !== undefined) issues.push({ path: name, message });
  }
  // Fails closed: any issue rejects the body; an unknown callback_type always left one, so events is not empty here.
  if (issues.length > 0 || requirements.events.length === 0) return { ok: false, issues };
  return { ok: true, events: requirements.events, fields: Object.fromEntries(fields) };
}
