// Documentation: the account's hottok, every event's fields and sample, and how a receiver verifies a post.
import { getAccount, getCatalog } from '../api/endpoints.ts';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { EventReference } from './EventReference.tsx';
import { HottokCard } from './HottokCard.tsx';
import { useFieldDescriptions } from './useFieldDescriptions.ts';
import { VerifyGuide } from './VerifyGuide.tsx';

export function DocsPage() {
  const t = useT();
  const catalog = useResource(getCatalog, 'catalog');
  const account = useResource(getAccount, 'account');
  // fetched alongside the catalogue, so the fields never show in English first
  const describeField = useFieldDescriptions();
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.docs')}</h1>
          <p className="lead">{t('docs.lead')}</p>
          {/* a page of its own (Swagger UI), served by the API: a plain link, not the dashboard's router */}
          <p><a href="/api/docs">{t('docs.apiReference')}</a></p>
        </div>
      </div>
      {account.error ? <LoadError error={account.error} what={t('docs.whatHottok')} onRetry={() => void account.reload()} />
        : !account.data ? <SkeletonBlocks count={1} height={150} label={t('docs.loadingHottok')} />
        : account.data.hottok === null ? <p className="info-box">{t('hottok.hidden')}</p>
        : <HottokCard hottok={account.data.hottok} onRotated={(hottok) => account.setData((current) => (current ? { ...current, hottok } : current))} />}
      <VerifyGuide />
      {catalog.error ? <LoadError error={catalog.error} what={t('docs.whatCatalog')} onRetry={() => void catalog.reload()} />
        : !catalog.data || !describeField ? <SkeletonBlocks count={1} height={480} label={t('docs.loadingEvents')} />
        : <EventReference catalog={catalog.data} describeField={describeField} />}
    </section>
  );
}
