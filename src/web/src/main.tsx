// Entry point: mounts the dashboard.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/content.css';

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
