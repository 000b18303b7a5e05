// Event names in words ("Compra aprovada"), the code name (PURCHASE_APPROVED) kept beside them for developers.
// An event this dashboard does not know yet shows its code.
import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';

function useKnownKey(): (key: string) => key is MessageKey {
  const { messages } = useIntl();
  return useCallback((key: string): key is MessageKey => key in messages, [messages]);
}

export function useEventName(): (code: string) => string {
  const t = useT();
  const known = useKnownKey();
  return useCallback((code: string) => {
    const key = `event.${code}`;
    return known(key) ? t(key) : code;
  }, [t, known]);
}

export function useEventDescription(): (code: string) => string | null {
  const t = useT();
  const known = useKnownKey();
  return useCallback((code: string) => {
    const key = `eventDescription.${code}`;
    return known(key) ? t(key) : null;
  }, [t, known]);
}
