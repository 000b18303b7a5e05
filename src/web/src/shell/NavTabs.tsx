// The four sections of the dashboard; the current one is marked for assistive technology too.
import { Link } from '../router/Link.tsx';

const sections = [
  { to: '/webhooks', label: 'My configurations' },
  { to: '/history', label: 'History' },
  { to: '/docs', label: 'Documentation' },
  { to: '/credentials', label: 'Credentials' },
];

export function NavTabs({ path }: { path: string }) {
  return (
    <nav className="nav" aria-label="Sections">
      <ul>
        {sections.map((section) => {
          const current = path === section.to || path.startsWith(`${section.to}/`);
          return <li key={section.to}><Link to={section.to} aria-current={current ? 'page' : undefined}>{section.label}</Link></li>;
        })}
      </ul>
    </nav>
  );
}
