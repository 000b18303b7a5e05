// `node bench/rerender.ts bench/results/<file>.json [--profile-from other.json]`: recomputes the figures, targets
// and notes of a saved report with the current code (the measurements are untouched), rewrites its JSON and HTML,
// and prints the table. `--profile-from` copies the profile summaries (and statement ranking) of another run (e.g. a `--profile` run).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildFigures } from './figures.ts';
import { notesFor } from './notes.ts';
import { reviveReport } from './report.ts';
import type { Report } from './report.ts';
import { renderHtml } from './report-html.ts';
import { renderTable } from './report-table.ts';
import { evaluateTargets } from './targets.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'profile-from': { type: 'string' } } });
const file = positionals[0];
if (file === undefined || !file.endsWith('.json')) {
  process.stderr.write('usage: node bench/rerender.ts REPORT.json [--profile-from OTHER.json]\n');
  process.exit(2);
}
const report = JSON.parse(await readFile(file, 'utf8'), reviveReport) as Report;
if (values['profile-from']) {
  const other = JSON.parse(await readFile(values['profile-from'], 'utf8'), reviveReport) as Report;
  report.profiles = other.profiles.map((profile) => ({ ...profile, label: `${profile.label} (from the ${other.startedAt} run: ${other.command})` }));
  report.statements = other.statements;
}
report.figures = buildFigures(report.scenarios);
report.targets = evaluateTargets(report.scenarios, report.plan);
report.notes = notesFor(report.scenarios, report.targets, report.profiles.length > 0);
await writeFile(file, `${JSON.stringify(report, null, 1)}\n`);
await writeFile(file.replace(/\.json$/, '.html'), renderHtml(report));
process.stdout.write(renderTable(report));
