// Sign in with the email and password of an account user.
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import { signIn } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { resetLanguage, resetText } from '../password/passwordResetText.ts';
import { navigate } from '../router/router.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function SignInPage({ notice, onSignedIn }: { notice?: string | undefined; onSignedIn: (session: SessionInfo) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => onSignedIn(await signIn(email, password)));
  const fields = fieldErrorsOf(error);
  const general = error instanceof ApiError && error.fieldErrors.length > 0 ? null : error ? messageOf(error) : null;
  return (
    <AuthLayout title="Sign in" intro={<p>Manage your webhook configurations, follow every delivery and resend what failed.</p>}>
      {notice && <p className="info-box" role="status">{notice}</p>}
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required autoFocus />
        <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fields.password} required />
        <ErrorText message={general} />
        <Button type="submit" variant="primary" busy={busy} className="button-block">Sign in</Button>
      </form>
      <p className="hint"><a href="/forgot-password" onClick={(event) => { event.preventDefault(); navigate('/forgot-password'); }}>{resetText(resetLanguage()).forgotLink}</a></p>
      <p className="hint auth-footnote">No user yet? An administrator creates one with <code>npm run postback -- account create --name "My store" --email you@example.com --password …</code></p>
    </AuthLayout>
  );
}
