// Sends the catalogue's sample for one event to a configuration, marked as a test in the history.
import { useEffect, useState } from 'react';
import { sendTest } from '../api/endpoints.ts';
import type { Delivery, Webhook } from '../api/types.ts';
import { useEventName } from '../events/useEventName.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SelectField } from '../ui/SelectField.tsx';

export function SendTestDialog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const t = useT();
  const eventName = useEventName();
  const [event, setEvent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Delivery | null>(null);
  useEffect(() => {
    setEvent(webhook?.events[0] ?? '');
    setSent(null);
    setError(null);
  }, [webhook]);
  const send = async () => {
    if (!webhook) return;
    setBusy(true);
    setError(null);
    try {
      setSent((await sendTest(webhook.id, event)).delivery);
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('sendTest.title')} open={webhook !== null} onClose={onClose}>
      {webhook && (
        <div className="stack">
          <p>{t.rich('sendTest.text', { event: eventName(event), url: webhook.url })}</p>
          <SelectField label={t('sendTest.event')} value={event} onChange={(value) => { setEvent(value); setSent(null); }}
            options={webhook.events.map((code) => ({ value: code, label: `${eventName(code)} (${code})` }))} />
          <ErrorText message={error} />
          {sent && (
            <p className="success-box" role="status">
              {t.rich('sendTest.queued', { link: (chunks) => <Link to={`/history/${encodeURIComponent(sent.id)}`}>{chunks}</Link> })}
            </p>
          )}
          <div className="dialog-actions">
            <Button onClick={onClose}>{t('common.close')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void send()}>{t(sent ? 'sendTest.again' : 'sendTest.submit')}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
