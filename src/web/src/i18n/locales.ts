// The dashboard's languages and how one is chosen: the user's own choice (kept in this browser) wins, then the
// first of the browser's languages we have, then pt-BR (most users are Brazilian producers).

export const locales = ['pt-BR', 'es', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'pt-BR';

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export const localeNames: Record<Locale, string> = { 'pt-BR': 'Português (Brasil)', es: 'Español', en: 'English' };

const storageKey = 'postback.locale';

const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (locales as readonly string[]).includes(value);

/** "pt-PT" and "pt" read pt-BR, "es-AR" reads es, "en-GB" reads en; anything else is not ours. */
export function matchLocale(tag: string): Locale | null {
  const language = tag.toLowerCase().split(/[-_]/)[0];
  if (language === 'pt') return 'pt-BR';
  if (language === 'es') return 'es';
  if (language === 'en') return 'en';
  return null;
}

export function initialLocale(): Locale {
  const stored = readStored(storageKey);
  if (isLocale(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return defaultLocale;
}

export function rememberLocale(locale: Locale): void {
  writeStored(storageKey, locale);
}

// storage can be off (private mode, a policy): then the choice lasts for this page only, never an error
export function readStored(key: string): string | null {
  try { return localStorage.getItem(key); } catch { return null; }
}
export function writeStored(key: string, value: string): void {
  try { localStorage.setItem(key, value); } catch { /* this page only */ }
}
