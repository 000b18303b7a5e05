// The page a reset e-mail links to (/reset-password?token=...): a new password, then back to sign-in.
import { useState } from 'react';
import { completePasswordReset } from '../api/endpoints.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { navigate, useLocation } from '../router/router.ts';
import { AuthLayout } from '../session/AuthLayout.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';

export function ResetPasswordPage({ onDone }: { onDone: () => void }) {
  const t = useT();
  const token = useLocation().query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit, formRef } = useSubmit(async () => {
    await completePasswordReset(token, password);
    navigate('/', { replace: true });
    onDone();
  });
  const invalid = invalidFields(error);
  const fields = fieldMessages(t, error, { password: 'password.newHint' });
  // an expired or used link is an error on the token, which this page has no field for
  const general = invalid.has('token') ? t('password.linkUsed') : error && invalid.size === 0 ? errorText(t, error) : null;
  return (
    <AuthLayout title={t('password.resetTitle')} intro={<p>{t('password.resetIntro')}</p>}>
      {token === '' ? <p className="error-text" role="alert">{t('password.noToken')}</p> : (
        <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
          <TextField label={t('password.new')} type="password" autoComplete="new-password" value={password} onChange={setPassword} hint={t('password.newHint')} error={fields.password} required autoFocus />
          <ErrorText message={general} />
          <Button type="submit" variant="primary" busy={busy} className="button-block">{t('password.save')}</Button>
        </form>
      )}
    </AuthLayout>
  );
}
