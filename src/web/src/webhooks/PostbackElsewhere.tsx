// What the edit dialog shows for a conversion postback (version "postback"): its URL is built from an ad network's
// template and its events from the goals, which the webhook form has no fields for, so saving it from there could
// only break it. MGID's is made and shown on the Ad tracking screen: the dialog links there. Any other preset (Meta,
// Taboola, a custom template...) is made through the API, and only the API changes it: the dialog says how. A Meta
// postback's Test Events code is the exception: set, changed or cleared here (as in the test dialog).
import type { Webhook } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { Button } from '../ui/Button.tsx';
import { conversionPreset } from './conversionSettings.ts';
import { TestEventCodeForm } from './TestEventCodeForm.tsx';

/** `onChanged`: the configuration as saved, after its Test Events code changed here. */
export function PostbackElsewhere({ webhook, onClose, onChanged }: { webhook: Webhook; onClose: () => void; onChanged: (changed: Webhook) => void }) {
  const t = useT();
  const preset = conversionPreset(webhook);
  return (
    <div className="stack">
      <div className="info-box" role="status">
        <p><strong>{t('webhookForm.postbackTitle')}</strong></p>
        {preset === 'mgid'
          ? <p>{t.rich('webhookForm.postbackElsewhere', { link: (chunks) => <Link to="/tracking" data-autofocus onClick={onClose}>{chunks}</Link> })}</p>
          : <p>{t.rich('webhookForm.postbackApi', { id: webhook.id })}</p>}
      </div>
      {preset === 'meta' && <TestEventCodeForm key={webhook.id} webhook={webhook} onSaved={onChanged} />}
      <div className="dialog-actions">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </div>
    </div>
  );
}
