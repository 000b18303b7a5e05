// A delivery's or attempt's outcome in words: "HTTP 200", or the network error by name with its detail on hover.
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import type { Translate } from '../i18n/useT.ts';

const errorNames: Record<string, MessageKey> = {
  timeout: 'result.timeout', dns: 'result.dns', dns_not_found: 'result.dnsNotFound', refused: 'result.refused', reset: 'result.reset', tls: 'result.tls',
  blocked_address: 'result.blocked', too_large: 'result.tooLarge', headers_too_large: 'result.headersTooLarge', protocol: 'result.protocol',
  aborted: 'result.aborted', network: 'result.network',
  // a conversion postback recorded as skipped: the sale had no click id to report (src/domain/conversion.ts)
  no_click_id: 'result.noClickId',
};

/** What a result cell says: the HTTP code when there was a response, else the named network error. */
export function resultLabel(t: Translate, statusCode: number | null, error: string | null): string {
  if (statusCode !== null) return `HTTP ${statusCode}`;
  if (error) {
    const key = errorNames[error];
    return key ? t(key) : error.replaceAll('_', ' ');
  }
  return t('result.none');
}

export function ResultText({ statusCode, error, detail }: { statusCode: number | null; error: string | null; detail?: string | null }) {
  const t = useT();
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const tone = ok ? 'result-ok' : statusCode === null && error === null ? 'result-none' : 'result-bad';
  return <span className={`result ${tone}`} title={detail ?? undefined}>{resultLabel(t, statusCode, error)}</span>;
}
