// The one way a screen says something: t('key', values) for text, rich('key', values) for text with <strong>,
// <code> or a link inside. Keys are typed against the pt-BR catalogue, so a misspelt key does not compile.
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { MessageKey } from './catalogues.ts';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

export type Translate = ((key: MessageKey, values?: MessageValues) => string) & { rich: (key: MessageKey, values?: RichValues) => ReactNode };

export function useT(): Translate {
  const intl = useIntl();
  return useMemo(() => {
    const t = (key: MessageKey, values?: MessageValues): string => intl.formatMessage({ id: key }, values as never) as unknown as string;
    const rich = (key: MessageKey, values?: RichValues): ReactNode => intl.formatMessage({ id: key }, values as never) as ReactNode;
    return Object.assign(t, { rich });
  }, [intl]);
}
