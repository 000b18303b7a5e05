// Credentials the API shows only once: each with a copy button, and a clear warning to save them now.
import { SecretValue } from '../ui/SecretValue.tsx';

type Props = { clientId: string; clientSecret: string; basic: string; hottok?: string };

export function IssuedCredentialsPanel({ clientId, clientSecret, basic, hottok }: Props) {
  return (
    <div className="issued">
      <p className="warning-box"><strong>Copy the Client Secret now.</strong> It is shown only this once; Postback keeps only a hash of it. If you lose it, rotate it under Credentials.</p>
      <SecretValue label="Client ID" value={clientId} />
      <SecretValue label="Client Secret" value={clientSecret} />
      <SecretValue label="Basic" value={basic} hint="The Authorization: Basic value for POST /oauth/token." />
      {hottok && <SecretValue label="Hottok" value={hottok} maskable hint="Sent to your receivers as X-HOTMART-HOTTOK; you can see it again under Documentation." />}
    </div>
  );
}
