// How `postback serve` hands the dashboard bundle to browsers: compressed siblings, cache headers, the dashboard's
// own CSP, the SPA fallback, API 404s left alone, and a clear 503 page when the bundle was never built.
// Uses a small stand-in bundle, so it needs no build (the browser suite runs the real one).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startPlatform } from '../helpers/platform.ts';

const script = `console.log(${JSON.stringify('dashboard '.repeat(200))});\n`;

async function standInBundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'postback-web-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Postback</title><script type="module" src="/assets/index-AbC123.js"></script>');
  await writeFile(join(dir, 'assets', 'index-AbC123.js'), script);
  await writeFile(join(dir, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
  await writeFile(join(dir, 'assets', 'index-AbC123.js.gz'), gzipSync(script));
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

/** A GET with node:http, which (unlike fetch) hands back the bytes as sent, still compressed. */
const raw = (url: string, headers: Record<string, string> = {}) => new Promise<{ status: number; headers: Headers; bytes: Buffer }>((resolve, reject) => {
  get(url, { headers }, (response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const seen = new Headers();
      for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') seen.set(name, value);
      resolve({ status: response.statusCode ?? 0, headers: seen, bytes: Buffer.concat(chunks) });
    });
  }).on('error', reject);
});

test('the dashboard: index.html revalidated, hashed assets immutable and precompressed, its own CSP, SPA fallback', async (t) => {
  const webDir = await standInBundle();
  t.after(() => rm(webDir, { recursive: true, force: true }));
  await using platform = await startPlatform({ webDir });

  const index = await platform.request('GET', '/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const csp = index.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(index.headers.get('x-frame-options'), 'DENY');

  for (const page of ['/webhooks', '/history/0190c6b2-8f3e-7a41-9d2b-4c1f0a6e5b7d?status=failed', '/docs']) {
    const fallback = await platform.request('GET', page);
    assert.equal(fallback.status, 200, page);
    assert.equal(fallback.text, index.text, `${page} serves index.html`);
  }

  const brotli = await raw(`${platform.url}/assets/index-AbC123.js`, { 'accept-encoding': 'br, gzip' });
  assert.equal(brotli.status, 200);
  assert.equal(brotli.headers.get('content-encoding'), 'br');
  assert.equal(brotli.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(brotli.headers.get('content-type') ?? '', /javascript/);
  assert.match(brotli.headers.get('vary') ?? '', /accept-encoding/i);
  assert.equal(brotliDecompressSync(brotli.bytes).toString(), script);
  const gzip = await raw(`${platform.url}/assets/index-AbC123.js`, { 'accept-encoding': 'gzip' });
  assert.equal(gzip.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(gzip.bytes).toString(), script);
  const plain = await raw(`${platform.url}/assets/index-AbC123.js`, { 'accept-encoding': 'identity' });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(plain.bytes.toString(), script);
  assert.equal((await platform.request('GET', '/favicon.svg')).headers.get('cache-control'), 'no-cache');

  const missingAsset = await platform.request('GET', '/assets/index-Gone99.js');
  assert.equal(missingAsset.status, 404, 'a missing file is a 404, not index.html');
  for (const path of ['/assets/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) {
    const answer = await platform.request('GET', path);
    assert.ok(answer.status === 404 || (answer.status === 200 && answer.text === index.text), `${path} answered ${answer.status}`);
    assert.doesNotMatch(answer.text, /root:/);
  }

  const apiMiss = await platform.request('GET', '/api/v1/nothing-here');
  assert.equal(apiMiss.status, 404);
  assert.equal(apiMiss.headers.get('content-type'), 'application/problem+json; charset=utf-8', 'API paths never get the SPA');
  assert.match(apiMiss.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const apiCall = await platform.request('GET', '/api/v1/catalog');
  assert.equal(apiCall.status, 401);
  assert.match(apiCall.headers.get('content-security-policy') ?? '', /default-src 'none'/, 'the API keeps its strict policy');
});

test('without a built bundle, / answers a clear 503 page, in the browser\'s language, that says to run npm run build:web', async (t) => {
  const empty = await mkdtemp(join(tmpdir(), 'postback-noweb-'));
  t.after(() => rm(empty, { recursive: true, force: true }));
  await using platform = await startPlatform({ webDir: empty });
  for (const path of ['/', '/history']) {
    const answer = await platform.request('GET', path);
    assert.equal(answer.status, 503, path);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.match(answer.text, /npm run build:web/);
    assert.match(answer.text, /<html lang="pt-BR">[\s\S]*O painel ainda não foi compilado/, 'pt-BR when the browser names none of ours');
  }
  for (const [language, heading] of [['es-AR,es;q=0.9', 'El panel todavía no está compilado'], ['en-US', 'The dashboard is not built yet']]) {
    const answer = await platform.request('GET', '/', { headers: { 'accept-language': language! } });
    assert.equal(answer.status, 503);
    assert.match(answer.text, new RegExp(heading!), language);
    assert.equal(answer.headers.get('vary'), 'accept-language');
  }
  assert.equal((await platform.request('GET', '/health')).status, 200, 'the API works meanwhile');
  await writeFile(join(empty, 'index.html'), '<!doctype html><title>built</title>');
  assert.equal((await platform.request('GET', '/')).status, 200, 'a build made while running is served without a restart');
});
