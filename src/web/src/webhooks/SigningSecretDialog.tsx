// Shows a configuration's whsec_ signing secret, which the API returns only at creation and rotation.
import { Button } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

type Props = { shown: { name: string; secret: string; rotated: boolean } | null; onClose: () => void };

export function SigningSecretDialog({ shown, onClose }: Props) {
  return (
    <Dialog title={shown?.rotated ? 'New signing secret' : 'Configuration created'} open={shown !== null} onClose={onClose}>
      {shown && (
        <div className="stack">
          <p>
            Every delivery to <strong>{shown.name}</strong> carries a <code>webhook-signature</code> header made with this secret.
            Put it in your receiver to verify that posts come from Postback (see Documentation).
          </p>
          {shown.rotated && <p className="hint">The previous secret keeps signing beside this one for a while, so you can update your receiver without losing posts.</p>}
          <p className="warning-box"><strong>Copy it now:</strong> it is shown only once. You can rotate it later if you lose it.</p>
          <SecretValue label="Signing secret" value={shown.secret} />
          <div className="dialog-actions"><Button variant="primary" onClick={onClose}>Done</Button></div>
        </div>
      )}
    </Dialog>
  );
}
