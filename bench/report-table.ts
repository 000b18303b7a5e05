// The report as plain text for stdout: the machine, every figure with its ratio, the targets, the hot functions.
import type { Report } from './report.ts';

/** Columns padded to their widest cell, under a header and a rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function renderTable(report: Report): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(`Postback benchmark${report.quick ? ' (--quick: a smoke run, figures are not meaningful)' : ''}: ${report.startedAt}, ${report.durationS.toFixed(0)} s`);
  out.push(`  ${m.cores} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}; Node ${m.node}, SQLite ${m.sqlite}, PostgreSQL ${m.postgres ?? 'not started'}`
    + `${m.postgresSettings ? ` (fsync=${m.postgresSettings.fsync})` : ''}; pg-boss ${m.packages['pg-boss']}, undici ${m.packages.undici}; Postback ${m.postbackVersion}${m.gitCommit ? ` @ ${m.gitCommit}` : ''}`);
  out.push(`  load average at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd?.join(' ') ?? '?'}`);
  out.push('');
  out.push(table(['scenario', 'figure', 'value', 'ratio'], report.figures.map((row) => [row.scenario, row.figure, row.value, row.ratio])));
  out.push('');
  out.push(table(['target', 'required', 'measured', 'result'], report.targets.map((target) => [target.name, target.required, target.measured, target.met === null ? 'not measured' : target.met ? 'met' : 'NOT MET'])));
  for (const profile of report.profiles) {
    out.push('');
    out.push(`Hottest functions, ${profile.label} (self time; ${profile.sampledMs} ms sampled, ${profile.idlePercent} % idle; ${profile.file})`);
    out.push(table(['self %', 'self ms', 'function', 'where'], profile.top.map((fn) => [`${fn.selfPercent.toFixed(1)}`, `${fn.selfMs.toFixed(0)}`, fn.name, fn.location])));
    if (profile.groups) out.push('', table(['self %', 'self ms', 'component'], profile.groups.map((g) => [g.selfPercent.toFixed(1), String(g.selfMs), g.group])));
  }
  if (report.statements) {
    const { database, topLevelMs, topLevelCalls, top } = report.statements;
    out.push('');
    out.push(`Hottest PostgreSQL statements, e2e PostgreSQL (pg_stat_statements, database ${database}: ${topLevelCalls.toLocaleString('en-US')} top-level calls, ${Math.round(topLevelMs).toLocaleString('en-US')} ms executing; nested = inside a function)`);
    out.push(table(['total ms', 'calls', 'mean ms', 'rows', 'statement'], top.map((s) => [
      Math.round(s.totalMs).toLocaleString('en-US'), s.calls.toLocaleString('en-US'), s.meanMs.toFixed(3), s.rows.toLocaleString('en-US'), `${s.nested ? '(nested) ' : ''}${s.query.slice(0, 110)}`])));
    // results saved before the bench read table statistics have none
    if (report.statements.updates) {
      out.push('', `Row updates, e2e PostgreSQL (HOT: a new version on the same page, no index written)`);
      out.push(table(['updates', 'HOT', 'HOT %', 'table'], report.statements.updates.map((u) => [
        u.updates.toLocaleString('en-US'), u.hotUpdates.toLocaleString('en-US'), ((100 * u.hotUpdates) / u.updates).toFixed(1), u.table])));
    }
  }
  if (report.notes.length > 0) out.push('', ...report.notes.map((note) => `note: ${note}`));
  return `${out.join('\n')}\n`;
}
