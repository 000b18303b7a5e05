// The response history: per attempt its number, date, duration, code or error, when the next one is due, and the
// receiver's response (headers and body prefix).
import type { Attempt } from '../api/types.ts';
import { formatDate, formatDuration, formatIn } from '../format.ts';
import { HeadersTable } from './HeadersTable.tsx';
import { ResultText } from './ResultText.tsx';

export function AttemptList({ attempts, nextAttemptAt }: { attempts: Attempt[]; nextAttemptAt: string | null }) {
  if (attempts.length === 0) {
    return <p className="subtle">No attempt yet{nextAttemptAt ? `: the first is due ${formatIn(nextAttemptAt)}` : ''}.</p>;
  }
  const newestFirst = [...attempts].reverse();
  return (
    <ol className="attempts" reversed>
      {newestFirst.map((attempt, index) => {
        // the attempt after this one (newer), or the scheduled next attempt for the newest
        const next = index === 0 ? nextAttemptAt : newestFirst[index - 1]!.started_at;
        return (
          <li key={`${attempt.cycle}-${attempt.number}`} className="attempt card">
            <div className="attempt-head">
              <span className="attempt-number">Attempt {attempt.number}{attempt.cycle > 1 ? ` · resend ${attempt.cycle - 1}` : ''}</span>
              <ResultText statusCode={attempt.status_code} error={attempt.error} detail={attempt.error_detail} />
            </div>
            <dl className="attempt-facts">
              <div><dt>Date</dt><dd>{formatDate(attempt.started_at)}</dd></div>
              <div><dt>Duration</dt><dd>{formatDuration(attempt.duration_ms)}</dd></div>
              <div><dt>Next retry</dt><dd>{next ? (index === 0 ? `${formatDate(next)} (${formatIn(next)})` : formatDate(next)) : 'None'}</dd></div>
            </dl>
            {attempt.error_detail && <p className="attempt-error">{attempt.error_detail}</p>}
            <p className="attempt-label">Response body</p>
            {attempt.response_body ? <pre className="response-body" tabIndex={0} aria-label={`Response body of attempt ${attempt.number}`}>{attempt.response_body}</pre>
              : <p className="subtle">{attempt.status_code === null ? 'No response was received.' : 'The receiver sent no body.'}</p>}
            {Object.keys(attempt.response_headers).length > 0 && (
              <details className="attempt-response">
                <summary>Response headers</summary>
                <HeadersTable headers={attempt.response_headers} caption="Response headers" />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
