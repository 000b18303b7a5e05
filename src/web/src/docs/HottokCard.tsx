// The account's security token (hottok): sent as X-HOTMART-HOTTOK on every post; reveal, copy, rotate.
import { useState } from 'react';
import { rotateHottok } from '../api/endpoints.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

export function HottokCard({ hottok, onRotated }: { hottok: string; onRotated: (hottok: string) => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const notify = useNotify();
  return (
    <section className="card stack" aria-labelledby="hottok-title">
      <h2 id="hottok-title">{t('hottok.title')}</h2>
      <p>{t.rich('hottok.explain')}</p>
      <SecretValue label={t('credential.hottok')} value={hottok} maskable />
      <div><Button size="small" variant="ghost" onClick={() => setConfirming(true)}>{t('hottok.rotate')}</Button></div>
      <ConfirmDialog title={t('hottok.rotateTitle')} confirmLabel={t('common.rotateNow')} danger open={confirming} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          const rotated = await rotateHottok();
          onRotated(rotated.hottok);
          setConfirming(false);
          notify(t('hottok.rotated'));
        }}>
        <p>{t('hottok.rotateText')}</p>
      </ConfirmDialog>
    </section>
  );
}
