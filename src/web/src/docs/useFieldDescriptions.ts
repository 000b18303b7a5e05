// The field descriptions in the dashboard's language, for the documentation's field tables.
import { useEffect, useState } from 'react';
import { useSettings } from '../i18n/I18nProvider.tsx';
import type { Locale } from '../i18n/locales.ts';
import { inEnglish } from './field-descriptions/describe.ts';
import type { DescribeField } from './field-descriptions/describe.ts';
import { loadFieldDescriptions } from './field-descriptions/load.ts';

// kept for the page's lifetime: leaving the documentation and coming back, or switching back to a language, fetches nothing
const loaded = new Map<Locale, DescribeField>([['en', inEnglish]]);

/**
 * null only until the first table arrives, so the page can wait rather than flash English. On a language switch it
 * keeps the previous table until the new one arrives, so the reference (its chosen event and tab) never unmounts.
 */
export function useFieldDescriptions(): DescribeField | null {
  const { locale } = useSettings();
  const [latest, setLatest] = useState<DescribeField | null>(() => loaded.get(locale) ?? null);
  useEffect(() => {
    const cached = loaded.get(locale);
    if (cached) { setLatest(() => cached); return; }
    let current = true;
    // fails towards English, as the message catalogues fail towards pt-BR: a table that cannot be fetched (an old tab
    // after a deploy) must not hide the fields; not cached, so the next visit tries again
    loadFieldDescriptions(locale).then(
      (describe) => { loaded.set(locale, describe); if (current) setLatest(() => describe); },
      () => { if (current) setLatest(() => inEnglish); },
    );
    return () => { current = false; };
  }, [locale]);
  return loaded.get(locale) ?? latest;
}
