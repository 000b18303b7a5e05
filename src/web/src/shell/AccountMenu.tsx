// Who is signed in, to which account, and the sign-out button.
import { useState } from 'react';
import { signOut } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { errorText } from '../i18n/errorText.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';
import { useNotify } from '../ui/Notices.tsx';

export function AccountMenu({ session, onSignedOut }: { session: SessionInfo; onSignedOut: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const leave = async () => {
    setBusy(true);
    try {
      await signOut();
      onSignedOut();
    } catch (error) {
      notify(t('account.signOutFailed', { reason: errorText(t, error) }), 'error');
      setBusy(false);
    }
  };
  return (
    <div className="account-menu">
      <span className="account-who">
        <span className="account-name">{session.account.name}</span>
        {session.user && <span className="account-email">{session.user.email}</span>}
      </span>
      <Button size="small" variant="ghost" busy={busy} onClick={() => void leave()}>{t('account.signOut')}</Button>
    </div>
  );
}
