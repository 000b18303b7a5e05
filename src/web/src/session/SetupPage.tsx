// First run: no account exists yet. Creates the account and its first user, then shows the credentials once.
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import { runSetup } from '../api/endpoints.ts';
import type { SetupResult } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { IssuedCredentialsPanel } from './IssuedCredentialsPanel.tsx';

export function SetupPage({ onDone }: { onDone: (result: SetupResult) => void }) {
  const [accountName, setAccountName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<SetupResult | null>(null);
  const { busy, error, onSubmit } = useSubmit(async () => setResult(await runSetup({ account_name: accountName, email, password })));
  if (result) {
    return (
      <AuthLayout title="Your account is ready" intro={<p>You are signed in as <strong>{result.email}</strong>. These are your API credentials (Hotconnect).</p>}>
        <IssuedCredentialsPanel clientId={result.client_id} clientSecret={result.client_secret} basic={result.basic} hottok={result.hottok} />
        <Button variant="primary" className="button-block" onClick={() => onDone(result)}>I saved them: continue to the dashboard</Button>
      </AuthLayout>
    );
  }
  const fields = fieldErrorsOf(error);
  const general = error instanceof ApiError && error.fieldErrors.length > 0 ? null : error ? messageOf(error) : null;
  return (
    <AuthLayout title="Set up Postback" intro={<p>No account exists yet. Create yours: it receives API credentials and you sign in with this email and password.</p>}>
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField label="Account name" value={accountName} onChange={setAccountName} error={fields.account_name} hint="Your store or brand, e.g. “Ana's courses”." autoFocus required />
        <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required />
        <TextField label="Password" type="password" autoComplete="new-password" value={password} onChange={setPassword} error={fields.password} hint="At least 8 characters." required />
        <ErrorText message={general} />
        <Button type="submit" variant="primary" busy={busy} className="button-block">Create account</Button>
      </form>
    </AuthLayout>
  );
}
