// Credentials ("Hotconnect"): the account (its id and kind), its API client, the products it promotes (affiliates)
// and its products.
import { getAccount } from '../api/endpoints.ts';
import type { AccountKind } from '../api/types.ts';
import { PromotedProductsCard } from '../affiliates/PromotedProductsCard.tsx';
import { useResource } from '../hooks/useResource.ts';
import { useT } from '../i18n/useT.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { AccountCard } from './AccountCard.tsx';
import { ApiCredentialsCard } from './ApiCredentialsCard.tsx';
import { ProductsCard } from './ProductsCard.tsx';

export function CredentialsPage({ kind }: { kind: AccountKind }) {
  const t = useT();
  const account = useResource(getAccount, 'account');
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>{t('nav.credentials')}</h1>
          <p className="lead">{t(kind === 'affiliate' ? 'credentials.leadAffiliate' : 'credentials.leadProducer')}</p>
        </div>
      </div>
      {account.error ? <LoadError error={account.error} what={t('credentials.what')} onRetry={() => void account.reload()} />
        : !account.data ? <SkeletonBlocks count={1} height={120} label={t('credentials.loading')} />
        : <AccountCard account={account.data} />}
      {kind === 'affiliate' && <PromotedProductsCard />}
      <ApiCredentialsCard clientId={account.data?.client_id} />
      <ProductsCard producer={kind === 'producer'} />
    </section>
  );
}
