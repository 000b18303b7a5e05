// Shows a new configuration's whsec_ signing secret (an owner can see it again later: SecretDialog.tsx).
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

type Props = { shown: { name: string; secret: string } | null; onClose: () => void };

export function SigningSecretDialog({ shown, onClose }: Props) {
  const t = useT();
  return (
    <Dialog title={t('secret.createdTitle')} open={shown !== null} onClose={onClose}>
      {shown && (
        <div className="stack">
          <p>{t.rich('secret.explain', { name: shown.name })}</p>
          <p className="warning-box">{t.rich('secret.copyNow')}</p>
          <SecretValue label={t('secret.label')} value={shown.secret} />
          <div className="dialog-actions"><Button variant="primary" onClick={onClose}>{t('common.done')}</Button></div>
        </div>
      )}
    </Dialog>
  );
}
