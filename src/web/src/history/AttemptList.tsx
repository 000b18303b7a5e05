// The response history: per attempt its number, date, duration, code or error, when the next one is due, and the
// receiver's response (headers and body prefix). Where the attempts did not all go where the delivery goes now (its
// webhook's URL changed), each one says where it went.
import type { Attempt } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { attemptDetail } from './attemptDetail.ts';
import { HeadersTable } from './HeadersTable.tsx';
import { ResultText } from './ResultText.tsx';

/**
 * `total`: every attempt of the delivery; the API sends only the latest ones (attempt_history). `webhookUrl`: where
 * the next attempt would go (null when the configuration is gone, undefined while it is not known yet).
 */
export function AttemptList({ attempts, total, nextAttemptAt, webhookUrl }: { attempts: Attempt[]; total: number; nextAttemptAt: string | null; webhookUrl?: string | null }) {
  const t = useT();
  const format = useFormat();
  if (attempts.length === 0) {
    return <p className="subtle">{nextAttemptAt ? t('attempts.noneYetDue', { when: format.relative(nextAttemptAt) }) : t('attempts.noneYet')}</p>;
  }
  const newestFirst = [...attempts].reverse();
  const showUrls = webhookUrl !== undefined && attempts.some((attempt) => attempt.url !== null && attempt.url !== webhookUrl);
  return (
    <>
      <ol className="attempts" reversed>
        {newestFirst.map((attempt, index) => {
          // the attempt after this one (newer), or the scheduled next attempt for the newest
          const next = index === 0 ? nextAttemptAt : newestFirst[index - 1]!.started_at;
          // Postback's own sentences in the user's language; a system's or receiver's own text kept as technical detail
          const detail = attemptDetail(t, format, attempt.status_code, attempt.error, attempt.error_detail);
          return (
            <li key={`${attempt.cycle}-${attempt.number}`} className="attempt card">
              <div className="attempt-head">
                <span className="attempt-number">{t(attempt.cycle > 1 ? 'attempts.numberResend' : 'attempts.number', { number: attempt.number, resend: attempt.cycle - 1 })}</span>
                <ResultText statusCode={attempt.status_code} error={attempt.error} detail={attempt.error_detail} />
              </div>
              <dl className="attempt-facts">
                <div><dt>{t('attempts.date')}</dt><dd>{format.date(attempt.started_at)}</dd></div>
                {showUrls && attempt.url !== null && <div className="attempt-url"><dt>{t('attempts.url')}</dt><dd><code>{attempt.url}</code></dd></div>}
                <div><dt>{t('attempts.duration')}</dt><dd>{format.duration(attempt.duration_ms)}</dd></div>
                <div><dt>{t('attempts.nextRetry')}</dt><dd>{next ? (index === 0 ? `${format.date(next)} (${format.relative(next)})` : format.date(next)) : t('attempts.noNext')}</dd></div>
              </dl>
              {detail.text && <p className="attempt-error">{detail.text}</p>}
              {detail.technical && <p className="attempt-error attempt-technical"><span className="subtle">{t('attempts.technical')}</span> <code>{detail.technical}</code></p>}
              <p className="attempt-label">{t('attempts.responseBody')}</p>
              {attempt.response_body ? <pre className="response-body" tabIndex={0} aria-label={t('attempts.responseBodyOf', { number: attempt.number })}>{attempt.response_body}</pre>
                : <p className="subtle">{t(attempt.status_code === null ? 'attempts.noResponse' : 'attempts.emptyBody')}</p>}
              {Object.keys(attempt.response_headers).length > 0 && (
                <details className="attempt-response">
                  <summary>{t('attempts.responseHeaders')}</summary>
                  <HeadersTable headers={attempt.response_headers} caption={t('attempts.responseHeaders')} />
                </details>
              )}
            </li>
          );
        })}
      </ol>
      {total > attempts.length && <p className="subtle">{t('attempts.earlierNotShown', { count: total - attempts.length })}</p>}
    </>
  );
}
