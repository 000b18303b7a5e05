// Decides what to show: first-run set-up, sign-in, or the dashboard for the signed-in user.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, messageOf, rememberCsrfToken, whenSessionEnds } from './api/client.ts';
import { getSession, getSetup } from './api/endpoints.ts';
import type { SessionInfo } from './api/types.ts';
import { ForgotPasswordPage } from './password/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './password/ResetPasswordPage.tsx';
import { useLocation } from './router/router.ts';
import { SetupPage } from './session/SetupPage.tsx';
import { SignInPage } from './session/SignInPage.tsx';
import { Shell } from './shell/Shell.tsx';
import { Button } from './ui/Button.tsx';
import { NoticeProvider } from './ui/Notices.tsx';

type Gate =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'sign-in'; notice?: string }
  | { kind: 'signed-in'; session: SessionInfo }
  | { kind: 'unreachable'; message: string };

export function App() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const enter = useCallback((session: SessionInfo) => {
    rememberCsrfToken(session.csrf_token);
    setGate({ kind: 'signed-in', session });
  }, []);
  const boot = useCallback(async () => {
    try {
      enter(await getSession());
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) { setGate({ kind: 'unreachable', message: messageOf(error) }); return; }
      try {
        setGate((await getSetup()).available ? { kind: 'setup' } : { kind: 'sign-in' });
      } catch (failure) {
        setGate({ kind: 'unreachable', message: messageOf(failure) });
      }
    }
  }, [enter]);
  useEffect(() => {
    whenSessionEnds(() => {
      rememberCsrfToken(null);
      setGate({ kind: 'sign-in', notice: 'Your session has ended. Sign in again to continue.' });
    });
    void boot();
  }, [boot]);

  const { path } = useLocation();
  // the reset pages come before the gate: a reset link is opened signed out, often in another browser
  if (path === '/reset-password') return <ResetPasswordPage onDone={(notice) => setGate({ kind: 'sign-in', notice })} />;
  if (path === '/forgot-password' && gate.kind !== 'signed-in') return <ForgotPasswordPage />;
  return <NoticeProvider>{screen(gate, { enter, boot, setGate })}</NoticeProvider>;
}

function screen(gate: Gate, actions: { enter: (session: SessionInfo) => void; boot: () => Promise<void>; setGate: (gate: Gate) => void }) {
  switch (gate.kind) {
    case 'loading':
      return <main className="auth-page" id="main" aria-busy="true"><p className="loading-text">Loading Postback…</p></main>;
    case 'unreachable':
      return (
        <main className="auth-page" id="main">
          <div className="auth-card" role="alert">
            <h1>Postback is not answering</h1>
            <p>{gate.message}</p>
            <Button variant="primary" onClick={() => { actions.setGate({ kind: 'loading' }); void actions.boot(); }}>Try again</Button>
          </div>
        </main>
      );
    case 'setup':
      return <SetupPage onDone={() => void actions.boot()} />;
    case 'sign-in':
      return <SignInPage notice={gate.notice} onSignedIn={actions.enter} />;
    case 'signed-in':
      return <Shell session={gate.session} onSignedOut={() => { rememberCsrfToken(null); actions.setGate({ kind: 'sign-in', notice: 'You signed out.' }); }} />;
  }
}
