// The signed-in frame: header with the account and sign-out, the section tabs, and the current screen.
import { useEffect, useRef } from 'react';
import type { SessionInfo } from '../api/types.ts';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';
import { TimeZoneToggle } from '../i18n/TimeZoneToggle.tsx';
import { useT } from '../i18n/useT.ts';
import { navigate, useLocation } from '../router/router.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { NavTabs } from './NavTabs.tsx';
import { Screen } from './Screen.tsx';

export function Shell({ session, onSignedOut }: { session: SessionInfo; onSignedOut: () => void }) {
  const t = useT();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (location.path === '/' || location.path === '') navigate('/webhooks', { replace: true });
  }, [location.path]);
  // after a navigation, focus the new screen's heading so keyboard and screen-reader users start there
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
    window.scrollTo(0, 0);
  }, [location.path]);
  return (
    <>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href="/webhooks" onClick={(event) => { event.preventDefault(); navigate('/webhooks'); }}><span className="brand-mark" aria-hidden="true" />Postback</a>
          <div className="topbar-tools">
            <LanguagePicker />
            <TimeZoneToggle />
            <AccountMenu session={session} onSignedOut={onSignedOut} />
          </div>
        </div>
        <NavTabs path={location.path} />
      </header>
      <main id="main" ref={main} className="page">
        <Screen location={location} kind={session.account.kind} />
      </main>
    </>
  );
}
