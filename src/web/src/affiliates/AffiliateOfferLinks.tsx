// An affiliate's own link to each checkout offer of a product it promotes (/checkout/<offer>?aff=<its code>), to copy
// into its ads: a sale through it is credited to the affiliate (README "Affiliates").
import { listAffiliationOffers } from '../api/endpoints.ts';
import type { Affiliation } from '../api/types.ts';
import { useResource } from '../hooks/useResource.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { CopyButton } from '../ui/CopyButton.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { SkeletonBlocks } from '../ui/Skeleton.tsx';

export function AffiliateOfferLinks({ affiliation }: { affiliation: Affiliation }) {
  const t = useT();
  const format = useFormat();
  const offers = useResource(async () => (await listAffiliationOffers(affiliation.id)).items, `affiliation-offers-${affiliation.id}`);
  if (offers.error) return <LoadError error={offers.error} what={t('promoted.linksWhat')} onRetry={() => void offers.reload()} />;
  if (!offers.data) return <SkeletonBlocks count={1} height={24} label={t('promoted.linksLoading')} />;
  if (offers.data.length === 0) return <p className="subtle">{t('promoted.noOffers')}</p>;
  return (
    <ul className="offer-links">
      {offers.data.map((offer) => {
        // the dashboard is served by the Postback that hosts the checkout: its address is the link's
        const link = `${window.location.origin}${offer.checkout_path}`;
        return (
          <li key={offer.code}>
            <span>{offer.name} <span className="subtle">{format.money(offer.price, offer.currency)}</span></span>
            <span className="offer-link"><code className="offer-link-url">{link}</code><CopyButton value={link} label={t('promoted.linkLabel', { offer: offer.name })} /></span>
          </li>
        );
      })}
    </ul>
  );
}
