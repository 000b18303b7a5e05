// Tests serve the real minified carrier script. `npm ci` builds it; in a working copy it is (re)built here when it is
// missing or older than its source, so a test never checks yesterday's script.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtCarrierPath, carrierSourcePath } from '../../src/tracking/script-route.ts';
import { projectRoot } from './process.ts';

export function ensureCarrierBuilt(): void {
  if (existsSync(builtCarrierPath) && statSync(builtCarrierPath).mtimeMs >= statSync(carrierSourcePath).mtimeMs) return;
  execFileSync(process.execPath, [join(projectRoot, 'src', 'tracking', 'build-carrier.ts')], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}
