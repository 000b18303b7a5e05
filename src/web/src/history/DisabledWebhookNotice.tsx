// Above a history filtered to a disabled configuration: why it is disabled, and the way back (recover since).
import type { Webhook } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { disabledReasonText } from '../webhooks/disabledReason.ts';

export function DisabledWebhookNotice({ webhook, onRecover }: { webhook: Webhook; onRecover: () => void }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="warning-box notice-row">
      <p>{t.rich(webhook.disabled_at ? 'history.disabledSince' : 'history.disabledNoDate', { name: webhook.name, date: format.date(webhook.disabled_at), reason: disabledReasonText(t, format, webhook.disabled_reason) })}</p>
      <Button variant="primary" size="small" onClick={onRecover}>{t('history.recoverSince')}</Button>
    </div>
  );
}
