// HTTP headers as a name/value table.
import { useT } from '../i18n/useT.ts';

export function HeadersTable({ headers, caption }: { headers: Record<string, string>; caption: string }) {
  const t = useT();
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="subtle">{t('headers.none')}</p>;
  return (
    <table className="table headers-table">
      <caption className="table-caption">{caption}</caption>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}><th scope="row" className="mono">{name}</th><td className="mono break">{value}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
