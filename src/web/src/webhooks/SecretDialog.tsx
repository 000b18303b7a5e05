// A configuration's signing secret: an owner may see the current one again (recorded in the audit log); a developer
// or owner may rotate it, choosing how long the old one keeps signing beside the new (0 to 7 days), so receivers
// can switch without losing posts. A REST hook's secret is its tool's: no rotation is offered for it.
import { useEffect, useState } from 'react';
import { revealWebhookSecret, rotateWebhookSecret } from '../api/endpoints.ts';
import type { Webhook } from '../api/types.ts';
import { errorText } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { useCan } from '../session/RoleContext.tsx';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';
import { SelectField } from '../ui/SelectField.tsx';

const overlaps = [0, 1, 24, 72, 168];

export function SecretDialog({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const owner = useCan('owner');
  const [shown, setShown] = useState<{ secret: string; until?: string } | null>(null);
  const [overlap, setOverlap] = useState('24');
  const [busy, setBusy] = useState<'reveal' | 'rotate' | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => { setShown(null); setError(null); setOverlap('24'); }, [webhook]);
  const run = async (what: 'reveal' | 'rotate') => {
    if (!webhook) return;
    setBusy(what);
    setError(null);
    try {
      if (what === 'reveal') setShown({ secret: (await revealWebhookSecret(webhook.id)).secret });
      else {
        const rotated = await rotateWebhookSecret(webhook.id, Number(overlap));
        setShown({ secret: rotated.secret, until: rotated.previous_secret_expires_at });
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  const overlapLabel = (hours: number) => (hours === 0 ? t('secret.overlapNone') : hours < 48 ? t('secret.overlapHours', { count: hours }) : t('secret.overlapDays', { count: hours / 24 }));
  return (
    <Dialog title={t('secret.dialogTitle', { name: webhook?.name ?? '' })} open={webhook !== null} onClose={onClose}>
      {webhook && (
        <div className="stack">
          <p>{t.rich('secret.explain', { name: webhook.name })}</p>
          {owner
            ? <div><Button onClick={() => void run('reveal')} busy={busy === 'reveal'}>{t('secret.revealCurrent')}</Button> <span className="hint">{t('secret.revealAudited')}</span></div>
            : <p className="hint">{t('secret.revealOwnersOnly')}</p>}
          {webhook.version === 'hook'
            // the tool that subscribed a REST hook keeps its secret to check every post; the API refuses to rotate it (409)
            ? <p className="hint">{t('secret.hookOwnsSecret')}</p>
            : (
              <div className="field-row rotate-row">
                <SelectField label={t('secret.overlap')} value={overlap} onChange={setOverlap} hint={t('secret.overlapHint')}
                  options={overlaps.map((hours) => ({ value: String(hours), label: overlapLabel(hours) }))} />
                <div className="rotate-action"><Button variant="primary" onClick={() => void run('rotate')} busy={busy === 'rotate'}>{t('webhooks.rotate')}</Button></div>
              </div>
            )}
          <ErrorText message={error ? errorText(t, error) : null} />
          {shown && (
            <div className="stack">
              <SecretValue label={t('secret.label')} value={shown.secret} />
              {shown.until && <p className="hint">{t('secret.oldUntil', { date: format.date(shown.until) })}</p>}
            </div>
          )}
          <div className="dialog-actions"><Button onClick={onClose}>{t('common.close')}</Button></div>
        </div>
      )}
    </Dialog>
  );
}
