// What the members area keeps of one notification, whichever format it came in: the facts access is decided from.
import { createHash } from 'node:crypto';
import { pageLanguages, type PageLanguage } from '../../domain/page-language.ts';
import type { AccessFact } from '../access/decide-access.ts';

// the members area speaks the languages of every public page (and picks among them as they do)
export const languages = pageLanguages;
export type Language = PageLanguage;

export type Notification = AccessFact & {
  format: '2.0.0' | '1.0.0';
  /** Lower-cased; null when the event names nobody (a cart event without e-mail, say). */
  email: string | null;
  buyerName: string | null;
  /** The buyer's language where the checkout country tells it; null: unknown (pt-BR is used). */
  language: Language | null;
  productId: string | null;
  productName: string | null;
};

const portuguese = new Set(['BR', 'PT', 'AO', 'MZ', 'CV', 'GW', 'ST', 'TL']);
const spanish = new Set(['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY', 'GQ', 'PR']);

/** The buyer's language from the checkout (or address) country, ISO 3166 alpha-2; null when there is none. */
export function languageOfCountry(iso: unknown): Language | null {
  if (typeof iso !== 'string' || !/^[A-Za-z]{2}$/.test(iso)) return null;
  const code = iso.toUpperCase();
  return portuguese.has(code) ? 'pt-BR' : spanish.has(code) ? 'es' : 'en';
}

export const normalizeEmail = (value: unknown): string | null => (typeof value === 'string' && value.includes('@') ? value.trim().toLowerCase() : null);

export const textOrNull = (value: unknown): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/** The largest epoch ms a Date can hold (either way): the bound of an instant the area stores. */
const latestMs = 8.64e15;

/**
 * Epoch ms from a number of ms or an ISO-8601 text (Hotmart sends both); null otherwise, and for what no Date holds
 * (a fraction, 1e300): such a number cannot be stored in an INTEGER column, and answered 500.
 */
export function instantOrNull(value: unknown): number | null {
  const ms = typeof value === 'number' ? value
    : typeof value === 'string' && value !== '' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : Number.NaN;
  return Number.isInteger(ms) && Math.abs(ms) <= latestMs ? ms : null;
}

/** An id for a notification that came without one (a bare 1.0.0 form): the same body always gets the same id. */
export function contentId(body: string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}
