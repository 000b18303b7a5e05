// Maps the path to a screen.
import { ProductAffiliatesPage } from '../affiliates/ProductAffiliatesPage.tsx';
import { affiliatesPattern } from '../affiliates/paths.ts';
import type { AccountKind } from '../api/types.ts';
import { CredentialsPage } from '../credentials/CredentialsPage.tsx';
import { DocsPage } from '../docs/DocsPage.tsx';
import { DeliveryPage } from '../history/DeliveryPage.tsx';
import { HistoryPage } from '../history/HistoryPage.tsx';
import { useT } from '../i18n/useT.ts';
import { TrackingPage } from '../tracking/TrackingPage.tsx';
import { Link } from '../router/Link.tsx';
import { matchPath } from '../router/router.ts';
import type { Location } from '../router/router.ts';
import { WebhooksPage } from '../webhooks/WebhooksPage.tsx';

export function Screen({ location, kind }: { location: Location; kind: AccountKind }) {
  const path = location.path.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/webhooks') return <WebhooksPage />;
  if (path === '/history') return <HistoryPage query={location.query} />;
  const delivery = matchPath('/history/:id', path);
  if (delivery) return <DeliveryPage id={delivery.id!} />;
  if (path === '/docs') return <DocsPage />;
  if (path === '/tracking') return <TrackingPage />;
  if (path === '/credentials') return <CredentialsPage kind={kind} />;
  const affiliates = matchPath(affiliatesPattern, path);
  if (affiliates) return <ProductAffiliatesPage productId={affiliates.id!} />;
  return <NotFound path={location.path} />;
}

function NotFound({ path }: { path: string }) {
  const t = useT();
  return (
    <section className="stack">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t.rich('notFound.text', { path, link: (chunks) => <Link to="/webhooks">{chunks}</Link> })}</p>
    </section>
  );
}
