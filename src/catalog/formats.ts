// Wire-level scalar shapes shared by the payload schemas. Each is undocumented here; a field documents its use.
import * as z from 'zod';

// An error message that says "Required" when the key is absent, else the given explanation.
function requiredOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : message);
}

/** The latest instant a JavaScript Date holds (8.64e15 ms, in the year 275760): a later one cannot be dated or written. */
export const latestDateMs = 8.64e15;

/** Epoch milliseconds, as Hotmart sends every timestamp in 2.0.0: no later than a Date holds. */
export const epochMs = z.number().int().nonnegative().max(latestDateMs, { error: `Expected epoch milliseconds no later than ${latestDateMs}, the latest instant a date holds` });

/**
 * A date as payloads may carry it (epoch ms, a string of digits, ISO-8601 text) as ISO-8601 UTC, for the formats that
 * write dates as text; null for anything else, and for an instant beyond a Date's range (toISOString would throw).
 */
export function isoFromLooseDate(value: unknown): string | null {
  const ms = typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)) ? Number(value) : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= latestDateMs ? new Date(ms).toISOString() : null;
}

// Lenient ISO-8601: a calendar date with optional time and zone. Fails closed on free text like "yesterday",
// open on precision (seconds, fraction and zone are optional) because Hotmart's own examples vary.
const isoPattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export const isoDateTime = z.string().regex(isoPattern, { error: 'Expected an ISO-8601 date, e.g. 2025-01-31T12:00:00Z' });

/** `date_next_charge` is epoch ms in purchases and an ISO string in UPDATE_SUBSCRIPTION_CHARGE_DATE. */
export const epochMsOrIso = z.union([epochMs, isoDateTime], {
  error: requiredOr('Expected epoch milliseconds (integer) or an ISO-8601 date string'),
});

/** The docs example sends `order_date` as a string of digits; real deliveries send a number. */
export const epochMsOrDigits = z.union([epochMs, z.string().regex(/^\d+$/)], {
  error: requiredOr('Expected epoch milliseconds (integer, or a string of digits)'),
});

/** Hotmart product ids are integers; CLUB_MODULE_COMPLETED sends them as strings ("00000"). */
export const integerOrString = z.union([z.number().int(), z.string().min(1)], {
  error: requiredOr('Expected an integer or a non-empty string'),
});

/** A key a receiver relies on: a non-empty string. */
export const nonEmpty = z.string().min(1, { error: 'Must not be empty' });

/** ISO 4217 code as Hotmart sends it ("BRL", "USD"); not checked against the list, new currencies appear. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'Expected a 3-letter currency code, e.g. BRL' });

/** Money amounts are JSON numbers (zod rejects NaN and Infinity). */
export const amount = z.number();

// Deliberately loose: something@something. Fails closed on empty or free text, open on exotic but valid addresses.
export const emailAddress = z.string().regex(/^[^@\s]+@[^@\s]+$/, { error: 'Expected an e-mail address' });
