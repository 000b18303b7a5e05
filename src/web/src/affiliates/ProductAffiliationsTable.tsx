// A product's affiliations as its producer sees them: code, affiliate account, since when; each can be ended.
import type { Affiliation } from '../api/types.ts';
import { formatDate } from '../format.ts';
import { Button } from '../ui/Button.tsx';

type Props = { affiliations: Affiliation[]; onEnd: (affiliation: Affiliation) => void };

export function ProductAffiliationsTable({ affiliations, onEnd }: Props) {
  return (
    <div className="table-wrap">
      <table className="table products-table affiliations-table">
        <caption className="visually-hidden">Affiliates of this product</caption>
        <thead><tr><th scope="col">Code</th><th scope="col">Affiliate account id</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {affiliations.map((affiliation) => (
            <tr key={affiliation.id}>
              <th scope="row" data-label="Code"><span className="mono">{affiliation.affiliate_code}</span></th>
              <td data-label="Affiliate account id" className="cell-wide"><span className="mono break">{affiliation.affiliate_account_id}</span></td>
              <td data-label="Since">{formatDate(affiliation.created_at)}</td>
              <td className="cell-actions cell-wide">
                <Button size="small" variant="danger" onClick={() => onEnd(affiliation)}>End affiliation<span className="visually-hidden"> {affiliation.affiliate_code}</span></Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
