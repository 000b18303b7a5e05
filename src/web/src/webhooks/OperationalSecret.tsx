// The operational webhook's whsec_ signing secret, shown once after its address was saved (the API never shows it
// again: a new address gets a new one), with how a receiver checks it: Standard Webhooks, as every delivery.
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

export function OperationalSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useT();
  return (
    <div className="stack">
      <p className="warning-box">{t.rich('notificationSettings.copyNow')}</p>
      <SecretValue label={t('notificationSettings.secretLabel')} value={secret} />
      <p>{t.rich('notificationSettings.verify', { value: 'v1,<base64 HMAC-SHA256>', signed: '{webhook-id}.{webhook-timestamp}.{body}' })}</p>
      <div className="dialog-actions"><Button variant="primary" onClick={onDone}>{t('common.done')}</Button></div>
    </div>
  );
}
