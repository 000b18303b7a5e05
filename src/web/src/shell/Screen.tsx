// Maps the path to a screen.
import type { AccountKind } from '../api/types.ts';
import { CredentialsPage } from '../credentials/CredentialsPage.tsx';
import { DocsPage } from '../docs/DocsPage.tsx';
import { DeliveryPage } from '../history/DeliveryPage.tsx';
import { HistoryPage } from '../history/HistoryPage.tsx';
import { useT } from '../i18n/useT.ts';
import { OverviewPage } from '../overview/OverviewPage.tsx';
import { AuditPage } from '../team/AuditPage.tsx';
import { TeamPage } from '../team/TeamPage.tsx';
import { productPattern } from '../products/paths.ts';
import { ProductPage } from '../products/ProductPage.tsx';
import { ProductsPage } from '../products/ProductsPage.tsx';
import { TrackingPage } from '../tracking/TrackingPage.tsx';
import { Link } from '../router/Link.tsx';
import { matchPath } from '../router/router.ts';
import type { Location } from '../router/router.ts';
import { WebhooksPage } from '../webhooks/WebhooksPage.tsx';

export function Screen({ location, kind }: { location: Location; kind: AccountKind }) {
  const path = location.path.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/webhooks') return <WebhooksPage kind={kind} />;
  if (path === '/overview') return <OverviewPage />;
  if (path === '/history') return <HistoryPage query={location.query} />;
  const delivery = matchPath('/history/:id', path);
  if (delivery) return <DeliveryPage id={delivery.id!} />;
  if (path === '/docs') return <DocsPage />;
  if (path === '/tracking') return <TrackingPage />;
  if (path === '/credentials') return <CredentialsPage kind={kind} />;
  if (path === '/products') return <ProductsPage kind={kind} />;
  if (path === '/team') return <TeamPage />;
  if (path === '/audit') return <AuditPage />;
  const product = matchPath(productPattern, path) ?? matchPath('/credentials/products/:id/affiliates', path);
  if (product) return <ProductPage productId={product.id!} />;
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
