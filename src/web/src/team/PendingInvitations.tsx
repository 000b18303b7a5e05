// The invitations waiting, each with who sent it; an owner revokes one after confirming, since the link already
// e-mailed stops working at once.
import { useState } from 'react';
import { revokeInvitation } from '../api/endpoints.ts';
import type { Invitation } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { useNotify } from '../ui/Notices.tsx';
import { useAuditActor } from './auditText.ts';
import { roleNames } from './roleLabels.ts';

type Props = {
  invitations: Invitation[];
  owner: boolean;
  onRevoked: (invitation: Invitation) => void;
  /** Where the keyboard goes once the revoked invitation's row (and its button) is gone. */
  afterRevoke: () => HTMLElement | null | undefined;
};

export function PendingInvitations({ invitations, owner, onRevoked, afterRevoke }: Props) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  // who sent an invitation is named as the audit log names actors: a user's e-mail, or an API client
  const inviter = useAuditActor();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  return (
    <>
      {invitations.length > 0 && (
        <>
          <h3>{t('team.pending')}</h3>
          <ul className="pending-list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <span>{t('team.pendingItem', { email: invitation.email, role: t(roleNames[invitation.role]), by: inviter(invitation.invited_by), date: format.date(invitation.expires_at) })}</span>
                {owner && <Button size="small" variant="ghost" onClick={() => setRevoking(invitation)}>{t('team.revoke')}<span className="visually-hidden"> {invitation.email}</span></Button>}
              </li>
            ))}
          </ul>
        </>
      )}
      {/* the confirm label starts with "Cancelar" in pt-BR and es, so the way out says "keep" instead */}
      <ConfirmDialog open={revoking !== null} title={t('team.revokeTitle', { email: revoking?.email ?? '' })} confirmLabel={t('team.revoke')} cancelLabel={t('team.keepInvitation')} danger
        onCancel={() => setRevoking(null)} returnFocus={afterRevoke}
        onConfirm={async () => {
          if (!revoking) return;
          await revokeInvitation(revoking.id);
          onRevoked(revoking);
          notify(t('team.revoked', { email: revoking.email }));
          setRevoking(null);
        }}>
        <p>{t('team.revokeText', { email: revoking?.email ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
