// Client ID, Client Secret and Basic. The secret is stored only as a hash, so it is shown at creation or rotation.
import { useState } from 'react';
import { rotateClientSecret } from '../api/endpoints.ts';
import type { IssuedCredentials } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { IssuedCredentialsPanel } from '../session/IssuedCredentialsPanel.tsx';
import { Button } from '../ui/Button.tsx';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

export function ApiCredentialsCard({ clientId }: { clientId: string | undefined }) {
  const t = useT();
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const [confirming, setConfirming] = useState(false);
  const basic = issued?.basic ?? '$BASIC';
  const tokenCall = `curl -X POST -H "Authorization: Basic ${basic}" \\\n  "${window.location.origin}/oauth/token?grant_type=client_credentials"`;
  return (
    <section className="card stack" aria-labelledby="api-credentials">
      <h2 id="api-credentials">{t('apiCredentials.title')}</h2>
      {issued ? <IssuedCredentialsPanel clientId={issued.client_id} clientSecret={issued.client_secret} basic={issued.basic} />
        : (
          <>
            {clientId ? <SecretValue label={t('credential.clientId')} value={clientId} /> : <p>{t.rich('apiCredentials.noClientId')}</p>}
            <div className="secret">
              <span className="secret-label">{t('apiCredentials.secretAndBasic')}</span>
              <p className="hint">{t('apiCredentials.shownOnce')}</p>
            </div>
          </>
        )}
      <div><Button onClick={() => setConfirming(true)}>{t('apiCredentials.rotate')}</Button></div>
      <h3>{t('apiCredentials.tokenTitle')}</h3>
      <CodeBlock code={tokenCall} label={t('apiCredentials.tokenRequest')} />
      <ConfirmDialog title={t('apiCredentials.rotateTitle')} confirmLabel={t('common.rotateNow')} danger open={confirming} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setIssued(await rotateClientSecret());
          setConfirming(false);
        }}>
        <p>{t('apiCredentials.rotateText')}</p>
      </ConfirmDialog>
    </section>
  );
}
