// The language switch: each language named in itself.
import { useId } from 'react';
import { useSettings } from './I18nProvider.tsx';
import { localeNames, locales } from './locales.ts';
import type { Locale } from './locales.ts';
import { useT } from './useT.ts';

export function LanguagePicker() {
  const t = useT();
  const { locale, setLocale } = useSettings();
  const id = useId();
  return (
    <span className="preference">
      <label htmlFor={id} className="visually-hidden">{t('preferences.language')}</label>
      <select id={id} className="compact-select" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {locales.map((item) => <option key={item} value={item} lang={item}>{localeNames[item]}</option>)}
      </select>
    </span>
  );
}
