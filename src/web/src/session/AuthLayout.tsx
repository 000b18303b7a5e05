// The centred card that sign-in and first-run set-up share.
import type { ReactNode } from 'react';

export function AuthLayout({ title, intro, children }: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand brand-large"><span className="brand-mark" aria-hidden="true" />Postback</p>
        <h1>{title}</h1>
        <div className="auth-intro">{intro}</div>
        {children}
      </div>
    </main>
  );
}
