// Latency summaries. Nearest-rank percentiles over every sample (no histogram buckets, no interpolation).
// A delivery that never arrived is a sample of Infinity: it counts in the rank, so a p99 with more than 1 %
// missing is honestly "never", not the p99 of the lucky ones.

export type LatencySummary = { count: number; missing: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest rank: the smallest sample with at least q of all samples at or below it. `sorted` is ascending. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Summarises milliseconds; Infinity entries are deliveries that were expected and never arrived. */
export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  let sum = 0;
  let finite = 0;
  for (const value of sorted) if (Number.isFinite(value)) { sum += value; finite++; }
  return {
    count: sorted.length,
    missing: sorted.length - finite,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    mean: finite === 0 ? Number.NaN : sum / finite,
  };
}

/**
 * A latency CDF thinned to at most `points` points (for charts): [latency ms, fraction at or below]. The tail is
 * kept dense, since it is what a p99 chart is read for.
 */
export function cdfPoints(samples: ArrayLike<number>, points = 200): [number, number][] {
  const sorted = Float64Array.from(samples).sort();
  const finite = sorted.findIndex((value) => !Number.isFinite(value));
  const end = finite === -1 ? sorted.length : finite;
  if (end === 0) return [];
  const out: [number, number][] = [];
  // quantiles spaced evenly in log(1 - q): as many points between p99 and p99.9 as between p0 and p90
  for (let i = 0; i < points; i++) {
    const q = 1 - 10 ** (-3 * (i / (points - 1)));
    const index = Math.min(end - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    out.push([sorted[index]!, (index + 1) / sorted.length]);
  }
  return out.filter((point, i) => i === 0 || point[1] !== out[i - 1]![1]);
}
