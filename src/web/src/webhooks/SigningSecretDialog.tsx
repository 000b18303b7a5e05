// Shows a configuration's whsec_ signing secret, which the API returns only at creation and rotation.
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

type Props = { shown: { name: string; secret: string; rotated: boolean } | null; onClose: () => void };

export function SigningSecretDialog({ shown, onClose }: Props) {
  const t = useT();
  return (
    <Dialog title={t(shown?.rotated ? 'secret.newTitle' : 'secret.createdTitle')} open={shown !== null} onClose={onClose}>
      {shown && (
        <div className="stack">
          <p>{t.rich('secret.explain', { name: shown.name })}</p>
          {shown.rotated && <p className="hint">{t('secret.overlapHint')}</p>}
          <p className="warning-box">{t.rich('secret.copyNow')}</p>
          <SecretValue label={t('secret.label')} value={shown.secret} />
          <div className="dialog-actions"><Button variant="primary" onClick={onClose}>{t('common.done')}</Button></div>
        </div>
      )}
    </Dialog>
  );
}
