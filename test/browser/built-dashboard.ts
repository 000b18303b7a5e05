// The browser suite runs the real bundle. `npm ci` builds it; in a working copy it is (re)built here when it is
// missing or older than the dashboard's sources, so the test never runs yesterday's app.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/process.ts';

const sources = join(projectRoot, 'src', 'web');
const builtIndex = join(projectRoot, 'dist', 'web', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureDashboardBuilt(): void {
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newestSource(sources)) return;
  execFileSync(process.execPath, [join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(sources, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}
