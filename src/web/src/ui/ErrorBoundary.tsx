// The last line of defence: a screen that throws while drawing (an answer shaped unlike any the dashboard knows)
// shows, in the user's language, that something went wrong and how to carry on, instead of a blank page. React
// itself logs the error to the console, for whoever debugs it.
import { Component } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { Button } from './Button.tsx';

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? <Crashed /> : this.props.children;
  }
}

// a reload, not a re-render: whatever broke the screen is in this page's memory, and a reload starts from none of it
function Crashed() {
  const t = useT();
  return (
    <main className="auth-page" id="main">
      <div className="auth-card" role="alert">
        <h1>{t('app.crashTitle')}</h1>
        <p>{t('app.crashText')}</p>
        <Button variant="primary" onClick={() => window.location.reload()}>{t('app.reload')}</Button>
      </div>
    </main>
  );
}
