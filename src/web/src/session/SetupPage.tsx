// First run: no account exists yet. Creates the account and its first user, then shows the credentials once.
import { useState } from 'react';
import { runSetup } from '../api/endpoints.ts';
import type { SetupResult } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { IssuedCredentialsPanel } from './IssuedCredentialsPanel.tsx';

export function SetupPage({ onDone }: { onDone: (result: SetupResult) => void }) {
  const t = useT();
  const [accountName, setAccountName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<SetupResult | null>(null);
  const { busy, error, onSubmit } = useSubmit(async () => setResult(await runSetup({ account_name: accountName, email, password })));
  if (result) {
    return (
      <AuthLayout title={t('setup.readyTitle')} intro={<p>{t.rich('setup.readyIntro', { email: result.email })}</p>}>
        <IssuedCredentialsPanel clientId={result.client_id} clientSecret={result.client_secret} basic={result.basic} hottok={result.hottok} />
        <Button variant="primary" className="button-block" onClick={() => onDone(result)}>{t('setup.continue')}</Button>
      </AuthLayout>
    );
  }
  const fields = fieldMessages(t, error, { account_name: 'setup.nameNeeded', email: 'setup.emailNeeded', password: 'setup.passwordNeeded' });
  const general = error && invalidFields(error).size === 0 ? errorText(t, error, { conflict: 'setup.alreadyDone' }) : null;
  return (
    <AuthLayout title={t('setup.title')} intro={<p>{t('setup.intro')}</p>}>
      <form onSubmit={onSubmit} noValidate className="stack">
        <TextField label={t('setup.accountName')} value={accountName} onChange={setAccountName} error={fields.account_name} hint={t('setup.accountNameHint')} autoFocus required />
        <TextField label={t('field.email')} type="email" autoComplete="username" value={email} onChange={setEmail} error={fields.email} required />
        <TextField label={t('field.password')} type="password" autoComplete="new-password" value={password} onChange={setPassword} error={fields.password} hint={t('setup.passwordHint')} required />
        <ErrorText message={general} />
        <Button type="submit" variant="primary" busy={busy} className="button-block">{t('setup.submit')}</Button>
      </form>
    </AuthLayout>
  );
}
