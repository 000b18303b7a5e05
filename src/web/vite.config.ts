// Builds the dashboard into dist/web (`npm run build:web`, also run by `npm ci` through `prepare`).
// Every text asset gets .br and .gz siblings at build time, so the server sends compressed bytes without
// compressing per request (@fastify/static `preCompressed`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const compressible = /\.(?:js|css|html|svg|json|txt)$/;
// below this, the header overhead of a compressed response outweighs the saving
const minBytes = 512;

function precompress(): Plugin {
  return {
    name: 'postback-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!compressible.test(fileName)) continue;
        const source = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        if (source.length < minBytes) continue;
        const path = join(outDir, fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }));
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
  // the API runs on :8080 during `npm run dev:web`; the dev server forwards API calls to it
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // the dashboard must run under `script-src 'self'`: no inline module-preload polyfill
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
