// The centred card that sign-in and first-run set-up share, with the language switch above it.
import type { ReactNode } from 'react';
import { LanguagePicker } from '../i18n/LanguagePicker.tsx';

export function AuthLayout({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <div className="auth-top">
          <p className="brand brand-large"><span className="brand-mark" aria-hidden="true" />Postback</p>
          <LanguagePicker />
        </div>
        <h1>{title}</h1>
        <div className="auth-intro">{intro}</div>
        {children}
      </div>
    </main>
  );
}
