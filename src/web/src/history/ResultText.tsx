// A delivery's or attempt's outcome in words: "HTTP 200", or the network error by name with its detail on hover.
import { resultLabel } from '../format.ts';

export function ResultText({ statusCode, error, detail }: { statusCode: number | null; error: string | null; detail?: string | null }) {
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const tone = ok ? 'result-ok' : statusCode === null && error === null ? 'result-none' : 'result-bad';
  return <span className={`result ${tone}`} title={detail ?? undefined}>{resultLabel(statusCode, error)}</span>;
}
