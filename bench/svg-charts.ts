// Inline SVG charts for the HTML report (no scripts, no external assets): lines on linear, log or percentile
// axes, and horizontal bars.

export const palette = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2'];

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Scale = 'linear' | 'log' | 'percentile';
export type Series = { name: string; points: [number, number][]; color?: string };
export type LineChart = { title: string; series: Series[]; xLabel: string; yLabel: string; xScale?: Scale; yScale?: Scale; width?: number; height?: number };

/** Percentile axis: a cumulative fraction f sits at -log10(1 - f), so p50, p90, p99 and p99.9 are evenly spaced. */
const percentilePosition = (fraction: number): number => Math.min(3, -Math.log10(Math.max(1e-3, 1 - fraction)));

function axis(scale: Scale, values: number[]): { to: (v: number) => number; ticks: [number, string][] } {
  if (scale === 'percentile') {
    return { to: (v) => percentilePosition(v) / 3, ticks: [[0, 'p0'], [0.5, 'p50'], [0.9, 'p90'], [0.99, 'p99'], [0.999, 'p99.9']] };
  }
  const finite = values.filter((v) => Number.isFinite(v) && (scale === 'linear' || v > 0));
  if (scale === 'log') {
    const lo = 10 ** Math.floor(Math.log10(Math.min(...finite, 1)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...finite, lo * 10)));
    const ticks: [number, string][] = [];
    for (let t = lo; t <= hi; t *= 10) ticks.push([t, t >= 1000 ? `${t / 1000}k` : String(t)]);
    return { to: (v) => (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)), ticks };
  }
  const hi = niceCeil(Math.max(...finite, 1e-9));
  const ticks: [number, string][] = [0, 0.25, 0.5, 0.75, 1].map((f) => [f * hi, compact(f * hi)]);
  return { to: (v) => v / hi, ticks };
}

function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 2.5, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

function compact(value: number): string {
  return value >= 10_000 ? `${Math.round(value / 1000)}k` : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : String(Math.round(value * 100) / 100);
}

export function lineChart(chart: LineChart): string {
  const width = chart.width ?? 700;
  const height = chart.height ?? 300;
  const pad = { left: 64, right: 190, top: 32, bottom: 44 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const x = axis(chart.xScale ?? 'linear', chart.series.flatMap((s) => s.points.map((p) => p[0])));
  const y = axis(chart.yScale ?? 'linear', chart.series.flatMap((s) => s.points.map((p) => p[1])));
  const px = (v: number): number => pad.left + x.to(v) * plotW;
  const py = (v: number): number => pad.top + plotH - y.to(v) * plotH;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}">`,
    `<text x="${pad.left}" y="18" font-weight="bold">${escapeXml(chart.title)}</text>`];
  for (const [value, label] of x.ticks) parts.push(`<line x1="${px(value)}" y1="${pad.top}" x2="${px(value)}" y2="${pad.top + plotH}" stroke="#e5e7eb"/><text x="${px(value)}" y="${pad.top + plotH + 16}" text-anchor="middle">${escapeXml(label)}</text>`);
  for (const [value, label] of y.ticks) parts.push(`<line x1="${pad.left}" y1="${py(value)}" x2="${pad.left + plotW}" y2="${py(value)}" stroke="#e5e7eb"/><text x="${pad.left - 6}" y="${py(value) + 4}" text-anchor="end">${escapeXml(label)}</text>`);
  parts.push(`<text x="${pad.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(14 ${pad.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`);
  chart.series.forEach((series, index) => {
    const color = series.color ?? palette[index % palette.length]!;
    const points = series.points.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)).map(([a, b]) => `${px(a).toFixed(1)},${py(b).toFixed(1)}`);
    if (points.length > 0) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    const ly = pad.top + 10 + index * 18;
    parts.push(`<rect x="${pad.left + plotW + 12}" y="${ly - 8}" width="12" height="4" fill="${color}"/><text x="${pad.left + plotW + 30}" y="${ly}">${escapeXml(series.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export type Bar = { label: string; value: number; note?: string; color?: string };

export function barChart(title: string, bars: Bar[], unit: string, width = 640): string {
  const row = 26;
  const pad = { left: 240, right: 150, top: 32 };
  const height = pad.top + bars.length * row + 10;
  const max = niceCeil(Math.max(...bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0)), 1e-9));
  const plotW = width - pad.left - pad.right;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<text x="8" y="18" font-weight="bold">${escapeXml(title)}</text>`];
  bars.forEach((bar, index) => {
    const y = pad.top + index * row;
    const w = Number.isFinite(bar.value) ? (bar.value / max) * plotW : 0;
    const value = Number.isFinite(bar.value) ? `${compact(Math.round(bar.value))} ${unit}` : 'not measured';
    parts.push(`<text x="${pad.left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${pad.left}" y="${y + 3}" width="${w.toFixed(1)}" height="16" fill="${bar.color ?? palette[index % palette.length]}"/>`,
      `<text x="${pad.left + w + 6}" y="${y + 15}">${escapeXml(value)}${bar.note ? ` ${escapeXml(bar.note)}` : ''}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
