// A bar per hour, stacked by outcome, in plain SVG. The picture is for the eye (aria-hidden); the same numbers are
// in the table below it, which every reader can open, and a sentence sums them up for screen readers.
import { useId } from 'react';
import type { HourOutcomes } from '../api/types.ts';
import type { MessageKey } from '../i18n/catalogues.ts';
import { useFormat } from '../i18n/useFormat.ts';
import { useT } from '../i18n/useT.ts';

export const outcomeKeys = ['delivered', 'failed', 'not_sent', 'pending'] as const;
export type Outcome = (typeof outcomeKeys)[number];
export const outcomeLabels: Record<Outcome, MessageKey> = { delivered: 'outcome.delivered', failed: 'outcome.failed', not_sent: 'outcome.notSentShort', pending: 'outcome.pending' };

type Props = { hours: HourOutcomes[]; height?: number; compact?: boolean; caption: string };

// the compact chart covers one day: its table names hours by the clock; the overview's may span days

export function StackedBars({ hours, height = 160, compact = false, caption }: Props) {
  const t = useT();
  const id = useId();
  const format = useFormat();
  const max = Math.max(1, ...hours.map((hour) => outcomeKeys.reduce((sum, key) => sum + hour[key], 0)));
  const width = 100 / Math.max(1, hours.length);
  const total = (key: Outcome) => hours.reduce((sum, hour) => sum + hour[key], 0);
  const summary = t('chart.summary', { delivered: total('delivered'), failed: total('failed'), notSent: total('not_sent'), pending: total('pending') });
  return (
    <figure className={compact ? 'chart chart-compact' : 'chart'} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className={compact ? 'visually-hidden' : 'chart-caption'}>{caption}</figcaption>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" className="chart-svg" style={{ height }} role="img" aria-label={summary}>
        {hours.map((hour, index) => {
          let y = height;
          return outcomeKeys.map((key) => {
            const h = (hour[key] / max) * (height - 2);
            y -= h;
            return h > 0 ? <rect key={`${hour.hour}-${key}`} className={`bar bar-${key}`} x={index * width + width * 0.12} y={y} width={width * 0.76} height={h} /> : null;
          });
        })}
      </svg>
      {!compact && (
        <ul className="legend" aria-hidden="true">
          {outcomeKeys.map((key) => <li key={key}><span className={`swatch bar-${key}`} />{t(outcomeLabels[key])}</li>)}
        </ul>
      )}
      <details className={compact ? 'chart-table chart-table-compact' : 'chart-table'}>
        <summary>{t('chart.showTable')}</summary>
        <div className="table-wrap">
          <table className="table numbers-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead><tr><th scope="col">{t('chart.hour')}</th>{outcomeKeys.map((key) => <th key={key} scope="col">{t(outcomeLabels[key])}</th>)}</tr></thead>
            <tbody>
              {hours.map((hour) => (
                <tr key={hour.hour}><th scope="row">{compact ? format.clock(hour.hour) : format.hourLabel(hour.hour)}</th>{outcomeKeys.map((key) => <td key={key}>{format.number(hour[key])}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
