// A short ranking (the slowest, the most failing) as horizontal bars, with the same numbers as a table below.
import { useId } from 'react';
import { useT } from '../i18n/useT.ts';

type Row = { id: string; name: string; value: number; label: string; detail: string };
type Props = { title: string; empty: string; rows: Row[]; columns: [string, string, string]; unit: 'ms' | 'count' };

export function RankedBars({ title, empty, rows, columns, unit }: Props) {
  const t = useT();
  const id = useId();
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <section className="card stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? <p className="subtle">{empty}</p> : (
        <figure className="chart" aria-label={title}>
          <ul className="ranked" aria-hidden="true">
            {rows.map((row) => (
              <li key={row.id}>
                <span className="ranked-name">{row.name}</span>
                <span className="ranked-bar"><span className={`ranked-fill ranked-${unit}`} style={{ width: `${(row.value / max) * 100}%` }} /></span>
                <span className="ranked-value">{row.label}</span>
              </li>
            ))}
          </ul>
          <details className="chart-table">
            <summary>{t('chart.showTable')}</summary>
            <table className="table numbers-table">
              <caption className="visually-hidden">{title}</caption>
              <thead><tr>{columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr></thead>
              <tbody>{rows.map((row) => <tr key={row.id}><th scope="row">{row.name}</th><td>{row.label}</td><td>{row.detail}</td></tr>)}</tbody>
            </table>
          </details>
        </figure>
      )}
    </section>
  );
}
