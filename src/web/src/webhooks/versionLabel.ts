// How a payload format version is named on screen.
import type { MessageKey } from '../i18n/catalogues.ts';
import type { Translate } from '../i18n/useT.ts';

// 'hook': the flat JSON of REST hooks (Zapier, n8n, Make), set when a tool subscribes; kept when such a hook is edited.
// 'postback': a conversion postback to an ad network, set up (and changed) on the Ad tracking screen.
const labels: Record<string, MessageKey> = { '2.0.0': 'version.2', '1.0.0': 'version.1', hook: 'version.hook', postback: 'version.postback' };

export const versionLabel = (t: Translate, version: string): string => {
  const key = labels[version];
  return key ? t(key) : version;
};

/** Hotmart's formats are known by their number (what receivers' own docs say); the others in words. */
export const versionName = (t: Translate, version: string): string => (version === '2.0.0' || version === '1.0.0' ? version : versionLabel(t, version));
