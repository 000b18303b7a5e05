// The account itself: its id (what an affiliate gives to producers) and its kind.
import type { Account } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import { SecretValue } from '../ui/SecretValue.tsx';

export function AccountCard({ account }: { account: Account }) {
  const t = useT();
  return (
    <section className="card stack" aria-labelledby="account-title">
      <h2 id="account-title">{t('accountCard.title')}</h2>
      <dl className="facts">
        <div><dt>{t('accountCard.name')}</dt><dd>{account.name}</dd></div>
        <div><dt>{t('accountCard.kind')}</dt><dd>{t(account.kind === 'affiliate' ? 'accountCard.affiliate' : 'accountCard.producer')}</dd></div>
      </dl>
      <SecretValue label={t('credential.accountId')} value={account.id} hint={account.kind === 'affiliate' ? t('accountCard.affiliateHint') : undefined} />
    </section>
  );
}
