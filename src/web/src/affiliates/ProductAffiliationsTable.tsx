// A product's affiliations as its producer sees them: code, affiliate account, since when; each can be ended.
import type { Affiliation } from '../api/types.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';
import { Button } from '../ui/Button.tsx';

type Props = { affiliations: Affiliation[]; onEnd: (affiliation: Affiliation) => void };

export function ProductAffiliationsTable({ affiliations, onEnd }: Props) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="table products-table affiliations-table">
        <caption className="visually-hidden">{t('affiliates.caption')}</caption>
        <thead><tr><th scope="col">{t('affiliates.code')}</th><th scope="col">{t('affiliationForm.accountId')}</th><th scope="col">{t('affiliates.since')}</th><th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th></tr></thead>
        <tbody>
          {affiliations.map((affiliation) => (
            <tr key={affiliation.id}>
              <th scope="row" data-label={t('affiliates.code')}><span className="mono">{affiliation.affiliate_code}</span></th>
              <td data-label={t('affiliationForm.accountId')} className="cell-wide"><span className="mono break">{affiliation.affiliate_account_id}</span></td>
              <td data-label={t('affiliates.since')}>{format.date(affiliation.created_at)}</td>
              <td className="cell-actions cell-wide">
                <Button size="small" variant="danger" onClick={() => onEnd(affiliation)}>{t('endAffiliation.confirm')}<span className="visually-hidden"> {affiliation.affiliate_code}</span></Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
