// The report as one self-contained HTML page: tables, inline SVG charts, no scripts and no external assets.
import { peakRate, saturationRate } from './figures.ts';
import type { Report } from './report.ts';
import type { MeasuredPhase } from './scenarios/end-to-end.ts';
import { scaleOutCharts } from './scale-out-report.ts';
import { barChart, escapeXml, lineChart } from './svg-charts.ts';
import type { Series } from './svg-charts.ts';

const e = escapeXml;

function htmlTable(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The completed runs that have phases, by name. */
function phasedRuns(report: Report): [string, MeasuredPhase[]][] {
  const s = report.scenarios;
  const runs: [string, MeasuredPhase[]][] = [];
  if (s.endToEndSqlite.status === 'completed') runs.push(['Postback, SQLite', s.endToEndSqlite.phases]);
  if (s.endToEndPostgres.status === 'completed') runs.push(['Postback, PostgreSQL', s.endToEndPostgres.phases]);
  if (s.pgbossBaseline.status === 'completed') runs.push(['pg-boss DIY', s.pgbossBaseline.phases]);
  return runs;
}

function latencyCharts(report: Report): string[] {
  const runs = phasedRuns(report);
  const names = [...new Set(runs.flatMap(([, phases]) => phases.map((phase) => phase.name)))];
  return names.map((name) => {
    const series: Series[] = runs.flatMap(([run, phases]) => {
      const phase = phases.find((candidate) => candidate.name === name);
      return phase ? [{ name: run, points: phase.cdf.map(([ms, fraction]): [number, number] => [fraction, ms]) }] : [];
    });
    return lineChart({ title: `Publish → delivered latency, ${name}`, series, xLabel: 'percentile', yLabel: 'ms (log)', xScale: 'percentile', yScale: 'log' });
  });
}

function throughputChart(report: Report): string {
  const s = report.scenarios;
  return barChart('Deliveries per second: peak (best phase), and at saturation (closed-loop publishing)', [
    { label: 'ceiling (raw undici POSTs)', value: s.ceiling.status === 'completed' ? s.ceiling.requestsPerS : Number.NaN },
    { label: 'Postback, SQLite: peak', value: peakRate(s.endToEndSqlite) },
    { label: 'Postback, SQLite: saturation', value: saturationRate(s.endToEndSqlite) },
    { label: 'Postback, PostgreSQL: peak', value: peakRate(s.endToEndPostgres) },
    { label: 'Postback, PostgreSQL: saturation', value: saturationRate(s.endToEndPostgres) },
    { label: 'pg-boss DIY: peak', value: peakRate(s.pgbossBaseline) },
    { label: 'pg-boss DIY: saturation', value: saturationRate(s.pgbossBaseline) },
  ], '/s', 760);
}

function isolationCharts(report: Report): string[] {
  const isolation = report.scenarios.isolation;
  if (isolation.status !== 'completed') return [];
  const { allHealthy, withHanging } = isolation;
  return [
    barChart(`Healthy webhooks' deliveries/s at ${isolation.offeredEventsPerS} events/s`, [
      { label: 'all healthy', value: allHealthy.deliveriesPerS },
      { label: `${isolation.hanging} of ${isolation.webhooks} hanging`, value: withHanging.deliveriesPerS, note: `(${Math.round(isolation.throughputKept * 100)} %)` },
    ], '/s'),
    lineChart({ title: 'Healthy webhooks\' latency', xLabel: 'percentile', yLabel: 'ms (log)', xScale: 'percentile', yScale: 'log', series: [
      { name: 'all healthy', points: allHealthy.cdf.map(([ms, f]): [number, number] => [f, ms]) },
      { name: `${isolation.hanging} hanging`, points: withHanging.cdf.map(([ms, f]): [number, number] => [f, ms]) },
    ] }),
    ...(isolation.tenants?.length ? [barChart('Tenant B\'s p99 publish→delivered, alone and beside tenant A\'s hanging webhooks', isolation.tenants.flatMap((run) => [
      { label: `alone (${run.hanging})`, value: run.alone.latencyMs.p99 },
      { label: `beside ${run.hanging} hanging`, value: run.beside.latencyMs.p99, note: `(${run.p99Ratio.toFixed(2)}×)` },
    ]), ' ms')] : []),
  ];
}

function backlogCharts(report: Report): string[] {
  const backlog = report.scenarios.backlog;
  if (backlog.status !== 'completed') return [];
  return [
    lineChart({ title: `Draining ${backlog.deliveries.toLocaleString('en-US')} pending deliveries: delivered so far`, xLabel: 'seconds', yLabel: 'deliveries',
      series: [{ name: 'delivered', points: backlog.series.map(([t, delivered]): [number, number] => [t, delivered]) }] }),
    lineChart({ title: 'Worker RSS while draining', xLabel: 'seconds', yLabel: 'MB',
      series: [{ name: 'RSS', points: backlog.series.map(([t, , rss]): [number, number] => [t, rss]) }] }),
  ];
}

export function renderHtml(report: Report): string {
  const m = report.machine;
  const machineRows = [
    ['CPU', `${m.cores} × ${m.cpuModel}`], ['memory', `${m.memoryGb} GB`], ['OS', m.os], ['Node.js', m.node], ['SQLite', m.sqlite],
    ['PostgreSQL', `${m.postgres ?? 'not started'}${m.postgresSettings ? ` (${Object.entries(m.postgresSettings).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`],
    ['packages', Object.entries(m.packages).map(([name, version]) => `${name} ${version}`).join(', ')],
    ['Postback', `${m.postbackVersion}${m.gitCommit ? ` @ ${m.gitCommit}` : ''}`],
    ['load average', `${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd?.join(' ') ?? '?'} at end`],
  ];
  const statuses = Object.entries(report.scenarios).map(([name, outcome]) => [name, outcome.status, `${outcome.seconds} s`, 'reason' in outcome ? outcome.reason.split('\n')[0]! : '']);
  const profiles = report.profiles.map((profile) => `<h3>Hottest functions: ${e(profile.label)}</h3><p>Self time, ${profile.sampledMs} ms sampled (${profile.idlePercent} % idle), from ${e(profile.file)}.</p>`
    + htmlTable(['self %', 'self ms', 'function', 'where'], profile.top.map((fn) => [fn.selfPercent.toFixed(1), fn.selfMs.toFixed(0), fn.name, fn.location]))
    + (profile.groups ? `<p>By component:</p>${htmlTable(['self %', 'self ms', 'component'], profile.groups.map((g) => [g.selfPercent.toFixed(1), String(g.selfMs), g.group]))}` : ''));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Postback benchmark ${e(report.startedAt)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#111}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f4f6}svg{display:block;margin:1em 0;font:12px system-ui,sans-serif}.met{color:#166534}.not{color:#b91c1c}</style></head><body>
<h1>Postback benchmark</h1><p>${e(report.startedAt)}, ${report.durationS.toFixed(0)} s; <code>${e(report.command)}</code>${report.quick ? ' (<strong>--quick</strong>: a smoke run; the figures are not meaningful)' : ''}</p>
<h2>Targets</h2><table><thead><tr><th>target</th><th>required</th><th>measured</th><th>result</th></tr></thead><tbody>${report.targets.map((t) => `<tr><td>${e(t.name)}</td><td>${e(t.required)}</td><td>${e(t.measured)}</td><td class="${t.met ? 'met' : 'not'}">${t.met === null ? 'not measured' : t.met ? 'met' : 'not met'}</td></tr>`).join('')}</tbody></table>
<h2>Figures</h2>${htmlTable(['scenario', 'figure', 'value', 'ratio'], report.figures.map((f) => [f.scenario, f.figure, f.value, f.ratio]))}
<h2>Throughput</h2><p>The server, the receivers, the publishing bench (and PostgreSQL) share the machine's cores: every figure here is CPU-bound. The ceiling is the same receivers and bodies with nothing in between.</p>${throughputChart(report)}
<h2>Latency</h2><p>Publish (the scheduled send of the event) to arrival at the receiver, every delivery; a delivery that never arrived counts as infinitely late.</p>${latencyCharts(report).join('\n')}
<h2>Isolation</h2>${isolationCharts(report).join('\n') || '<p>not measured</p>'}
<h2>Backlog</h2>${backlogCharts(report).join('\n') || '<p>not measured</p>'}
<h2>Scale-out</h2><p>One API process publishing, 1, 2 and 4 worker processes delivering, one PostgreSQL; every process, the receivers and the bench share the machine's cores.</p>${scaleOutCharts(report.scenarios).join('\n') || '<p>not measured</p>'}
${profiles.length > 0 ? `<h2>Profile</h2>${profiles.join('\n')}` : ''}
<h2>Scenarios</h2>${htmlTable(['scenario', 'status', 'wall time', 'reason'], statuses)}
<h2>Machine</h2>${htmlTable(['', ''], machineRows)}
${report.notes.length > 0 ? `<h2>Notes</h2><ul>${report.notes.map((note) => `<li>${e(note)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
