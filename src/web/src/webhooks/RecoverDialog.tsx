// Recovery of a disabled configuration: re-enable it and resend everything failed or skipped since a chosen time.
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf } from '../api/client.ts';
import { recoverWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { fromLocalInput, toLocalInput } from '../format.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';

const day = 86_400_000;

/** A day before it was disabled: failures leading to an automatic disable usually start shortly before. */
const defaultSince = (webhook: Webhook): string => toLocalInput((webhook.disabled_at ? Date.parse(webhook.disabled_at) : Date.now()) - day);

export function RecoverDialog({ webhook, onClose, onRecovered }: { webhook: Webhook | null; onClose: () => void; onRecovered: (webhook: Webhook, requeued: number) => void }) {
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (webhook) setSince(defaultSince(webhook));
    setError(null);
  }, [webhook]);
  const recover = async () => {
    if (!webhook) return;
    const iso = fromLocalInput(since);
    if (!iso) { setError(new Error('Choose the date and time to resend from.')); return; }
    setBusy(true);
    setError(null);
    try {
      const result = await recoverWebhook(webhook.id, iso);
      onRecovered(result.webhook, result.requeued);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Recover configuration" open={webhook !== null} onClose={onClose}>
      {webhook && (
        <div className="stack">
          <p><strong>{webhook.name}</strong> will be enabled again, and every delivery to it that failed or was skipped since the time below is sent again (same event ids, so your receiver can dedupe).</p>
          <TextField label="Resend since" type="datetime-local" value={since} onChange={setSince} error={fieldErrorsOf(error).since} hint="Your local time." />
          <ErrorText message={error && Object.keys(fieldErrorsOf(error)).length === 0 ? messageOf(error) : null} />
          <div className="dialog-actions">
            <Button onClick={onClose} disabled={busy}>Cancel</Button>
            <Button variant="primary" busy={busy} onClick={() => void recover()}>Re-enable and resend</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
