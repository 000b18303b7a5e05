// Credentials ("Hotconnect"): the API client of the account, and its products.
import { getAccount } from '../api/endpoints.ts';
import { useResource } from '../hooks/useResource.ts';
import { ApiCredentialsCard } from './ApiCredentialsCard.tsx';
import { ProductsCard } from './ProductsCard.tsx';

export function CredentialsPage() {
  const account = useResource(getAccount, 'account');
  return (
    <section className="stack-large">
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Credentials</h1>
          <p className="lead">Your API credentials (Hotconnect) for integrations that call Postback, and the products your configurations can filter on.</p>
        </div>
      </div>
      <ApiCredentialsCard clientId={account.data?.client_id} />
      <ProductsCard />
    </section>
  );
}
