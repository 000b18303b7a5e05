// How the report writes a rate, a duration, a size and a ratio (the table's and the HTML page's one way).
import type { PhaseResult } from './phase.ts';

export const fmt = {
  rate: (value: number): string => `${Math.round(value).toLocaleString('en-US')}/s`,
  ms: (value: number): string => (Number.isFinite(value) ? (value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')) : 'never'),
  mb: (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a'),
  ratio: (value: number, to: string): string => (Number.isFinite(value) ? `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}× ${to}`
    : value === Number.POSITIVE_INFINITY ? `∞× ${to} (over 1 % never delivered)` : `n/a (${to} not measured)`),
  /** p99 against p99, where either side may be "never" (Infinity: over 1 % of the deliveries never arrived). */
  latencyRatio: (value: number, to: number, label: string): string => (value === Number.POSITIVE_INFINITY && to === Number.POSITIVE_INFINITY ? `both never (over 1 % undelivered)`
    : to === Number.POSITIVE_INFINITY ? `${label}: never (over 1 % undelivered)` : fmt.ratio(value / to, label)),
  latencies: (phase: PhaseResult): string => `${fmt.ms(phase.latencyMs.p50)} / ${fmt.ms(phase.latencyMs.p95)} / ${fmt.ms(phase.latencyMs.p99)} ms`,
};
