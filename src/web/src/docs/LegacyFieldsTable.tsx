// The 1.0.0 (legacy, form-encoded) fields of an event, with where each value comes from in the 2.0.0 data.
import type { LegacyCatalogField } from '../api/types.ts';
import { ToAffiliatesCell } from './ToAffiliatesCell.tsx';

export function LegacyFieldsTable({ fields, caption }: { fields: LegacyCatalogField[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table fields-table legacy-fields-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col">Form field</th><th scope="col">Description</th><th scope="col">Format</th><th scope="col">From (2.0.0 data)</th><th scope="col">To affiliates</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row" data-label="Form field" className="mono break">{field.name}{field.required ? '' : <span className="optional"> optional</span>}</th>
              <td data-label="Description">{field.description}</td>
              <td data-label="Format">{field.format}</td>
              <td data-label="From" className="mono break">{field.source}</td>
              <ToAffiliatesCell sent={field.sent_to_affiliates} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
