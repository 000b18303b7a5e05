// Sign in with the email and password of an account user.
import { useState } from 'react';
import { signIn } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthLayout } from './AuthLayout.tsx';

/** Why the sign-in page is shown again: the session ended on its own, or the user signed out. */
export type SignInNotice = 'ended' | 'signed-out';

export function SignInPage({ notice, onSignedIn }: { notice?: SignInNotice | undefined; onSignedIn: (session: SessionInfo) => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => onSignedIn(await signIn(email, password)));
  const fields = fieldMessages(t, error, { email: 'signIn.emailNeeded', password: 'signIn.passwordNeeded' });
  const general = error && invalidFields(error).size === 0 ? errorText(t, error) : null;
  return (
    <AuthLayout title={t('signIn.title')} intro={<p>{t('signIn.intro')}</p>}>
      {notice && <p className="info-box" role="status">{t(notice === 'ended' ? 'signIn.sessionEnded' : 'signIn.signedOut')}</p>}
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField label={t('field.email')} type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required autoFocus />
        <TextField label={t('field.password')} type="password" autoComplete="current-password" value={password} onChange={setPassword} error={fields.password} required />
        <ErrorText message={general} />
        <Button type="submit" variant="primary" busy={busy} className="button-block">{t('signIn.submit')}</Button>
      </form>
      <p className="hint auth-footnote">{t('signIn.noUser')}</p>
    </AuthLayout>
  );
}
