// The language and the time zone of every screen. FormatJS react-intl formats the ICU messages of the chosen
// catalogue, and every date and number through Intl in that locale and zone; both choices are switchable and kept
// in this browser.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { loadCatalogue } from './catalogues.ts';
import type { Messages } from './catalogues.ts';
import { defaultLocale, initialLocale, readStored, rememberLocale, writeStored } from './locales.ts';
import type { Locale } from './locales.ts';

/** "local": the browser's zone (the usual), "utc": for comparing with logs and receivers, which speak UTC. */
export type ZoneMode = 'local' | 'utc';

type Settings = { locale: Locale; setLocale: (locale: Locale) => void; zone: ZoneMode; setZone: (zone: ZoneMode) => void; timeZone: string };

const SettingsContext = createContext<Settings | null>(null);

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings outside I18nProvider');
  return settings;
}

const zoneKey = 'postback.zone';
const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// tags used inside messages for emphasis and code, so translators keep the markup without writing JSX
const richTags = {
  strong: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
  code: (chunks: ReactNode[]) => <code>{chunks}</code>,
  mono: (chunks: ReactNode[]) => <span className="mono">{chunks}</span>,
};

export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(initialLocale);
  // the language on screen and its catalogue change together, once the new catalogue has arrived
  const [shown, setShown] = useState<{ locale: Locale; messages: Messages } | null>(null);
  const [zone, setZoneState] = useState<ZoneMode>(() => (readStored(zoneKey) === 'utc' ? 'utc' : 'local'));
  const setLocale = useCallback((next: Locale) => { rememberLocale(next); setWanted(next); }, []);
  const setZone = useCallback((next: ZoneMode) => { writeStored(zoneKey, next); setZoneState(next); }, []);
  useEffect(() => {
    let current = true;
    // fails towards the default: a catalogue that cannot be fetched (an old tab after a deploy) shows pt-BR, and
    // then pt-BR is the language on screen too (<html lang>, dates and numbers), not the one that failed to load
    void loadCatalogue(wanted).then((messages) => ({ locale: wanted, messages }), () => loadCatalogue(defaultLocale).then((messages) => ({ locale: defaultLocale, messages })))
      .then((next) => { if (current) setShown(next); });
    return () => { current = false; };
  }, [wanted]);
  useEffect(() => { if (shown) document.documentElement.lang = shown.locale; }, [shown]);
  const timeZone = zone === 'utc' ? 'UTC' : browserZone();
  const locale = shown?.locale ?? wanted;
  const settings = useMemo(() => ({ locale, setLocale, zone, setZone, timeZone }), [locale, setLocale, zone, setZone, timeZone]);
  if (!shown) return null;
  return (
    <SettingsContext.Provider value={settings}>
      <IntlProvider locale={shown.locale} defaultLocale={defaultLocale} messages={shown.messages} timeZone={timeZone} defaultRichTextElements={richTags}>
        {children}
      </IntlProvider>
    </SettingsContext.Provider>
  );
}
