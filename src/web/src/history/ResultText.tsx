// A delivery's or attempt's outcome in words: "HTTP 200", or the network error by name with its detail on hover.
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { attemptDetail, resultLabel } from './attemptDetail.ts';

export { resultLabel };

export function ResultText({ statusCode, error, detail }: { statusCode: number | null; error: string | null; detail?: string | null }) {
  const t = useT();
  const format = useFormat();
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300 && error === null;
  const tone = ok ? 'result-ok' : statusCode === null && error === null ? 'result-none' : 'result-bad';
  const said = attemptDetail(t, format, statusCode, error, detail ?? null);
  return <span className={`result ${tone}`} title={said.text ?? said.technical ?? undefined}>{resultLabel(t, statusCode, error)}</span>;
}
