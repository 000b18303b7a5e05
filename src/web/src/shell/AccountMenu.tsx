// Who is signed in, to which account, and the sign-out button.
import { useState } from 'react';
import { messageOf } from '../api/client.ts';
import { signOut } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { Button } from '../ui/Button.tsx';
import { useNotify } from '../ui/Notices.tsx';

export function AccountMenu({ session, onSignedOut }: { session: SessionInfo; onSignedOut: () => void }) {
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const leave = async () => {
    setBusy(true);
    try {
      await signOut();
      onSignedOut();
    } catch (error) {
      notify(`Sign-out failed: ${messageOf(error)}`, 'error');
      setBusy(false);
    }
  };
  return (
    <div className="account-menu">
      <span className="account-who">
        <span className="account-name">{session.account.name}</span>
        {session.user && <span className="account-email">{session.user.email}</span>}
      </span>
      <Button size="small" variant="ghost" busy={busy} onClick={() => void leave()}>Sign out</Button>
    </div>
  );
}
