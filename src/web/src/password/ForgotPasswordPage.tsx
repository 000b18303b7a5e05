// Asks for a reset link by e-mail. The answer is the same whether or not a user has the e-mail.
import { useState } from 'react';
import { ApiError, fieldErrorsOf, messageOf } from '../api/client.ts';
import { requestPasswordReset } from '../api/endpoints.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { navigate } from '../router/router.ts';
import { AuthLayout } from '../session/AuthLayout.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { resetLanguage, resetText } from './passwordResetText.ts';

export function ForgotPasswordPage() {
  const language = resetLanguage();
  const t = resetText(language);
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, onSubmit } = useSubmit(async () => { await requestPasswordReset(email, language); setSent(true); });
  const fields = fieldErrorsOf(error);
  const general = error instanceof ApiError && error.fieldErrors.length > 0 ? null : error ? messageOf(error) : null;
  return (
    <AuthLayout title={t.forgotTitle} intro={<p>{t.forgotIntro}</p>}>
      {sent ? <p className="info-box" role="status">{t.sent}</p> : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <TextField label={t.email} type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required autoFocus />
          <ErrorText message={general} />
          <Button type="submit" variant="primary" busy={busy} className="button-block">{t.send}</Button>
        </form>
      )}
      <p className="hint auth-footnote"><a href="/" onClick={(event) => { event.preventDefault(); navigate('/'); }}>{t.back}</a></p>
    </AuthLayout>
  );
}
