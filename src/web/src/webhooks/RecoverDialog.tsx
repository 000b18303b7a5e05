// Recovery of a disabled configuration: re-enable it and resend everything failed or not sent since a chosen time.
// By default, the time the API suggests: a little before the failures that led to the disable, so the sales that
// failed then are sent again too (they are older than the disable). How many deliveries that is shows before the
// user confirms, and again after.
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
  // the API's suggestion, asked for when the dialog opens: the field shows it until the user types a date of their own
  const [suggested, setSuggested] = useState<{ since: string; count: number } | null>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [typedCount, setTypedCount] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const id = webhook?.id;
  useEffect(() => {
    setSuggested(null);
    setTyped(null);
    setError(null);
    setMissing(false);
    if (id === undefined) return undefined;
    let current = true;
    // without a suggestion (the API unreachable) the field starts empty, for the user to choose
    void countRecoverable(id).then((answer) => { if (current) setSuggested(answer); }, () => { if (current) setTyped(''); });
    return () => { current = false; };
  }, [id]);
  const typedIso = typed === null ? undefined : format.fromInput(typed);
  useEffect(() => {
    setTypedCount(null);
    if (id === undefined || !typedIso) return undefined;
    let current = true;
    // a short pause so typing a date does not ask once per keystroke; a failed count only leaves it unknown
    const timer = window.setTimeout(() => {
      void countRecoverable(id, typedIso).then((answer) => { if (current) setTypedCount(answer.count); }, () => {});
    }, 250);
    return () => { current = false; window.clearTimeout(timer); };
  }, [id, typedIso]);
  // untouched, the suggestion goes as the API gave it (the field shows it to the minute only)
  const iso = typed === null ? suggested?.since : typedIso;
  const count = typed === null ? suggested?.count ?? null : typedCount;
  const counting = typed === null || typedIso !== undefined;
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
          <TextField label={t('recover.since')} type="datetime-local" value={typed ?? (suggested ? format.toInput(suggested.since) : '')} onChange={setTyped} error={sinceError}
            hint={`${t('recover.sinceHint')} ${t('common.zoneHint', { zone: format.zoneName() })}`} />
          <p className="info-box recover-count" aria-live="polite">{count !== null ? t('recover.count', { count }) : counting ? t('recover.counting') : ''}</p>
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
