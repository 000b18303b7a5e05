// /tracking.js as `postback serve` serves it: the minified build of src/tracking/tracking.js, under 2 KB gzipped
// (the budget of a script every landing page loads), cacheable and loadable from any origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { minifyCarrier } from '../src/tracking/build-carrier.ts';
import { ensureCarrierBuilt } from './helpers/built-carrier.ts';
import { startPlatform } from './helpers/platform.ts';

const budget = 2048;

test('/tracking.js is the minified source, under 2 KB gzipped, cacheable from any origin', async () => {
  ensureCarrierBuilt();
  await using platform = await startPlatform();
  const minified = minifyCarrier();
  // undici's request() does not inflate: the bytes are what goes over the wire
  const response = await request(`${platform.url}/tracking.js`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(response.headers['content-encoding'], 'gzip');
  assert.equal(response.headers['cross-origin-resource-policy'], 'cross-origin');
  assert.match(String(response.headers['cache-control']), /public, max-age=\d+/);
  const gzipped = Buffer.from(await response.body.arrayBuffer());
  assert.ok(gzipped.length < budget, `tracking.js is ${gzipped.length} bytes gzipped; the budget is ${budget}`);
  assert.equal(gunzipSync(gzipped).toString('utf8'), minified, 'the served script is the build of the current source');
  assert.ok(minified.length < 0.5 * readFileSync(new URL('../src/tracking/tracking.js', import.meta.url), 'utf8').length, 'minified');

  const again = await fetch(`${platform.url}/tracking.js`, { headers: { 'if-none-match': String(response.headers.etag) } });
  assert.equal(again.status, 304);
  const plain = await fetch(`${platform.url}/tracking.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(await plain.text(), minified);
});
