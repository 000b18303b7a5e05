// Documentation: the account's hottok, every event's fields and sample, and how a receiver verifies a post.
import { getAccount, getCatalog } from '../api/endpoints.ts';
import { useResource } from '../hooks/useResource.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { EventReference } from './EventReference.tsx';
import { HottokCard } from './HottokCard.tsx';
import { VerifyGuide } from './VerifyGuide.tsx';

export function DocsPage() {
  const catalog = useResource(getCatalog, 'catalog');
  const account = useResource(getAccount, 'account');
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Documentation</h1>
          <p className="lead">What your receiver gets: Hotmart-compatible posts, with your security token and a signature to check.</p>
        </div>
      </div>
      {account.error ? <LoadError error={account.error} what="your security token" onRetry={() => void account.reload()} />
        : !account.data ? <SkeletonBlocks count={1} height={150} label="Loading security token" />
        : <HottokCard hottok={account.data.hottok} onRotated={(hottok) => account.setData((current) => (current ? { ...current, hottok } : current))} />}
      <VerifyGuide />
      {catalog.error ? <LoadError error={catalog.error} what="the event catalogue" onRetry={() => void catalog.reload()} />
        : !catalog.data ? <SkeletonBlocks count={1} height={480} label="Loading events" />
        : <EventReference catalog={catalog.data} />}
    </section>
  );
}
