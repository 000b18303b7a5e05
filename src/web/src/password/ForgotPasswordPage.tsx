// Asks for a reset link by e-mail. The answer is the same whether or not a user has the e-mail.
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { requestPasswordReset } from '../api/endpoints.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { navigate } from '../router/router.ts';
import { AuthLayout } from '../session/AuthLayout.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';

export function ForgotPasswordPage() {
  const t = useT();
  // the e-mail is written in the language the page is shown in
  const { locale } = useIntl();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, onSubmit, formRef } = useSubmit(async () => { await requestPasswordReset(email, locale); setSent(true); });
  const fields = fieldMessages(t, error, { email: 'signIn.emailNeeded' });
  const general = error && invalidFields(error).size === 0 ? errorText(t, error, { unavailable: 'password.mailOff' }) : null;
  return (
    <AuthLayout title={t('password.forgotTitle')} intro={<p>{t('password.forgotIntro')}</p>}>
      {sent ? <p className="info-box" role="status">{t('password.sent')}</p> : (
        <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
          <TextField label={t('field.email')} type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required autoFocus />
          <ErrorText message={general} />
          <Button type="submit" variant="primary" busy={busy} className="button-block">{t('password.send')}</Button>
        </form>
      )}
      <p className="hint auth-footnote"><a href="/" onClick={(event) => { event.preventDefault(); navigate('/'); }}>{t('password.back')}</a></p>
    </AuthLayout>
  );
}
