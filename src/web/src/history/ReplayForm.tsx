// "Send to another URL": one copy of this delivery to a URL of the developer's choice (a tunnel, staging), signed
// like an attempt; its answer shows here. It is refused for private networks, recorded in the audit log, and changes
// nothing in this delivery's history.
import { useState } from 'react';
import { replayDelivery } from '../api/endpoints.ts';
import type { ReplayResult } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { isHttpUrl } from '../ui/fieldChecks.ts';
import { TextField } from '../ui/TextField.tsx';
import { AnswerPreview } from './AnswerPreview.tsx';

export function ReplayForm({ deliveryId }: { deliveryId: string }) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [result, setResult] = useState<ReplayResult | null>(null);
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    setResult(null);
    setResult(await replayDelivery(deliveryId, url.trim()));
  }, (): Record<string, string> => (isHttpUrl(url) ? {} : { url: t('webhookForm.urlNeeded') }));
  const blocked = invalidFields(error).get('url')?.includes('POSTBACK_ALLOW_NETWORKS') ?? false;
  const urlError = problems.url ?? (invalidFields(error).has('url') ? t(blocked ? 'webhookForm.urlBlocked' : 'webhookForm.urlNeeded') : undefined);
  return (
    <section className="card stack" aria-labelledby="replay-title">
      <h2 id="replay-title">{t('replay.title')}</h2>
      <p className="subtle">{t('replay.explain')}</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="replay-form">
        <TextField label={t('replay.url')} type="url" inputMode="url" value={url} onChange={setUrl} error={urlError} placeholder="https://staging.example.com/hotmart" />
        <Button type="submit" variant="primary" busy={busy}>{t('replay.submit')}</Button>
      </form>
      <ErrorText message={error && !urlError ? errorText(t, error) : null} />
      {result && (
        <>
          <AnswerPreview statusCode={result.status_code} error={result.error} detail={result.error_detail} durationMs={result.duration_ms} body={result.response_body} />
          <p className="hint">{t('replay.recorded')}</p>
        </>
      )}
    </section>
  );
}
