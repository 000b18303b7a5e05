// The sections of the dashboard; the current one is marked for assistive technology too.
import type { MessageKey } from '../i18n/catalogues.ts';
import { useT } from '../i18n/useT.ts';
import { Link } from '../router/Link.tsx';

const sections: { to: string; label: MessageKey }[] = [
  { to: '/webhooks', label: 'nav.webhooks' },
  { to: '/history', label: 'nav.history' },
  { to: '/tracking', label: 'nav.tracking' },
  { to: '/docs', label: 'nav.docs' },
  { to: '/credentials', label: 'nav.credentials' },
];

export function NavTabs({ path }: { path: string }) {
  const t = useT();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {sections.map((section) => {
          const current = path === section.to || path.startsWith(`${section.to}/`);
          return <li key={section.to}><Link to={section.to} aria-current={current ? 'page' : undefined}>{t(section.label)}</Link></li>;
        })}
      </ul>
    </nav>
  );
}
