// Validation of a whole 2.0.0 delivery body as a receiver sees it: { id, creation_date, event, version, data }.
import * as z from 'zod';
import { validateEventData } from './validate.ts';
import { eventNames, isEventName } from './event-names.ts';
import type { EventName } from './event-names.ts';
import { epochMs, nonEmpty } from './formats.ts';
import { parseOptions, toFieldIssues } from './issues.ts';
import type { Audience } from './redact.ts';
import type { FieldIssue } from './issues.ts';

export type EnvelopeValidation =
  | { ok: true; event: EventName; id: string; creationDate: number; data: Record<string, unknown> }
  | { ok: false; issues: FieldIssue[] };

// `id` is a UUID on the wire but the docs example sends "1234567890123456789": any non-empty string passes.
// Real CLUB_FIRST_ACCESS deliveries say `creationDate`, and so does Hotmart's History screen's copy of an
// UPDATE_SUBSCRIPTION_CHARGE_DATE (its wire body says `creation_date`: definitions.ts); one spelling is required.
const envelope = z.looseObject({
  id: nonEmpty,
  event: z.string(),
  version: z.literal('2.0.0', { error: (i) => (i.input === undefined ? 'Required' : 'Expected "2.0.0"') }),
  creation_date: epochMs.optional(),
  creationDate: epochMs.optional(),
  hottok: z.string().optional(),
  data: z.looseObject({}),
});

type Envelope = z.output<typeof envelope>;

// Checked by hand, not with a zod refine: a refine is skipped when other keys already failed.
function creationIssue(fields: Partial<Record<keyof Envelope, unknown>>): FieldIssue[] {
  if (fields.creation_date !== undefined || fields.creationDate !== undefined) return [];
  return [{ path: 'creation_date', message: 'Required (creation_date, or creationDate)' }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function eventIssue(event: unknown): FieldIssue[] {
  if (typeof event !== 'string' || isEventName(event)) return [];
  return [{ path: 'event', message: `Unknown event "${event}"; expected one of ${eventNames.join(', ')}` }];
}

/** Checks the envelope and, when the event name is known, its `data`; reports every issue found, not the first. */
export function validateEnvelope(payload: unknown, audience: Audience = 'producer'): EnvelopeValidation {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, issues: [{ path: '', message: 'Expected a JSON object' }] };
  }
  const parsed = envelope.safeParse(payload, parseOptions);
  const issues = parsed.success ? [] : toFieldIssues('', parsed.error.issues);
  const fields = payload as Partial<Record<keyof Envelope, unknown>>;
  issues.push(...creationIssue(fields), ...eventIssue(fields.event));
  const data = fields.data;
  if (isEventName(fields.event) && isRecord(data)) {
    const checked = validateEventData(fields.event, data, audience);
    if (!checked.ok) issues.push(...checked.issues);
  }
  // Fails closed: any issue anywhere rejects the whole body; the checks above guarantee every branch has one.
  const creation = parsed.success ? (parsed.data.creation_date ?? parsed.data.creationDate) : undefined;
  if (!parsed.success || issues.length > 0 || !isEventName(fields.event) || !isRecord(data) || creation === undefined) {
    return { ok: false, issues };
  }
  // The caller's own `data` object, as validateEventData returns it: unknown keys and key order untouched.
  return { ok: true, event: fields.event, id: parsed.data.id, creationDate: creation, data };
}
