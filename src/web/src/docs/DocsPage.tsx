// Documentation: the account's hottok, every event's fields and sample, and how a receiver verifies a post.
import { getAccount, getCatalog } from '../api/endpoints.ts';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { EventReference } from './EventReference.tsx';
import { HottokCard } from './HottokCard.tsx';
import { VerifyGuide } from './VerifyGuide.tsx';

export function DocsPage() {
  const t = useT();
  const catalog = useResource(getCatalog, 'catalog');
  const account = useResource(getAccount, 'account');
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.docs')}</h1>
          <p className="lead">{t('docs.lead')}</p>
        </div>
      </div>
      {account.error ? <LoadError error={account.error} what={t('docs.whatHottok')} onRetry={() => void account.reload()} />
        : !account.data ? <SkeletonBlocks count={1} height={150} label={t('docs.loadingHottok')} />
        : <HottokCard hottok={account.data.hottok} onRotated={(hottok) => account.setData((current) => (current ? { ...current, hottok } : current))} />}
      <VerifyGuide />
      {catalog.error ? <LoadError error={catalog.error} what={t('docs.whatCatalog')} onRetry={() => void catalog.reload()} />
        : !catalog.data ? <SkeletonBlocks count={1} height={480} label={t('docs.loadingEvents')} />
        : <EventReference catalog={catalog.data} />}
    </section>
  );
}
