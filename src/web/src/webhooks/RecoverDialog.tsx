// Recovery of a disabled configuration: re-enable it and resend everything failed or not sent since a chosen time
// (by default, when it was disabled). How many deliveries that is shows before the user confirms, and again after.
import { useEffect, useState } from 'react';
import { countRecoverable, recoverWebhook } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { errorText, invalidFields } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { TextField } from '../ui/TextField.tsx';

type Props = { webhook: Webhook | null; onClose: () => void; onRecovered: (webhook: Webhook, requeued: number) => void };

export function RecoverDialog({ webhook, onClose, onRecovered }: Props) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const [since, setSince] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (webhook) setSince(format.toInput(webhook.disabled_at ?? Date.now()));
    setError(null);
    setMissing(false);
  }, [webhook]); // set when the dialog opens: a zone switch meanwhile must not move what the user typed
  const iso = format.fromInput(since);
  useEffect(() => {
    setCount(null);
    if (!webhook || !iso) return undefined;
    let current = true;
    // a short pause so typing a date does not ask once per keystroke; a failed count only leaves it unknown
    const timer = window.setTimeout(() => {
      void countRecoverable(webhook.id, iso).then((answer) => { if (current) setCount(answer.count); }, () => {});
    }, 250);
    return () => { current = false; window.clearTimeout(timer); };
  }, [webhook, iso]);
  const recover = async () => {
    if (!webhook) return;
    setMissing(!iso);
    if (!iso) return;
    setBusy(true);
    setError(null);
    try {
      const result = await recoverWebhook(webhook.id, iso);
      notify(t('recover.done', { name: webhook.name, count: result.requeued }));
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
          <TextField label={t('recover.since')} type="datetime-local" value={since} onChange={setSince} error={sinceError}
            hint={`${t(webhook.disabled_at ? 'recover.sinceHint' : 'recover.sinceHintNow', { date: format.date(webhook.disabled_at) })} ${t('common.zoneHint', { zone: format.zoneName() })}`} />
          <p className="info-box recover-count" aria-live="polite">{count === null ? t('recover.counting') : t('recover.count', { count })}</p>
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
