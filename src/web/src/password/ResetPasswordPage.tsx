// The page a reset e-mail links to (/reset-password?token=...): a new password, then back to sign-in.
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import { completePasswordReset } from '../api/endpoints.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { navigate, useLocation } from '../router/router.ts';
import { AuthLayout } from '../session/AuthLayout.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { resetLanguage, resetText } from './passwordResetText.ts';

export function ResetPasswordPage({ onDone }: { onDone: (notice: string) => void }) {
  const t = resetText(resetLanguage());
  const token = useLocation().query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useSubmit(async () => {
    await completePasswordReset(token, password);
    navigate('/', { replace: true });
    onDone(t.done);
  });
  const fields = fieldErrorsOf(error);
  // an expired or used link is a field error on the token, which this page has no field for: shown as the message
  const general = error instanceof ApiError && fields.password !== undefined ? null : error ? messageOf(error) : null;
  return (
    <AuthLayout title={t.resetTitle} intro={<p>{t.resetIntro}</p>}>
      {token === '' ? <p className="error-text" role="alert">{t.noToken}</p> : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <TextField label={t.password} type="password" autoComplete="new-password" value={password} onChange={setPassword} hint={t.passwordHint} error={fields.password} required autoFocus />
          <ErrorText message={general} />
          <Button type="submit" variant="primary" busy={busy} className="button-block">{t.save}</Button>
        </form>
      )}
    </AuthLayout>
  );
}
