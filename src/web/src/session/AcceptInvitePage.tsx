// Joining a team from an invitation link (/invite/<token>): who it is for, to which account and role; choose a
// password and the new member is signed in.
import { useState } from 'react';
import { acceptInvitation, getInvitation } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { roleNames } from '../team/roleLabels.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { TextField } from '../ui/TextField.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function AcceptInvitePage({ token, onJoined }: { token: string; onJoined: (session: SessionInfo) => void }) {
  const t = useT();
  const invitation = useResource(() => getInvitation(token), token);
  const [password, setPassword] = useState('');
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => onJoined(await acceptInvitation(token, password)),
    (): Record<string, string> => (password.length < 8 ? { password: t('setup.passwordNeeded') } : {}));
  if (invitation.error) {
    return <AuthLayout title={t('invite.goneTitle')} intro={<p>{t('invite.goneText')}</p>}><a className="button button-primary button-block" href="/">{t('signIn.submit')}</a></AuthLayout>;
  }
  const data = invitation.data;
  return (
    <AuthLayout title={t('invite.title')} intro={data ? <p>{t.rich('invite.intro', { account: data.account_name ?? '', email: data.email, role: t(roleNames[data.role]) })}</p> : <p>{t('app.loading')}</p>}>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
        <TextField label={t('field.password')} type="password" autoComplete="new-password" value={password} onChange={setPassword} error={problems.password} hint={t('setup.passwordHint')} />
        <ErrorText message={error ? errorText(t, error, { not_found: 'invite.goneText', conflict: 'invite.emailTaken' }) : null} />
        <Button type="submit" variant="primary" busy={busy} disabled={!data} className="button-block">{t('invite.join')}</Button>
      </form>
    </AuthLayout>
  );
}
