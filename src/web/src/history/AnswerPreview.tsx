// A receiver's answer in a few lines: the code or network error, how long it took, and the start of the body.
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { ResultText } from './ResultText.tsx';

const previewChars = 400;

type Props = { statusCode: number | null; error: string | null; detail?: string | null; durationMs: number; body: string };

export function AnswerPreview({ statusCode, error, detail, durationMs, body }: Props) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="answer" role="status">
      <p className="answer-head"><ResultText statusCode={statusCode} error={error} detail={detail} /> <span className="subtle">· {t('answer.took', { duration: format.duration(durationMs) })}</span></p>
      {detail && <p className="attempt-error">{detail}</p>}
      {body
        ? <pre className="response-body" tabIndex={0} aria-label={t('attempts.responseBody')}>{body.length > previewChars ? `${body.slice(0, previewChars)}…` : body}</pre>
        : <p className="subtle">{t(statusCode === null ? 'attempts.noResponse' : 'attempts.emptyBody')}</p>}
    </div>
  );
}
