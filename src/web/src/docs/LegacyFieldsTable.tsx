// The 1.0.0 (legacy, form-encoded) fields of an event, with where each value comes from in the 2.0.0 data.
import type { LegacyCatalogField } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import type { DescribeField } from './field-descriptions/describe.ts';
import { ToAffiliatesCell } from './ToAffiliatesCell.tsx';

export function LegacyFieldsTable({ fields, describeField, caption }: { fields: LegacyCatalogField[]; describeField: DescribeField; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table fields-table legacy-fields-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col">{t('fields.formField')}</th><th scope="col">{t('fields.description')}</th><th scope="col">{t('fields.format')}</th><th scope="col">{t('fields.from')}</th><th scope="col">{t('fields.toAffiliates')}</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row" data-label={t('fields.formField')} className="mono break">{field.name}{field.required ? '' : <span className="optional"> {t('fields.optional')}</span>}</th>
              <td data-label={t('fields.description')} className="cell-description">{describeField(field.description)}</td>
              <td data-label={t('fields.format')} className="cell-format">{field.format}</td>
              <td data-label={t('fields.fromShort')} className="mono break cell-source">{field.source}</td>
              <ToAffiliatesCell field={field} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
