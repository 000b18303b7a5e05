// Sends the catalogue's sample for one event to a configuration, marked as a test in the history.
import { useEffect, useState } from 'react';
import { messageOf } from '../api/client.ts';
import { sendTest } from '../api/endpoints.ts';
import type { Delivery, Webhook } from '../api/types.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SelectField } from '../ui/SelectField.tsx';

export function SendTestDialog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
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
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Send a test" open={webhook !== null} onClose={onClose}>
      {webhook && (
        <div className="stack">
          <p>Postback sends a sample <strong>{event || 'event'}</strong> to <span className="mono break">{webhook.url}</span>, signed like any real post and marked as a test in the history.</p>
          <SelectField label="Event" value={event} onChange={(value) => { setEvent(value); setSent(null); }} options={webhook.events.map((name) => ({ value: name, label: name }))} />
          <ErrorText message={error} />
          {sent && (
            <p className="success-box" role="status">
              Test queued. <Link to={`/history/${encodeURIComponent(sent.id)}`}>Follow it in the history</Link>.
            </p>
          )}
          <div className="dialog-actions">
            <Button onClick={onClose}>Close</Button>
            <Button variant="primary" busy={busy} onClick={() => void send()}>{sent ? 'Send again' : 'Send test'}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
