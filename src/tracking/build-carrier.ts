// Minifies the carrier script (tracking.js, the readable source) into dist/tracking/tracking.js. Run by
// `npm run build:tracking` (and so by `npm ci`, through `prepare`). The minifier is Vite's own (oxc, through rolldown):
// the dashboard's build tool already, so the script needs no dependency of its own.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { minifySync } from 'vite';
import { builtCarrierPath, carrierSourcePath } from './script-route.ts';

/** The minified script. Fails loudly on a syntax error: a broken script must never be built. */
export function minifyCarrier(source = readFileSync(carrierSourcePath, 'utf8')): string {
  const result = minifySync('tracking.js', source, { compress: true, mangle: true });
  if (result.errors.length > 0) throw new Error(`tracking.js does not minify: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.code;
}

if (import.meta.main) {
  const code = minifyCarrier();
  mkdirSync(dirname(builtCarrierPath), { recursive: true });
  writeFileSync(builtCarrierPath, code);
  console.log(`dist/tracking/tracking.js: ${code.length} bytes`);
}
