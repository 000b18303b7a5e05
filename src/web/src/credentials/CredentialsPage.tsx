// Credentials ("Hotconnect"): the account (its id and kind), its API client, the products it promotes (affiliates)
// and its products.
import { getAccount } from '../api/endpoints.ts';
import type { AccountKind } from '../api/types.ts';
import { PromotedProductsCard } from '../affiliates/PromotedProductsCard.tsx';
import { useResource } from '../hooks/useResource.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';
import { AccountCard } from './AccountCard.tsx';
import { ApiCredentialsCard } from './ApiCredentialsCard.tsx';
import { ProductsCard } from './ProductsCard.tsx';

export function CredentialsPage({ kind }: { kind: AccountKind }) {
  const account = useResource(getAccount, 'account');
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Credentials</h1>
          <p className="lead">
            Your account id, your API credentials (Hotconnect) for integrations that call Postback, and the products your configurations can filter on
            {kind === 'affiliate' ? ', with those you promote.' : ' and their affiliates.'}
          </p>
        </div>
      </div>
      {account.error ? <LoadError error={account.error} what="your account" onRetry={() => void account.reload()} />
        : !account.data ? <SkeletonBlocks count={1} height={120} label="Loading your account" />
        : <AccountCard account={account.data} />}
      {kind === 'affiliate' && <PromotedProductsCard />}
      <ApiCredentialsCard clientId={account.data?.client_id} />
      <ProductsCard producer={kind === 'producer'} />
    </section>
  );
}
