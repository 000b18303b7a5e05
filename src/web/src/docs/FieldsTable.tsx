// The catalogue's field documentation as a table (cards on a phone). Descriptions come from the API's catalogue, in
// English, and are shown in the reader's language (see field-descriptions/describe.ts).
import type { CatalogField } from '../api/types.ts';
import { useT } from '../i18n/useT.ts';
import type { DescribeField } from './field-descriptions/describe.ts';
import { ToAffiliatesCell } from './ToAffiliatesCell.tsx';

export function FieldsTable({ fields, describeField, caption }: { fields: CatalogField[]; describeField: DescribeField; caption: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table fields-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr><th scope="col">{t('fields.field')}</th><th scope="col">{t('fields.description')}</th><th scope="col">{t('fields.format')}</th><th scope="col">{t('fields.size')}</th><th scope="col">{t('fields.toAffiliates')}</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row" data-label={t('fields.field')} className="mono break">{field.name}{field.required ? '' : <span className="optional"> {t('fields.optional')}</span>}</th>
              <td data-label={t('fields.description')} className="cell-description">{describeField(field.description)}</td>
              <td data-label={t('fields.format')} className="cell-format">{field.format}</td>
              <td data-label={t('fields.size')} className={field.size === null ? 'cell-size no-size' : 'cell-size'}>{field.size ?? '—'}</td>
              <ToAffiliatesCell field={field} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
