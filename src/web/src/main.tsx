// Entry point: mounts the dashboard inside its language and time-zone settings, behind the boundary that turns a
// screen's crash into a message (in that language) rather than a blank page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/I18nProvider.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/content.css';

createRoot(document.getElementById('root')!).render(<StrictMode><I18nProvider><ErrorBoundary><App /></ErrorBoundary></I18nProvider></StrictMode>);
