// Credentials the API shows only once: each with a copy button, and a clear warning to save them now.
import { useT } from '../i18n/useT.ts';
import { SecretValue } from '../ui/SecretValue.tsx';

type Props = { clientId: string; clientSecret: string; basic: string; hottok?: string };

export function IssuedCredentialsPanel({ clientId, clientSecret, basic, hottok }: Props) {
  const t = useT();
  return (
    <div className="issued">
      <p className="warning-box">{t.rich('issued.warning')}</p>
      <SecretValue label={t('credential.clientId')} value={clientId} />
      <SecretValue label={t('credential.clientSecret')} value={clientSecret} />
      <SecretValue label={t('credential.basic')} value={basic} hint={t('issued.basicHint')} />
      {hottok && <SecretValue label={t('credential.hottok')} value={hottok} maskable hint={t('issued.hottokHint')} />}
    </div>
  );
}
