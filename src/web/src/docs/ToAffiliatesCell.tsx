// Whether a documented field reaches affiliates' webhooks: always, only when the producer shares the product's buyer
// data (the buyer's identity, contact, address, document and boleto/PIX fields), or never.
import { useT } from '../i18n/useT.ts';

type ToAffiliates = { sent_to_affiliates: boolean; sent_to_affiliates_when_shared: boolean };

export function ToAffiliatesCell({ field }: { field: ToAffiliates }) {
  const t = useT();
  return (
    <td data-label={t('fields.toAffiliates')} className="cell-affiliates">
      {field.sent_to_affiliates ? t('fields.yes')
        : field.sent_to_affiliates_when_shared ? <span className="no-affiliate">{t('fields.whenShared')}</span>
        : <span className="no-affiliate">{t('fields.withheld')}</span>}
    </td>
  );
}
