// How times, durations, numbers and money read on screen: always through Intl, in the chosen language and time zone,
// with the zone shown next to every time (a producer in Manaus and a developer reading UTC logs must agree).
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { useSettings } from './I18nProvider.tsx';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const parse = (iso: string | number | null | undefined): Date | null => {
  if (iso === null || iso === undefined || iso === '') return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

export function useFormat() {
  const intl = useIntl();
  const { zone, timeZone } = useSettings();
  return useMemo(() => {
    /** A full date and time with its zone: "5 de dez. de 2026 14:03:05 BRT". */
    const date = (iso: string | number | null | undefined): string => {
      const value = parse(iso);
      return value ? intl.formatDate(value, { dateStyle: 'medium', timeStyle: 'long' }) : '—';
    };
    /** Compact, for tables: the year only when it is not this one, the zone always. */
    const shortDate = (iso: string | null | undefined): string => {
      const value = parse(iso);
      if (!value) return '—';
      const sameYear = value.getUTCFullYear() === new Date().getUTCFullYear();
      return intl.formatDate(value, { ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
    };
    /** An hour of a chart: "5 dez. 14:00 BRT". */
    const hourLabel = (iso: string): string => {
      const value = parse(iso);
      return value ? intl.formatDate(value, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }) : '—';
    };
    /** A time of day with its zone: "14:00 BRT". */
    const clock = (iso: string): string => {
      const value = parse(iso);
      return value ? intl.formatDate(value, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }) : '—';
    };
    const duration = (ms: number): string => {
      if (ms < second) return intl.formatNumber(Math.round(ms), { style: 'unit', unit: 'millisecond', unitDisplay: 'short' });
      if (ms < minute) return intl.formatNumber(ms / second, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 });
      return intl.formatNumber(Math.round(ms / minute), { style: 'unit', unit: 'minute', unitDisplay: 'short' });
    };
    /** "in 30 seconds", "now", "5 minutes ago", in the user's language. */
    const relative = (iso: string | null | undefined, now = Date.now()): string => {
      const value = parse(iso);
      if (!value) return '—';
      const ms = value.getTime() - now;
      const size = Math.abs(ms);
      if (size < 1.5 * second) return intl.formatRelativeTime(0, 'second', { numeric: 'auto' });
      if (size < minute) return intl.formatRelativeTime(Math.round(ms / second), 'second');
      if (size < hour) return intl.formatRelativeTime(Math.round(ms / minute), 'minute');
      if (size < 48 * hour) return intl.formatRelativeTime(Math.round(ms / hour), 'hour');
      return intl.formatRelativeTime(Math.round(ms / (24 * hour)), 'day');
    };
    const number = (value: number, options?: Intl.NumberFormatOptions): string => intl.formatNumber(value, options as never);
    const percent = (ratio: number): string => intl.formatNumber(ratio, { style: 'percent', maximumFractionDigits: 1 });
    /** Money with its currency; an unknown currency code shows as the amount and the code. */
    const money = (value: number, currency: string): string => {
      try {
        return intl.formatNumber(value, { style: 'currency', currency });
      } catch {
        return `${intl.formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
      }
    };
    /** "a, b and c", the language's way. */
    const list = (items: string[]): string => intl.formatList(items, { type: 'conjunction' });
    /** The zone dates are shown in, for labels: "America/Sao_Paulo (BRT)" or "UTC". */
    const zoneName = (): string => {
      if (zone === 'utc') return 'UTC';
      const short = intl.formatDateToParts(new Date(), { timeZoneName: 'short' }).find((part) => part.type === 'timeZoneName')?.value;
      return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
    };
    /** <input type="datetime-local"> values are wall-clock times in the zone shown (local or UTC); '' for no date. */
    const toInput = (when: string | number): string => {
      // a link may carry epoch milliseconds, which the API takes too (/history?from=1796652000000), or garbage
      const value = parse(typeof when === 'string' && /^\d+$/.test(when) ? Number(when) : when);
      // shifted to the local wall clock, a date at the very edge of the range can fall off it
      const wall = value && (zone === 'utc' ? value : parse(value.getTime() - value.getTimezoneOffset() * minute));
      return wall ? wall.toISOString().slice(0, 16) : '';
    };
    const fromInput = (text: string): string | undefined => {
      if (!text) return undefined;
      const value = new Date(zone === 'utc' ? `${text}Z` : text);
      return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
    };
    return { date, shortDate, hourLabel, clock, duration, relative, number, percent, money, list, zoneName, toInput, fromInput };
  }, [intl, zone, timeZone]);
}

export type Format = ReturnType<typeof useFormat>;
