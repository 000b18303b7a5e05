// How a payload format version is named on screen.
import type { MessageKey } from '../i18n/catalogues.ts';
import type { Translate } from '../i18n/useT.ts';

const labels: Record<string, MessageKey> = { '2.0.0': 'version.2', '1.0.0': 'version.1' };

export const versionLabel = (t: Translate, version: string): string => {
  const key = labels[version];
  return key ? t(key) : version;
};
