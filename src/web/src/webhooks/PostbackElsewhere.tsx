// What the edit dialog shows for a conversion postback (version "postback"): its URL is built from an ad network's
// template and its events from the goals, which the webhook form has no fields for, so saving it from there could
// only break it. The Ad tracking screen, where it was made, is its editor: the dialog says so and links there.
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';

export function PostbackElsewhere({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <div className="stack">
      <div className="info-box" role="status">
        <p><strong>{t('webhookForm.postbackTitle')}</strong></p>
        <p>{t.rich('webhookForm.postbackElsewhere', { link: (chunks) => <Link to="/tracking" data-autofocus onClick={onClose}>{chunks}</Link> })}</p>
      </div>
      <div className="dialog-actions">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </div>
    </div>
  );
}
