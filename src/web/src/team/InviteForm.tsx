// Invite someone by e-mail with a role; the link to join is shown once, to copy and send (it expires in 7 days).
import { useState } from 'react';
import { inviteMember } from '../api/endpoints.ts';
import { roles } from '../api/types.ts';
import type { Invitation, Role } from '../api/types.ts';
import { useSubmit } from '../hooks/useSubmit.ts';
import { errorText, fieldMessages, invalidFields } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';
import { isEmail } from '../ui/fieldChecks.ts';
import { SecretValue } from '../ui/SecretValue.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { roleHints, roleNames } from './roleLabels.ts';

export function InviteForm({ onInvited }: { onInvited: (invitation: Invitation) => void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const [link, setLink] = useState<string | null>(null);
  const { busy, error, problems, formRef, onSubmit } = useSubmit(async () => {
    const invited = await inviteMember(email.trim(), role);
    setLink(`${window.location.origin}${invited.invite_path}`);
    onInvited(invited);
    setEmail('');
  }, (): Record<string, string> => (isEmail(email) ? {} : { email: t('setup.emailNeeded') }));
  const fields = { ...fieldMessages(t, error, { email: 'setup.emailNeeded' }), ...problems };
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('team.inviteTitle')}</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="stack">
        <div className="field-row">
          <TextField label={t('field.email')} type="email" value={email} onChange={setEmail} error={fields.email} autoComplete="off" />
          <SelectField label={t('team.role')} value={role} onChange={(value) => setRole(value as Role)} hint={t(roleHints[role])}
            options={roles.map((item) => ({ value: item, label: t(roleNames[item]) }))} />
        </div>
        <ErrorText message={error && invalidFields(error).size === 0 ? errorText(t, error) : null} />
        <div><Button type="submit" variant="primary" busy={busy}>{t('team.invite')}</Button></div>
      </form>
      {link && (
        <div className="stack">
          <p className="warning-box">{t.rich('team.linkOnce')}</p>
          <SecretValue label={t('team.link')} value={link} />
        </div>
      )}
    </section>
  );
}
