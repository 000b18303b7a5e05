// The team: who signs in to this account with which role, the invitations waiting, and (owners) inviting, changing
// roles and removing. The API keeps an owner and enforces every role. Removing says what it does not end: the
// account's Client Secret and hottok are not per person, so a removed owner (or developer, the hottok) may still hold
// them, and the dialog points to where they are rotated.
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { getTeam, removeMember, setMemberRole } from '../api/endpoints.ts';
import { roles } from '../api/types.ts';
import type { Member, Role } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { errorText } from '../i18n/errorText.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';
import { useCan } from '../session/RoleContext.tsx';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { InviteForm } from './InviteForm.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';
import { roleHints, roleNames } from './roleLabels.ts';

/** What a removal leaves behind: the account-wide credentials this member's role could see. */
function SecretsLeftBehind({ role }: { role: Role }) {
  const t = useT();
  const credentials = (chunks: ReactNode) => <Link to="/credentials">{chunks}</Link>;
  const hottok = (chunks: ReactNode) => <Link to="/docs">{chunks}</Link>;
  if (role === 'owner') return <p className="warning-box">{t.rich('team.removeOwnerSecrets', { credentials, hottok })}</p>;
  if (role === 'developer') return <p className="warning-box">{t.rich('team.removeDeveloperSecrets', { hottok })}</p>;
  return null;
}

export function TeamPage() {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const owner = useCan('owner');
  const team = useResource(getTeam, 'team');
  const [removing, setRemoving] = useState<Member | null>(null);
  const membersHeading = useRef<HTMLHeadingElement>(null);
  const changeRole = async (member: Member, role: Role) => {
    try {
      const changed = await setMemberRole(member.id, role);
      team.setData((current) => current && { ...current, members: current.members.map((item) => (item.id === changed.id ? changed : item)) });
      notify(t('team.roleChanged', { email: member.email, role: t(roleNames[role]) }));
    } catch (error) {
      notify(errorText(t, error, { conflict: 'team.lastOwner' }), 'error');
    }
  };
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.team')}</h1>
          <p className="lead">{t('team.lead')}</p>
        </div>
      </div>
      <ul className="role-list">{roles.map((role) => <li key={role}><strong>{t(roleNames[role])}</strong>: {t(roleHints[role])}</li>)}</ul>
      {team.error ? <LoadError error={team.error} what={t('team.what')} onRetry={() => void team.reload()} />
        : !team.data ? <SkeletonBlocks count={2} height={48} label={t('team.loading')} />
        : (
          <section className="card stack" aria-labelledby="members-title">
            <h2 id="members-title" ref={membersHeading} tabIndex={-1}>{t('team.members')}</h2>
            <div className="table-wrap">
              <table className="table products-table">
                <caption className="visually-hidden">{t('team.members')}</caption>
                <thead><tr><th scope="col">{t('field.email')}</th><th scope="col">{t('team.role')}</th><th scope="col">{t('team.since')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
                <tbody>
                  {team.data.members.map((member) => (
                    <tr key={member.id}>
                      <th scope="row" data-label={t('field.email')}>{member.email}{member.you && <span className="badge badge-test">{t('team.you')}</span>}</th>
                      <td data-label={t('team.role')}>
                        {owner
                          ? <select className="compact-select" aria-label={t('team.roleOf', { email: member.email })} value={member.role} onChange={(event) => void changeRole(member, event.target.value as Role)}>
                              {roles.map((role) => <option key={role} value={role}>{t(roleNames[role])}</option>)}
                            </select>
                          : t(roleNames[member.role])}
                      </td>
                      <td data-label={t('team.since')}>{format.date(member.created_at)}</td>
                      <td className="cell-actions cell-wide">{owner && <Button size="small" variant="danger" onClick={() => setRemoving(member)}>{t('team.remove')}<span className="visually-hidden"> {member.email}</span></Button>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <PendingInvitations invitations={team.data.invitations} owner={owner} afterRevoke={() => membersHeading.current}
              onRevoked={(gone) => team.setData((current) => current && { ...current, invitations: current.invitations.filter((item) => item.id !== gone.id) })} />
          </section>
        )}
      {owner && <InviteForm onInvited={() => void team.reload()} />}
      <ConfirmDialog open={removing !== null} title={t('team.removeTitle', { email: removing?.email ?? '' })} confirmLabel={t('team.remove')} danger onCancel={() => setRemoving(null)}
        returnFocus={() => membersHeading.current}
        onConfirm={async () => {
          if (!removing) return;
          await removeMember(removing.id);
          team.setData((current) => current && { ...current, members: current.members.filter((item) => item.id !== removing.id) });
          notify(t('team.removed', { email: removing.email }));
          setRemoving(null);
        }}>
        <p>{t('team.removeText')}</p>
        {removing && <SecretsLeftBehind role={removing.role} />}
      </ConfirmDialog>
    </section>
  );
}
