// The catalogue's field documentation as a table (cards on a phone).
import type { CatalogField } from '../api/types.ts';
import { ToAffiliatesCell } from './ToAffiliatesCell.tsx';

export function FieldsTable({ fields, caption }: { fields: CatalogField[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table fields-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Description</th><th scope="col">Format</th><th scope="col">Size</th><th scope="col">To affiliates</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row" data-label="Field" className="mono break">{field.name}{field.required ? '' : <span className="optional"> optional</span>}</th>
              <td data-label="Description">{field.description}</td>
              <td data-label="Format">{field.format}</td>
              <td data-label="Size" className={field.size === null ? 'no-size' : undefined}>{field.size ?? '—'}</td>
              <ToAffiliatesCell sent={field.sent_to_affiliates} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
