// Recovery of a disabled configuration: re-enable it and resend everything failed or skipped since a chosen time.
import { useEffect, useState } from 'react';
import { recoverWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { errorText, invalidFields } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';

const day = 86_400_000;

export function RecoverDialog({ webhook, onClose, onRecovered }: { webhook: Webhook | null; onClose: () => void; onRecovered: (webhook: Webhook, requeued: number) => void }) {
  const t = useT();
  const format = useFormat();
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    // a day before it was disabled: failures leading to an automatic disable usually start shortly before
    if (webhook) setSince(format.toInput((webhook.disabled_at ? Date.parse(webhook.disabled_at) : Date.now()) - day));
    setError(null);
    setMissing(false);
  }, [webhook]); // set when the dialog opens: a zone switch meanwhile must not move what the user typed
  const recover = async () => {
    if (!webhook) return;
    const iso = format.fromInput(since);
    setMissing(!iso);
    if (!iso) return;
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
  const sinceError = missing || invalidFields(error).has('since') ? t('recover.sinceNeeded') : undefined;
  return (
    <Dialog title={t('recover.title')} open={webhook !== null} onClose={onClose}>
      {webhook && (
        <div className="stack">
          <p>{t.rich('recover.text', { name: webhook.name })}</p>
          <TextField label={t('recover.since')} type="datetime-local" value={since} onChange={setSince} error={sinceError} hint={t('common.zoneHint', { zone: format.zoneName() })} />
          <ErrorText message={error && !sinceError ? errorText(t, error) : null} />
          <div className="dialog-actions">
            <Button onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>
            <Button variant="primary" busy={busy} onClick={() => void recover()}>{t('recover.submit')}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
