// Send a test: the event's sample as this configuration would receive it, editable, posted signed like any real
// post and marked as a test; the receiver's answer (code, time, the start of the body) shows here within seconds.
// An ad network's postback knows nothing of our test marker: the text says what the network does with it (Meta's
// carries the Test Events code, and without one the test is not offered, as the API refuses it: the code is set,
// changed or cleared right here).
import { useEffect, useState } from 'react';
import { getTestSample } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import { errorText, invalidFields } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { AnswerPreview } from '../history/AnswerPreview.tsx';
import { DeliveryOutcome } from '../history/DeliveryOutcome.tsx';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { displayUrl } from '../ui/displayUrl.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextArea } from '../ui/TextArea.tsx';
import { conversionPreset, lacksTestEventCode } from './conversionSettings.ts';
import { refusedFields } from './refusedFields.ts';
import { TestEventCodeForm } from './TestEventCodeForm.tsx';
import { useTestSend } from './useTestSend.ts';

/** `onChanged`: the configuration as saved, after its Test Events code changed here. */
export function SendTestDialog({ webhook, onClose, onChanged }: { webhook: Webhook | null; onClose: () => void; onChanged: (changed: Webhook) => void }) {
  const t = useT();
  const format = useFormat();
  const eventName = useEventName();
  const [event, setEvent] = useState('');
  const [sample, setSample] = useState('');
  const [payload, setPayload] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { run, send, reset } = useTestSend();
  // a new configuration starts over: its first event, no error, no earlier answer (the same one, saved with a new
  // Test Events code, keeps its event and edited payload)
  const webhookId = webhook?.id;
  useEffect(() => { setEvent(webhook?.events[0] ?? ''); setError(null); setProblem(null); reset(); }, [webhookId]);
  useEffect(() => {
    if (!webhook || !event) return undefined;
    let current = true;
    void getTestSample(webhook.id, event).then((answer) => {
      if (!current) return;
      const text = JSON.stringify(answer.data, null, 2);
      setSample(text);
      setPayload(text);
    }, (failure: unknown) => { if (current) setError(failure); });
    return () => { current = false; };
  }, [webhookId, event]);
  const submit = async () => {
    if (!webhook) return;
    let data: unknown;
    try { data = JSON.parse(payload); } catch { setProblem(t('sendTest.notJson')); return; }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) { setProblem(t('sendTest.notObject')); return; }
    setProblem(null);
    setError(null);
    try { await send(webhook.id, event, data); } catch (failure) { setError(failure); }
  };
  const fields = refusedFields(error);
  // the API's refusal names the webhook's setting, not the payload: said as what to do, not as a refused field
  const needsCode = webhook !== null && (lacksTestEventCode(webhook) || invalidFields(error).has('postback'));
  const preset = webhook ? conversionPreset(webhook) : null;
  const textKey = preset === null ? 'sendTest.text' : preset === 'meta' ? 'sendTest.textMeta' : 'sendTest.textConversion';
  const refused = needsCode || invalidFields(error).size === 0 ? null
    : fields.length > 0 ? t('sendTest.refusedFields', { count: fields.length, fields: format.list(fields) }) : t('sendTest.refused');
  const busy = run.phase === 'sending' || run.phase === 'waiting';
  return (
    <Dialog title={t('sendTest.title')} open={webhook !== null} onClose={onClose} wide confirmDiscard={payload !== sample}>
      {webhook && (
        <div className="stack">
          {needsCode
            ? <p className="info-box" role="status">{t('sendTest.needsTestEventCode')}</p>
            : <p>{t.rich(textKey, { event: eventName(event), url: displayUrl(webhook.url) })}</p>}
          {preset === 'meta' && <TestEventCodeForm key={webhook.id} webhook={webhook} onSaved={(changed) => { setError(null); onChanged(changed); }} />}
          <SelectField label={t('sendTest.event')} value={event} onChange={(value) => { setEvent(value); reset(); }}
            options={webhook.events.map((code) => ({ value: code, label: `${eventName(code)} (${code})` }))} />
          <TextArea label={t('sendTest.payload')} value={payload} onChange={setPayload} rows={12} spellCheck={false} className="mono-field"
            hint={t('sendTest.payloadHint')} error={problem ?? refused ?? undefined} />
          <div className="inline-actions">
            <Button size="small" variant="ghost" onClick={() => setPayload(sample)} disabled={payload === sample}>{t('sendTest.resetSample')}</Button>
          </div>
          <ErrorText message={error && !refused && !needsCode ? errorText(t, error) : null} />
          {run.phase === 'waiting' && <p className="info-box" role="status">{t('sendTest.waiting')}</p>}
          {run.phase === 'slow' && (
            <p className="info-box" role="status">{t.rich('sendTest.slow', { link: (chunks) => <Link to={`/history/${encodeURIComponent(run.deliveryId)}`}>{chunks}</Link> })}</p>
          )}
          {run.phase === 'skipped' && (
            <div className="stack test-result">
              <h3>{t('sendTest.notSent')}</h3>
              <p><DeliveryOutcome delivery={run.delivery} webhook={webhook} /></p>
              <p><Link to={`/history/${encodeURIComponent(run.delivery.id)}`}>{t('sendTest.openDelivery')}</Link></p>
            </div>
          )}
          {run.phase === 'done' && (() => {
            const first = run.delivery.attempt_history[0]!;
            return (
              <div className="stack test-result">
                <h3>{t('sendTest.answer')}</h3>
                <AnswerPreview statusCode={first.status_code} error={first.error} detail={first.error_detail} durationMs={first.duration_ms} body={first.response_body} />
                <p><Link to={`/history/${encodeURIComponent(run.delivery.id)}`}>{t('sendTest.openDelivery')}</Link></p>
              </div>
            );
          })()}
          <div className="dialog-actions">
            <Button onClick={onClose}>{t('common.close')}</Button>
            <Button variant="primary" busy={busy} disabled={needsCode} onClick={() => void submit()}>{t(run.phase === 'done' || run.phase === 'slow' || run.phase === 'skipped' ? 'sendTest.again' : 'sendTest.submit')}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
