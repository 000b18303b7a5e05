// The account itself: its id (what an affiliate gives to producers) and its kind.
import type { Account } from '../api/types.ts';
import { SecretValue } from '../ui/SecretValue.tsx';

const kindLabels: Record<Account['kind'], string> = { producer: 'Producer', affiliate: 'Affiliate' };

export function AccountCard({ account }: { account: Account }) {
  return (
    <section className="card stack" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <dl className="facts">
        <div><dt>Name</dt><dd>{account.name}</dd></div>
        <div><dt>Kind</dt><dd>{kindLabels[account.kind] ?? account.kind}</dd></div>
      </dl>
      <SecretValue label="Account ID" value={account.id}
        hint={account.kind === 'affiliate' ? 'Give this id to the producers whose products you promote.' : undefined} />
    </section>
  );
}
