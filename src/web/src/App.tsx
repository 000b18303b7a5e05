// Decides what to show: first-run set-up, sign-in, or the dashboard for the signed-in user.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, rememberCsrfToken, whenSessionEnds } from './api/client.ts';
import { getSession, getSetup } from './api/endpoints.ts';
import type { SessionInfo } from './api/types.ts';
import { errorText } from './i18n/errorText.ts';
import { useT } from './i18n/useT.ts';
import { SetupPage } from './session/SetupPage.tsx';
import { SignInPage } from './session/SignInPage.tsx';
import type { SignInNotice } from './session/SignInPage.tsx';
import { Shell } from './shell/Shell.tsx';
import { Button } from './ui/Button.tsx';
import { NoticeProvider } from './ui/Notices.tsx';

type Gate =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'sign-in'; notice?: SignInNotice }
  | { kind: 'signed-in'; session: SessionInfo }
  | { kind: 'unreachable'; error: unknown };

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
      if (!(error instanceof ApiError) || error.status !== 401) { setGate({ kind: 'unreachable', error }); return; }
      try {
        setGate((await getSetup()).available ? { kind: 'setup' } : { kind: 'sign-in' });
      } catch (failure) {
        setGate({ kind: 'unreachable', error: failure });
      }
    }
  }, [enter]);
  useEffect(() => {
    whenSessionEnds(() => {
      rememberCsrfToken(null);
      setGate({ kind: 'sign-in', notice: 'ended' });
    });
    void boot();
  }, [boot]);

  return <NoticeProvider><GateScreen gate={gate} enter={enter} boot={boot} setGate={setGate} /></NoticeProvider>;
}

type Actions = { enter: (session: SessionInfo) => void; boot: () => Promise<void>; setGate: (gate: Gate) => void };

function GateScreen({ gate, ...actions }: { gate: Gate } & Actions) {
  const t = useT();
  switch (gate.kind) {
    case 'loading':
      return <main className="auth-page" id="main" aria-busy="true"><p className="loading-text">{t('app.loading')}</p></main>;
    case 'unreachable':
      return (
        <main className="auth-page" id="main">
          <div className="auth-card" role="alert">
            <h1>{t('app.unreachable')}</h1>
            <p>{errorText(t, gate.error)}</p>
            <Button variant="primary" onClick={() => { actions.setGate({ kind: 'loading' }); void actions.boot(); }}>{t('common.tryAgain')}</Button>
          </div>
        </main>
      );
    case 'setup':
      return <SetupPage onDone={() => void actions.boot()} />;
    case 'sign-in':
      return <SignInPage notice={gate.notice} onSignedIn={actions.enter} />;
    case 'signed-in':
      return <Shell session={gate.session} onSignedOut={() => { rememberCsrfToken(null); actions.setGate({ kind: 'sign-in', notice: 'signed-out' }); }} />;
  }
}
