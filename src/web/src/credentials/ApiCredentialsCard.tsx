// Client ID, Client Secret and Basic. The secret is stored only as a hash, so it is shown at creation or rotation.
import { useState } from 'react';
import { rotateClientSecret } from '../api/endpoints.ts';
import type { IssuedCredentials } from '../api/types.ts';
import { IssuedCredentialsPanel } from '../session/IssuedCredentialsPanel.tsx';
import { Button } from '../ui/Button.tsx';
import { CodeBlock } from '../ui/CodeBlock.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { SecretValue } from '../ui/SecretValue.tsx';

export function ApiCredentialsCard({ clientId }: { clientId: string | undefined }) {
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const [confirming, setConfirming] = useState(false);
  const basic = issued?.basic ?? '$BASIC';
  const tokenCall = `curl -X POST -H "Authorization: Basic ${basic}" \\\n  "${window.location.origin}/oauth/token?grant_type=client_credentials"`;
  return (
    <section className="card stack" aria-labelledby="api-credentials">
      <h2 id="api-credentials">API credentials (Hotconnect)</h2>
      {issued ? <IssuedCredentialsPanel clientId={issued.client_id} clientSecret={issued.client_secret} basic={issued.basic} />
        : (
          <>
            {clientId ? <SecretValue label="Client ID" value={clientId} /> : <p>Your <strong>Client ID</strong> was shown with the Client Secret when the account was created; rotating the secret shows both again.</p>}
            <div className="secret">
              <span className="secret-label">Client Secret and Basic</span>
              <p className="hint">Shown only once, when they are made: Postback keeps just a hash. Lost them? Rotate to get new ones.</p>
            </div>
          </>
        )}
      <div><Button onClick={() => setConfirming(true)}>Rotate Client Secret…</Button></div>
      <h3>Get an access token</h3>
      <CodeBlock code={tokenCall} label="Token request" />
      <ConfirmDialog title="Rotate the Client Secret?" confirmLabel="Rotate now" danger open={confirming} onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setIssued(await rotateClientSecret());
          setConfirming(false);
        }}>
        <p>A new secret is made and shown once. The old secret, and every access token issued with it, stop working at once: update your integrations right after.</p>
      </ConfirmDialog>
    </section>
  );
}
